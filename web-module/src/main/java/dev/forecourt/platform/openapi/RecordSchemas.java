package dev.forecourt.platform.openapi;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * JSON schemas of the API's records as JSON-B writes and reads them: one component per record
 * (named by its simple name), properties in component order under their {@code @JsonbProperty}
 * names, Bean Validation constraints as {@code required}, lengths, bounds and patterns, enums as
 * their constants, nested records as references.
 */
final class RecordSchemas {

  private final Map<String, Schema> components = new LinkedHashMap<>();

  /** The components made so far, by name. */
  Map<String, Schema> components() {
    return components;
  }

  /**
   * A reference to the component of {@code type} (a record or an enum), made with its dependencies
   * if new.
   */
  Schema referenceTo(Class<?> type) {
    String name = type.getSimpleName();
    if (!components.containsKey(name)) {
      components.put(name, OASFactory.createSchema()); // placeholder: recursive records end here
      components.put(name, type.isEnum() ? enumSchema(type) : recordSchema(type));
    }
    return OASFactory.createSchema().ref(name);
  }

  /** Whether {@code type} gets a component of its own. */
  static boolean isComponent(Class<?> type) {
    return (type.isRecord() || type.isEnum()) && !type.getName().startsWith("java.");
  }

  private Schema recordSchema(Class<?> type) {
    Schema schema = PortableSchemas.schema(SchemaType.OBJECT);
    List<String> required = new ArrayList<>();
    RecordComponent[] components = type.getRecordComponents();
    for (int index = 0; index < components.length; index++) {
      RecordComponent component = components[index];
      AnnotatedElement[] sites = sites(type, components, index);
      if (annotation(sites, JsonbTransient.class) != null) {
        continue;
      }
      JsonbProperty renamed = annotation(sites, JsonbProperty.class);
      String name =
          renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
      Schema property = schemaOf(component.getGenericType());
      constrain(property, sites);
      if (annotation(sites, NotNull.class) != null
          || annotation(sites, NotBlank.class) != null
          || annotation(sites, NotEmpty.class) != null) {
        required.add(name);
      }
      schema.addProperty(name, property);
    }
    if (!required.isEmpty()) {
      schema.setRequired(required);
    }
    return schema;
  }

  private static Schema enumSchema(Class<?> type) {
    Schema schema = PortableSchemas.schema(SchemaType.STRING);
    Arrays.stream(type.getEnumConstants())
        .map(c -> ((Enum<?>) c).name())
        .forEach(schema::addEnumeration);
    return schema;
  }

