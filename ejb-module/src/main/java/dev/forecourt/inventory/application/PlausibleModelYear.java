package dev.forecourt.inventory.application;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Year;

/** A model year from 1900 up to next year (manufacturers sell next year's models from mid-year). */
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = PlausibleModelYear.Validator.class)
public @interface PlausibleModelYear {
  String message() default "must be between 1900 and next year";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Compares with the current year at validation time. */
  class Validator implements ConstraintValidator<PlausibleModelYear, Integer> {
    @Override
    public boolean isValid(Integer value, ConstraintValidatorContext context) {
      return value == null || (value >= 1900 && value <= Year.now().getValue() + 1);
    }
  }
}
