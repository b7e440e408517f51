package dev.forecourt.platform.openapi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The schema model calls whose signatures differ between the servers' MicroProfile OpenAPI: Payara
 * 6 ships MP OpenAPI 3.1 (OpenAPI 3.0 documents: one {@code type}, {@code nullable}, a boolean
 * {@code exclusiveMinimum} beside {@code minimum}), WildFly 39 ships 4.1 (OpenAPI 3.1: a list of
 * types, no {@code nullable}, {@code exclusiveMinimum} a number). The application is compiled
 * against 3.1, so a direct call of one of these fails on WildFly with {@link NoSuchMethodError};
 * here each is chosen once by the signature the server's API has.
 */
final class PortableSchemas {

  /** MP OpenAPI 4: {@code List<SchemaType> getType()}. */
  private static final boolean V4 = listsTypes();

  private static final MethodHandle GET_TYPE;
  private static final MethodHandle SET_TYPE;
  private static final MethodHandle SET_EXCLUSIVE_MINIMUM;
  private static final MethodHandle SET_EXCLUSIVE_MAXIMUM;

  /** MP OpenAPI 3 only. */
  private static final MethodHandle SET_NULLABLE;

  static {
    Class<?> type = V4 ? List.class : SchemaType.class;
    Class<?> exclusive = V4 ? BigDecimal.class : Boolean.class;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      GET_TYPE = lookup.findVirtual(Schema.class, "getType", MethodType.methodType(type));
      SET_TYPE = setter(lookup, "setType", type);
      SET_EXCLUSIVE_MINIMUM = setter(lookup, "setExclusiveMinimum", exclusive);
      SET_EXCLUSIVE_MAXIMUM = setter(lookup, "setExclusiveMaximum", exclusive);
      SET_NULLABLE = V4 ? null : setter(lookup, "setNullable", Boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private PortableSchemas() {}

  /** A new schema of the type. */
  static Schema schema(SchemaType type) {
    return typed(OASFactory.createSchema(), type);
  }

  /** Sets the schema's one type and returns the schema. */
  static Schema typed(Schema schema, SchemaType type) {
    call(SET_TYPE, schema, V4 ? new ArrayList<>(List.of(type)) : type);
    return schema;
  }

  /** Whether the schema has the type (among its types, on MP OpenAPI 4). */
  static boolean is(Schema schema, SchemaType type) {
    Object types;
    try {
      types = GET_TYPE.invoke(schema);
    } catch (Throwable e) {
      throw new IllegalStateException("Cannot read the type of an OpenAPI schema", e);
    }
    return V4 ? types instanceof List<?> list && list.contains(type) : types == type;
  }

  /** Removes the schema's type and, on MP OpenAPI 3, its {@code nullable}. */
  static void untyped(Schema schema) {
    call(SET_TYPE, schema, null);
    if (SET_NULLABLE != null) {
      call(SET_NULLABLE, schema, null);
    }
  }

  /** Values must be greater than {@code bound}. */
  static void exclusiveMinimum(Schema schema, BigDecimal bound) {
    exclusive(schema, bound, SET_EXCLUSIVE_MINIMUM, schema::setMinimum);
  }

  /** Values must be less than {@code bound}. */
  static void exclusiveMaximum(Schema schema, BigDecimal bound) {
    exclusive(schema, bound, SET_EXCLUSIVE_MAXIMUM, schema::setMaximum);
  }

  /**
   * MP OpenAPI 4: the exclusive bound is the number; 3: the inclusive bound's number, marked
   * exclusive.
   */
  private static void exclusive(
      Schema schema, BigDecimal bound, MethodHandle setExclusive, Consumer<BigDecimal> setBound) {
    if (V4) {
      call(setExclusive, schema, bound);
    } else {
      setBound.accept(bound);
      call(setExclusive, schema, Boolean.TRUE);
    }
  }

  private static MethodHandle setter(MethodHandles.Lookup lookup, String name, Class<?> type)
      throws ReflectiveOperationException {
    return lookup.findVirtual(Schema.class, name, MethodType.methodType(void.class, type));
  }

  private static void call(MethodHandle setter, Schema schema, Object value) {
    try {
      setter.invoke(schema, value);
    } catch (Throwable e) {
      throw new IllegalStateException("Cannot change an OpenAPI schema", e);
    }
  }

  private static boolean listsTypes() {
    try {
      return List.class.equals(Schema.class.getMethod("getType").getReturnType());
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
