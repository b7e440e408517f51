package dev.forecourt.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter (or a record component of an argument) holding the id of an entity that belongs to a
 * dealership (a vehicle, lead, deal or test drive: an entity with a {@code dealership}
 * association): the call concerns that entity's dealership ({@link DealershipScoped}).
 */
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface DealershipOf {

  /** The entity class the id belongs to. */
  Class<?> value();
}
