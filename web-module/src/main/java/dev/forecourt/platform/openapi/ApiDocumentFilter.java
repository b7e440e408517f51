package dev.forecourt.platform.openapi;

import dev.forecourt.platform.maintenance.MaintenanceFilter;
import dev.forecourt.platform.problem.Problem;
import dev.forecourt.platform.problem.ProblemHttp;
import dev.forecourt.platform.problem.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Finishes the document the server builds from the annotations ({@code mp.openapi.filter}):
 *
 * <ul>
 *   <li>schemas of the records, from the records themselves ({@link RecordSchemas}): Payara scans
 *       only the WAR, so a {@code @Schema(implementation = VehicleView.class)} of the ejb-module
 *       would be a bare {@code type: object};
 *   <li>path templates without the JAX-RS regex ({@code /vehicles/{id: [0-9]{1,18}}} becomes {@code
 *       /vehicles/{id}}; a string parameter keeps the regex as its {@code pattern});
 *   <li>the access of each operation from its {@value #ROLES} and {@value #API_KEY_SCOPES}
 *       extensions: security requirements and a sentence in the description;
 *   <li>the {@code application/problem+json} responses of each operation: the problem types of its
 *       {@value #PROBLEMS} extension and those every operation of its kind can answer (refused
 *       credential, rate limit, maintenance on writes, body errors on bodies, ...), per status,
 *       with an example per type.
 * </ul>
 */
public class ApiDocumentFilter implements OASFilter {

  /**
   * Extension: the JWT roles (groups) allowed, space-separated; {@value #ANONYMOUS} for no
   * credential.
   */
  public static final String ROLES = "x-forecourt-roles";

  /** Extension: the API-key scopes allowed, space-separated. */
  public static final String API_KEY_SCOPES = "x-forecourt-api-key-scopes";

  /**
   * Extension: the problem types (slugs of {@link ProblemType}) the operation itself can answer.
   */
  public static final String PROBLEMS = "x-forecourt-problems";

  /** In {@value #ROLES}: callable without a credential. */
  public static final String ANONYMOUS = "anonymous";

  /** The security scheme of bearer tokens (Forecourt's own or the SSO's JWTs). */
  public static final String BEARER = "bearer";

  /** The security scheme of integrators' API keys ({@code Authorization: ApiKey <key>}). */
  public static final String API_KEY = "apiKey";

  private static final String API_ROOT = "/api/v1";
  private static final String PROBLEM_JSON = "application/problem+json";

  /** What any request can be answered, whatever the operation. */
  private static final List<ProblemType> ANY_REQUEST =
      List.of(
          ProblemType.REQUEST_REJECTED,
          ProblemType.INVALID_TOKEN,
          ProblemType.CLIENT_BLOCKED,
          ProblemType.RATE_LIMITED,
          ProblemType.INTERNAL,
          ProblemType.SERVICE_UNAVAILABLE);

  /** What a request with a body can be answered. */
  private static final List<ProblemType> WITH_BODY =
      List.of(
          ProblemType.MALFORMED_REQUEST,
          ProblemType.PAYLOAD_TOO_LARGE,
          ProblemType.UNSUPPORTED_MEDIA_TYPE);

  /** What an operation that needs a credential can be answered. */
  private static final List<ProblemType> PROTECTED =
      List.of(ProblemType.UNAUTHENTICATED, ProblemType.FORBIDDEN);

  private static final Logger LOG = Logger.getLogger(ApiDocumentFilter.class.getName());

  private final RecordSchemas records = new RecordSchemas();

  @Override
  public Schema filterSchema(Schema schema) {
    implementation(schema)
        .filter(RecordSchemas::isComponent)
        .ifPresent(
            type -> {
              boolean array = PortableSchemas.is(schema, SchemaType.ARRAY);
              Schema reference = records.referenceTo(type);
              clear(schema);
              if (array) {
                PortableSchemas.typed(schema, SchemaType.ARRAY);
                schema.setItems(reference);
              } else {
                schema.setRef(reference.getRef());
              }
            });
    return schema;
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    Schema problem = records.referenceTo(Problem.class);
    Paths paths = openAPI.getPaths();
    if (paths != null && paths.getPathItems() != null) {
      Map<String, PathItem> items = new LinkedHashMap<>(paths.getPathItems());
      items.keySet().forEach(paths::removePathItem);
      items.forEach(
          (template, item) -> {
            String path = withoutRegex(template, item);
            item.getOperations()
                .forEach(
                    (method, operation) -> {
                      describeAccess(operation);
                      addProblems(operation, method.name(), path, problem);
                    });
            paths.addPathItem(path, item);
          });
      uniqueOperationIds(paths);
    }
    withoutPayaraEndpoints(openAPI);
    if (openAPI.getTags() != null) {
      Map<String, Tag> tags = new LinkedHashMap<>();
      openAPI
          .getTags()
          .forEach(
              tag -> tags.merge(tag.getName(), tag, (a, b) -> a.getDescription() != null ? a : b));
      openAPI.setTags(new ArrayList<>(tags.values()));
    }
    Components components = openAPI.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openAPI.setComponents(components);
    }
    Map<String, Schema> schemas = new TreeMap<>(records.components());
    if (components.getSchemas() != null) {
      components.getSchemas().forEach(schemas::putIfAbsent);
    }
    components.setSchemas(schemas);
  }

  /**
   * Payara names an operation after its Java method ({@code list}, {@code read}), which repeats
   * across resources: each becomes the method name and the resource, {@code listApiKeys}, {@code
   * readVehicles}, with more path segments where that still repeats.
   */
  private static void uniqueOperationIds(Paths paths) {
    Map<Operation, String> path = new LinkedHashMap<>();
    paths
        .getPathItems()
        .forEach(
            (template, item) -> item.getOperations().values().forEach(o -> path.put(o, template)));
    for (int segments = 1; segments <= 4; segments++) {
      Map<String, Integer> counts = new java.util.HashMap<>();
      Map<Operation, String> ids = new LinkedHashMap<>();
      for (Map.Entry<Operation, String> entry : path.entrySet()) {
        String id = entry.getKey().getOperationId() + resourceName(entry.getValue(), segments);
        ids.put(entry.getKey(), id);
        counts.merge(id, 1, Integer::sum);
      }
      if (ids.values().stream().allMatch(id -> counts.get(id) == 1) || segments == 4) {
        ids.forEach(Operation::setOperationId);
        return;
      }
    }
  }

  /**
   * The first {@code segments} literal segments of a path, without {@code admin}: {@code
   * /api/v1/webhooks/{id}/deliveries}, 2 → {@code WebhooksDeliveries}.
   */
  private static String resourceName(String template, int segments) {
    StringBuilder name = new StringBuilder();
    int taken = 0;
    for (String segment :
        template.substring(template.startsWith(API_ROOT) ? API_ROOT.length() : 0).split("/")) {
      if (segment.isEmpty()
          || segment.startsWith("{")
          || segment.equals("admin")
          || taken == segments) {
        continue;
      }
      for (String word : segment.split("-")) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
      taken++;
    }
    return name.toString();
  }

  /**
   * Payara adds a non-standard top-level {@code endpoints} (the paths with their JAX-RS regex) that
   * OpenAPI parsers reject: emptied, so that it is not written.
   */
  private static void withoutPayaraEndpoints(OpenAPI openAPI) {
    try {
      openAPI
          .getClass()
          .getMethod("setEndpoints", Map.class)
          .invoke(openAPI, new TreeMap<String, Set<String>>());
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another implementation: nothing of the kind to drop
    }
  }

  /**
   * {@code /vehicles/{id: [0-9]{1,18}}} → {@code /vehicles/{id}}, the regex kept as a string
   * parameter's pattern.
   */
  static String withoutRegex(String template, PathItem item) {
    StringBuilder path = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '{') {
        path.append(c);
        i++;
        continue;
      }
      int depth = 0;
      int end = i;
      for (; end < template.length(); end++) {
        depth += template.charAt(end) == '{' ? 1 : template.charAt(end) == '}' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      String inside = template.substring(i + 1, end);
      int colon = inside.indexOf(':');
      String name = (colon < 0 ? inside : inside.substring(0, colon)).trim();
      if (colon >= 0 && item != null) {
        String regex = inside.substring(colon + 1).trim();
        item.getOperations().values().forEach(operation -> patternOf(operation, name, regex));
      }
      path.append('{').append(name).append('}');
      i = end + 1;
    }
    return path.toString();
  }

  private static void patternOf(Operation operation, String name, String regex) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getIn() == Parameter.In.PATH
          && name.equals(parameter.getName())
          && parameter.getSchema() != null
          && PortableSchemas.is(parameter.getSchema(), SchemaType.STRING)) {
        parameter.getSchema().setPattern("^" + regex + "$");
      }
    }
  }

  private static void describeAccess(Operation operation) {
    Set<String> roles = words(operation, ROLES);
    Set<String> scopes = words(operation, API_KEY_SCOPES);
    boolean anonymous = roles.remove(ANONYMOUS);
    List<SecurityRequirement> security = new ArrayList<>();
    List<String> who = new ArrayList<>();
    if (anonymous) {
      security.add(OASFactory.createSecurityRequirement());
      who.add("anyone, without a credential");
    }
    if (!roles.isEmpty()) {
      security.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
      who.add("a bearer token with the role " + String.join(", ", roles));
    }
    if (!scopes.isEmpty()) {
      security.add(OASFactory.createSecurityRequirement().addScheme(API_KEY));
      who.add("an API key with the scope " + String.join(", ", scopes));
    }
    if (who.isEmpty()) {
      LOG.warning(
          () ->
              "Operation "
                  + operation.getOperationId()
                  + " does not say who may call it ("
                  + ROLES
                  + ")");
      return;
    }
    operation.setSecurity(security);
    String access = "**Access:** " + String.join("; or ", who) + ".";
    String description = operation.getDescription();
    operation.setDescription(
        description == null || description.isBlank()
            ? access
            : description.strip() + "\n\n" + access);
  }

  private static void addProblems(Operation operation, String method, String path, Schema problem) {
    Set<ProblemType> types = new LinkedHashSet<>();
    for (String slug : words(operation, PROBLEMS)) {
      Optional<ProblemType> type =
          Arrays.stream(ProblemType.values()).filter(t -> t.slug().equals(slug)).findFirst();
      type.ifPresentOrElse(
          types::add,
          () -> LOG.warning(() -> "Unknown problem type " + slug + " on " + method + " " + path));
    }
    if (!words(operation, ROLES).contains(ANONYMOUS)) {
      types.addAll(PROTECTED);
    }
    if (operation.getRequestBody() != null) {
      types.addAll(WITH_BODY);
    }
    String relative = path.startsWith(API_ROOT) ? path.substring(API_ROOT.length()) : path;
    if (MaintenanceFilter.appliesTo(method.toUpperCase(Locale.ROOT), relative)) {
      types.add(ProblemType.MAINTENANCE);
    }
    types.addAll(ANY_REQUEST);
    Map<Integer, List<ProblemType>> byStatus = new TreeMap<>();
    types.forEach(
        type ->
            byStatus.computeIfAbsent(ProblemHttp.status(type), s -> new ArrayList<>()).add(type));
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    for (Map.Entry<Integer, List<ProblemType>> entry : byStatus.entrySet()) {
      String code = Integer.toString(entry.getKey());
      APIResponse response = responses.getAPIResponse(code);
      if (response == null) {
        response = OASFactory.createAPIResponse();
        responses.addAPIResponse(code, response);
      }
      MediaType json =
          OASFactory.createMediaType().schema(OASFactory.createSchema().ref(problem.getRef()));
      StringBuilder description =
          new StringBuilder(
              response.getDescription() == null ? "" : response.getDescription().strip());
      if (description.length() > 0) {
        description.append("\n\n");
      }
      description.append("Problem types:");
      for (ProblemType type : entry.getValue()) {
        description
            .append("\n- `")
            .append(ProblemHttp.uri(type))
            .append("`: ")
            .append(type.title());
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", ProblemHttp.uri(type).toString());
        example.put("title", type.title());
        example.put("status", ProblemHttp.status(type));
        example.put("correlationId", "3f1c0f5e-8a4b-4c1e-9c7d-2b9e4f6a1d20");
        json.addExample(
            type.slug(), OASFactory.createExample().summary(type.title()).value(example));
      }
      response.setDescription(description.toString());
      Content content =
          response.getContent() == null ? OASFactory.createContent() : response.getContent();
      content.addMediaType(PROBLEM_JSON, json);
      response.setContent(content);
      if (entry.getKey() == 429 || entry.getValue().contains(ProblemType.MAINTENANCE)) {
        response.addHeader(
            "Retry-After",
            OASFactory.createHeader()
                .description("Seconds to wait before trying again")
                .schema(PortableSchemas.schema(SchemaType.INTEGER)));
      }
    }
  }

  private static Set<String> words(Operation operation, String extension) {
    Object value =
        operation.getExtensions() == null ? null : operation.getExtensions().get(extension);
    Set<String> words = new LinkedHashSet<>();
    if (value != null) {
      for (String word : value.toString().trim().split("[\\s,]+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  /**
   * The class a {@code @Schema(implementation = ...)} named: Payara keeps it on its schema model.
   */
  private static Optional<Class<?>> implementation(Schema schema) {
    try {
      Object name = schema.getClass().getMethod("getImplementation").invoke(schema);
      if (name instanceof String className && !className.isBlank()) {
        return Optional.of(
            Class.forName(className, false, ApiDocumentFilter.class.getClassLoader()));
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // another implementation, or a class this module cannot see: leave the schema as it is
    }
    return Optional.empty();
  }

  private static void clear(Schema schema) {
    PortableSchemas.untyped(schema);
    schema.setFormat(null);
    schema.setProperties(null);
    schema.setItems(null);
    schema.setRequired(null);
    schema.setEnumeration(null);
    schema.setAdditionalPropertiesSchema(null);
    schema.setAdditionalPropertiesBoolean(null);
    schema.setAllOf(null);
    schema.setAnyOf(null);
    schema.setOneOf(null);
    schema.setDefaultValue(null);
  }
}