  /** The schema of a property, parameter or body of Java type {@code type}. */
  Schema schemaOf(Type type) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return PortableSchemas.schema(SchemaType.ARRAY).items(schemaOf(arguments[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return PortableSchemas.schema(SchemaType.OBJECT)
            .additionalPropertiesSchema(schemaOf(arguments[1]));
      }
      if (Optional.class.equals(raw)) {
        return schemaOf(arguments[0]);
      }
      return schemaOf(raw);
    }
    if (type instanceof WildcardType wildcard) {
      return schemaOf(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof GenericArrayType array) {
      return PortableSchemas.schema(SchemaType.ARRAY)
          .items(schemaOf(array.getGenericComponentType()));
    }
    if (!(type instanceof Class<?> c)) {
      return OASFactory.createSchema(); // a type variable: anything
    }
    if (c == String.class || c == char.class || c == Character.class) {
      return PortableSchemas.schema(SchemaType.STRING);
    }
    if (c == byte[].class) {
      return PortableSchemas.schema(SchemaType.STRING).format("byte");
    }
    if (c.isArray()) {
      return PortableSchemas.schema(SchemaType.ARRAY).items(schemaOf(c.getComponentType()));
    }
    if (c == int.class
        || c == Integer.class
        || c == short.class
        || c == Short.class
        || c == byte.class
        || c == Byte.class) {
      return PortableSchemas.schema(SchemaType.INTEGER).format("int32");
    }
    if (c == long.class || c == Long.class || c == BigInteger.class) {
      return PortableSchemas.schema(SchemaType.INTEGER).format("int64");
    }
    if (c == double.class || c == Double.class) {
      return PortableSchemas.schema(SchemaType.NUMBER).format("double");
    }
    if (c == float.class || c == Float.class) {
      return PortableSchemas.schema(SchemaType.NUMBER).format("float");
    }
    if (c == BigDecimal.class) {
      return PortableSchemas.schema(SchemaType.NUMBER);
    }
    if (c == boolean.class || c == Boolean.class) {
      return PortableSchemas.schema(SchemaType.BOOLEAN);
    }
    if (c == Instant.class
        || c == OffsetDateTime.class
        || c == ZonedDateTime.class
        || c == LocalDateTime.class) {
      return PortableSchemas.schema(SchemaType.STRING).format("date-time");
    }
    if (c == LocalDate.class) {
      return PortableSchemas.schema(SchemaType.STRING).format("date");
    }
    if (c == Duration.class) {
      return PortableSchemas.schema(SchemaType.STRING).format("duration").example("PT1H");
    }
    if (c == URI.class) {
      return PortableSchemas.schema(SchemaType.STRING).format("uri");
    }
    if (c == UUID.class) {
      return PortableSchemas.schema(SchemaType.STRING).format("uuid");
    }
    if (isComponent(c)) {
      return referenceTo(c);
    }
    if (Map.class.isAssignableFrom(c)) {
      return PortableSchemas.schema(SchemaType.OBJECT);
    }
    if (Collection.class.isAssignableFrom(c)) {
      return PortableSchemas.schema(SchemaType.ARRAY).items(OASFactory.createSchema());
    }
    if (Number.class.isAssignableFrom(c)) {
      return PortableSchemas.schema(SchemaType.NUMBER);
    }
    return OASFactory.createSchema(); // Object or a type JSON-B writes its own way: anything
  }

  private static void constrain(Schema property, AnnotatedElement[] sites) {
    boolean array = PortableSchemas.is(property, SchemaType.ARRAY);
    Size size = annotation(sites, Size.class);
    if (size != null) {
      if (array) {
        property.setMinItems(size.min() > 0 ? size.min() : null);
        property.setMaxItems(size.max() < Integer.MAX_VALUE ? size.max() : null);
      } else {
        property.setMinLength(size.min() > 0 ? size.min() : null);
        property.setMaxLength(size.max() < Integer.MAX_VALUE ? size.max() : null);
      }
    }
    if (annotation(sites, NotBlank.class) != null || annotation(sites, NotEmpty.class) != null) {
      if (array) {
        property.setMinItems(
            Math.max(1, property.getMinItems() == null ? 0 : property.getMinItems()));
      } else if (property.getMinLength() == null) {
        property.setMinLength(1);
      }
    }
    Min min = annotation(sites, Min.class);
    if (min != null) {
      property.setMinimum(BigDecimal.valueOf(min.value()));
    }
    Max max = annotation(sites, Max.class);
    if (max != null) {
      property.setMaximum(BigDecimal.valueOf(max.value()));
    }
    DecimalMin decimalMin = annotation(sites, DecimalMin.class);
    if (decimalMin != null) {
      if (decimalMin.inclusive()) {
        property.setMinimum(new BigDecimal(decimalMin.value()));
      } else {
        PortableSchemas.exclusiveMinimum(property, new BigDecimal(decimalMin.value()));
      }
    }
    DecimalMax decimalMax = annotation(sites, DecimalMax.class);
    if (decimalMax != null) {
      if (decimalMax.inclusive()) {
        property.setMaximum(new BigDecimal(decimalMax.value()));
      } else {
        PortableSchemas.exclusiveMaximum(property, new BigDecimal(decimalMax.value()));
      }
    }
    if (annotation(sites, Positive.class) != null) {
      PortableSchemas.exclusiveMinimum(property, BigDecimal.ZERO);
    }
    if (annotation(sites, PositiveOrZero.class) != null) {
      property.setMinimum(BigDecimal.ZERO);
    }
    Pattern pattern = annotation(sites, Pattern.class);
    if (pattern != null) {
      property.setPattern(pattern.regexp());
    }
    if (annotation(sites, Email.class) != null) {
      property.setFormat("email");
    }
  }

  /**
   * Where a record component's annotations end up: its field, its accessor, its constructor
   * parameter.
   */
  private static AnnotatedElement[] sites(Class<?> type, RecordComponent[] components, int index) {
    RecordComponent component = components[index];
    List<AnnotatedElement> sites = new ArrayList<>();
    sites.add(component);
    sites.add(component.getAccessor());
    try {
      sites.add(type.getDeclaredField(component.getName()));
    } catch (NoSuchFieldException e) {
      // a record always has the field; nothing more to read if not
    }
    try {
      Class<?>[] parameters =
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      sites.add(type.getDeclaredConstructor(parameters).getParameters()[index]);
    } catch (NoSuchMethodException e) {
      // no canonical constructor to read
    }
    return sites.toArray(AnnotatedElement[]::new);
  }

  private static <A extends Annotation> A annotation(AnnotatedElement[] sites, Class<A> kind) {
    for (AnnotatedElement site : sites) {
      A found = site.getAnnotation(kind);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
