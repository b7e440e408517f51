package dev.forecourt.inventory.application;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.forecourt.inventory.domain.Vin;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A 17-character ISO 3779 VIN with a correct check digit; null is left to {@code @NotNull}. */
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = ValidVin.Validator.class)
public @interface ValidVin {
  String message() default "must be a 17-character VIN with a valid check digit";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the VIN with the domain's own rule. */
  class Validator implements ConstraintValidator<ValidVin, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || Vin.isValid(value);
    }
  }
}
