package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.platform.web.ForecourtApplication;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document at {@code /openapi} against the deployed EAR: valid for a real OpenAPI
 * parser in JSON and YAML, complete (every JAX-RS resource method of the web module, found by
 * reflection over its classes, is documented; every documented operation is routed), true to the
 * conventions (no regex in paths, security schemes, problem responses, who may call), and Swagger
 * UI at {@code /api/docs} under a Content-Security-Policy without inline scripts.
 */
@ExtendWith(ForecourtServer.class)
class OpenApiIT {

  private static final String API_ROOT = "/api/v1";
  private static final String PROBLEM_JSON = "application/problem+json";

  /**
   * The detail of a 404 the router answers for a path no resource matches (the problem type's
   * title).
   */
  private static final String NO_ROUTE_DETAIL = "The resource does not exist";

  private static String yaml;
  private static String json;
  private static OpenAPI document;

  @BeforeAll
  static void fetchTheDocument() throws IOException {
    yaml = server().get("/openapi").then().statusCode(200).extract().asString();
    json =
        server()
            .accept("application/json")
            .get("/openapi?format=JSON")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Files.createDirectories(Paths.get("target"));
    Files.writeString(Paths.get("target/openapi.yaml"), yaml);
    Files.writeString(Paths.get("target/openapi.json"), json);
    document = parse(yaml);
  }

  private static io.restassured.specification.RequestSpecification server() {
    return RestAssured.given().baseUri(ForecourtServer.baseUri().toString()).basePath("/");
  }

  private static OpenAPI parse(String text) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    assertEquals(
        List.of(),
        result.getMessages() == null ? List.of() : result.getMessages(),
        "parser messages");
    assertNotNull(result.getOpenAPI(), "parsed document");
    return result.getOpenAPI();
  }

  @Test
  void jsonAndYamlAreValidAndTheSame() {
    assertTrue(
        json.trim().startsWith("{"), "JSON: " + json.substring(0, Math.min(80, json.length())));
    OpenAPI fromJson = parse(json);
    assertEquals(document.getPaths().keySet(), fromJson.getPaths().keySet());
    assertEquals(
        document.getComponents().getSchemas().keySet(),
        fromJson.getComponents().getSchemas().keySet());
    assertEquals(operations(document).size(), operations(fromJson).size());
  }

  @Test
  void infoDescribesThePlatform() {
    assertEquals("Forecourt API", document.getInfo().getTitle());
    String description = document.getInfo().getDescription();
    for (String word :
        List.of("inventory", "leads", "deals", "API key", "webhooks", "problem+json", "audit")) {
      assertTrue(description.contains(word), "info.description mentions " + word);
    }
  }

  @Test
  void everyResourceMethodIsDocumentedAndNothingElse() throws Exception {
    Set<String> declared = resourceOperations();
    Set<String> documented = new TreeSet<>(operations(document).keySet());
    assertTrue(declared.size() >= 60, "resource methods found by reflection: " + declared.size());
    Set<String> undocumented = new TreeSet<>(declared);
    undocumented.removeAll(documented);
    assertEquals(Set.of(), undocumented, "resource methods missing from /openapi");
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(declared);
    assertEquals(Set.of(), stale, "documented operations no resource method serves");
  }

  /**
   * Swagger UI offers a form field for each documented parameter only: a query parameter the server
   * reads but the document leaves out (the server's scanner does not look into {@code @BeanParam}
   * classes) cannot be tried there, nor by a generated client.
   */
  @Test
  void everyParameterAResourceMethodReadsIsDocumented() throws Exception {
    Map<String, Operation> documented = operations(document);
    Set<String> missing = new TreeSet<>();
    int checked = 0;
    for (Class<?> type : resourceClasses()) {
      for (Method method : type.getDeclaredMethods()) {
        String operation = operationOf(type, method);
        if (operation == null) {
          continue;
        }
        Operation op = documented.get(operation);
        assertNotNull(op, "documented: " + operation);
        Set<String> inDocument = new TreeSet<>();
        if (op.getParameters() != null) {
          op.getParameters().forEach(p -> inDocument.add(p.getIn() + " " + p.getName()));
        }
        for (String parameter : declaredParameters(type, method)) {
          checked++;
          if (!inDocument.contains(parameter)) {
            missing.add(operation + ": " + parameter);
          }
        }
      }
    }
    assertTrue(checked >= 50, "parameters found by reflection: " + checked);
    assertEquals(Set.of(), missing, "parameters the resources read but /openapi leaves out");
  }

  @Test
  void noPathTemplateCarriesARegex() {
    Pattern parameter = Pattern.compile("\\{([^}]*)}");
    for (String path : document.getPaths().keySet()) {
      Matcher m = parameter.matcher(path);
      while (m.find()) {
        assertTrue(m.group(1).matches("[A-Za-z][A-Za-z0-9_]*"), "path template " + path);
      }
      assertFalse(
          path.contains(":") || path.contains("[") || path.contains(" "), "path template " + path);
    }
  }

  @Test
  void securitySchemesAndAccessPerOperation() {
    var schemes = document.getComponents().getSecuritySchemes();
    assertEquals("bearer", schemes.get("bearer").getScheme());
    assertEquals("JWT", schemes.get("bearer").getBearerFormat());
    assertEquals("Authorization", schemes.get("apiKey").getName());
    assertEquals("header", schemes.get("apiKey").getIn().toString());
    operations(document)
        .forEach(
            (key, operation) -> {
              Map<String, Object> extensions = operation.getExtensions();
              assertNotNull(extensions, key + " has no extensions");
              String roles = String.valueOf(extensions.get("x-forecourt-roles"));
              assertFalse(
                  roles.isBlank() || roles.equals("null"), key + " does not say who may call it");
              assertNotNull(operation.getSecurity(), key + " has no security requirements");
              assertTrue(
                  operation.getDescription().contains("**Access:**"),
                  key + " describes its access");
              boolean anonymous = roles.contains("anonymous");
              boolean bearer =
                  operation.getSecurity().stream().anyMatch(r -> r.containsKey("bearer"));
              assertEquals(
                  anonymous,
                  operation.getSecurity().stream().anyMatch(Map::isEmpty),
                  key + " anonymous requirement");
              assertEquals(
                  !roles.replace("anonymous", "").isBlank(), bearer, key + " bearer requirement");
              if (extensions.containsKey("x-forecourt-api-key-scopes")) {
                assertTrue(
                    operation.getSecurity().stream().anyMatch(r -> r.containsKey("apiKey")),
                    key + " API-key requirement");
              }
            });
    Operation createVehicle = document.getPaths().get("/api/v1/vehicles").getPost();
    assertEquals("sales manager admin", createVehicle.getExtensions().get("x-forecourt-roles"));
    assertEquals(
        "inventory:write", createVehicle.getExtensions().get("x-forecourt-api-key-scopes"));
  }

  @Test
  void everyOperationDeclaresItsProblemResponses() {
    operations(document)
        .forEach(
            (key, operation) -> {
              List<String> problemStatuses = new ArrayList<>();
              operation
                  .getResponses()
                  .forEach(
                      (status, response) -> {
                        if (response.getContent() != null
                            && response.getContent().containsKey(PROBLEM_JSON)) {
                          problemStatuses.add(status);
                          assertEquals(
                              "#/components/schemas/Problem",
                              response.getContent().get(PROBLEM_JSON).getSchema().get$ref(),
                              key);
                          assertTrue(
                              response.getDescription().contains("https://forecourt.dev/problems/"),
                              key + " " + status);
                        }
                      });
              assertFalse(problemStatuses.isEmpty(), key + " declares no problem response");
              Object declared =
                  operation.getExtensions() == null
                      ? null
                      : operation.getExtensions().get("x-forecourt-problems");
              if (declared != null) {
                String descriptions =
                    operation.getResponses().values().stream()
                        .map(ApiResponse::getDescription)
                        .reduce("", String::concat);
                for (String slug : declared.toString().trim().split("\\s+")) {
                  assertTrue(
                      descriptions.contains("https://forecourt.dev/problems/" + slug + "`"),
                      key + " lists " + slug);
                }
              }
              assertTrue(problemStatuses.contains("500"), key + " declares no 500");
            });
    ApiResponse conflict =
        document.getPaths().get("/api/v1/deals").getPost().getResponses().get("409");
    assertTrue(
        conflict.getDescription().contains("vehicle-unavailable"), conflict.getDescription());
    assertTrue(
        conflict.getContent().get(PROBLEM_JSON).getExamples().containsKey("vehicle-unavailable"));
    assertNotNull(
        document
            .getPaths()
            .get("/api/v1/deals")
            .getPost()
            .getResponses()
            .get("503")
            .getHeaders()
            .get("Retry-After"));
  }

  @Test
  void schemasComeFromTheRecords() {
    Map<String, Schema> schemas = document.getComponents().getSchemas();
    Schema<?> vehicle = schemas.get("VehicleView");
    assertNotNull(vehicle, "VehicleView schema");
    assertTrue(
        vehicle
            .getProperties()
            .keySet()
            .containsAll(List.of("id", "vin", "make", "model", "version")),
        "VehicleView properties " + vehicle.getProperties().keySet());
    assertEquals("integer", type(vehicle.getProperties().get("id")));
    Schema<?> token = schemas.get("TokenResponse");
    assertTrue(
        token.getProperties().containsKey("access_token"),
        "JSON-B names: " + token.getProperties().keySet());
    Schema<?> credentials = schemas.get("Credentials");
    assertTrue(
        credentials.getRequired().containsAll(List.of("username", "password")),
        "Bean Validation: required");
    assertEquals(100, credentials.getProperties().get("username").getMaxLength());
    assertEquals(
        "#/components/schemas/VehicleView",
        ((Schema<?>) schemas.get("VehicleList").getProperties().get("items")).getItems().get$ref());
    schemas.forEach(
        (name, schema) ->
            assertFalse(
                "object".equals(type(schema))
                    && schema.getProperties() == null
                    && schema.getAdditionalProperties() == null,
                "schema " + name + " is a bare object"));
    // every response and request body of JSON has a schema that says something
    operations(document)
        .forEach(
            (key, operation) -> {
              if (operation.getRequestBody() != null) {
                operation
                    .getRequestBody()
                    .getContent()
                    .forEach(
                        (media, type) ->
                            assertNotNull(
                                type.getSchema().get$ref() != null
                                    ? type.getSchema().get$ref()
                                    : type(type.getSchema()),
                                key + " body"));
              }
              operation
                  .getResponses()
                  .forEach(
                      (status, response) -> {
                        if (response.getContent() != null) {
                          assertFalse(
                              response.getContent().containsKey("*/*"),
                              key + " " + status + " has no media type");
                        }
                        if (status.startsWith("2") && response.getContent() != null) {
                          response
                              .getContent()
                              .forEach(
                                  (media, type) -> {
                                    Schema<?> s = type.getSchema();
                                    boolean bare =
                                        s.get$ref() == null
                                            && "object".equals(type(s))
                                            && s.getProperties() == null;
                                    if (!key.endsWith("/auth/jwks")) {
                                      assertFalse(
                                          bare,
                                          key + " " + status + " " + media + " is a bare object");
                                    }
                                  });
                        }
                      });
            });
  }

  @Test
  void everyDocumentedOperationIsRouted() {
    long vehicle = Vehicles.create("19990.00");
    operations(document)
        .forEach(
            (key, operation) -> {
              String method = key.substring(0, key.indexOf(' '));
              String path =
                  key.substring(key.indexOf(' ') + 1)
                      .replace("{id}", Long.toString(vehicle))
                      .replace("{address}", "203.0.113.9")
                      .replace("{jobId}", "no-such-job")
                      .replace("{photoId}", "999999999")
                      .replace("{source}", "no-such-source")
                      .replace("{logger}", "dev.forecourt.routed")
                      .replace("{key}", "forecourt.routed");
              assertFalse(path.contains("{"), "a path parameter this test does not know: " + key);
              Response answer = anonymous().basePath("/").request(method, path);
              int status = answer.statusCode();
              assertFalse(status == 405, key + " answered 405");
              if (status == 404) {
                assertEquals(
                    PROBLEM_JSON,
                    answer.contentType().split(";")[0],
                    key + " 404 is not a problem");
                assertFalse(
                    NO_ROUTE_DETAIL.equals(answer.jsonPath().getString("detail")),
                    key + " is not routed (404)");
              }
            });
  }

  @Test
  void swaggerUiIsServedUnderAContentSecurityPolicy() {
    server()
        .redirects()
        .follow(false)
        .get("/api/docs")
        .then()
        .statusCode(
            org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(301), org.hamcrest.Matchers.is(302)))
        .header("Location", containsString("/api/docs/"));
    Response page = server().get("/api/docs/");
    page.then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("swagger-ui-bundle.js"))
        .body(containsString("forecourt-docs.js"));
    String html = page.asString();
    Matcher scripts = Pattern.compile("<script([^>]*)>([^<]*)</script>").matcher(html);
    int count = 0;
    while (scripts.find()) {
      count++;
      assertTrue(scripts.group(1).contains("src="), "script without src: " + scripts.group());
      assertTrue(scripts.group(2).isBlank(), "inline script: " + scripts.group());
    }
    assertEquals(2, count, "scripts on the page");
    assertFalse(Pattern.compile("\\son[a-z]+\\s*=").matcher(html).find(), "inline event handler");
    for (Response r :
        List.of(
            page,
            server().get("/api/docs/forecourt-docs.js"),
            server().get("/api/docs/swagger-ui-bundle.js"),
            server().get("/api/docs/swagger-ui.css"))) {
      assertEquals(200, r.statusCode());
      String csp = r.header("Content-Security-Policy");
      assertNotNull(csp, "CSP header");
      String scriptSrc = directive(csp, "script-src");
      assertEquals("'self'", scriptSrc, "script-src of " + csp);
      assertTrue(directive(csp, "connect-src").contains("'self'"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertFalse(directive(csp, "default-src").contains("unsafe"), csp);
      assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }
    server()
        .get("/api/docs/forecourt-docs.js")
        .then()
        .contentType(containsString("javascript"))
        .body(containsString("url: \"/openapi\""));
    server().get("/api/docs/swagger-ui-bundle.js").then().body(containsString("SwaggerUIBundle"));
    // the API itself keeps its strict policy
    anonymous()
        .get("/ping")
        .then()
        .header("Content-Security-Policy", not(containsString("script-src")));
    // the server list lets Swagger UI call the origin the page came from
    assertEquals("/", document.getServers().get(0).getUrl());
  }

  /** A schema's type, in an OpenAPI 3.0 or 3.1 document. */
  private static String type(Schema<?> schema) {
    if (schema.getType() != null) {
      return schema.getType();
    }
    return schema.getTypes() == null || schema.getTypes().isEmpty()
        ? null
        : schema.getTypes().iterator().next();
  }

  private static String directive(String csp, String name) {
    for (String part : csp.split(";")) {
      String p = part.trim();
      if (p.startsWith(name + " ")) {
        return p.substring(name.length()).trim();
      }
    }
    return "";
  }

  /** The operations of the document, keyed {@code "GET /api/v1/vehicles/{id}"}. */
  private static Map<String, Operation> operations(OpenAPI api) {
    Map<String, Operation> operations = new java.util.TreeMap<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            operations.put(method.name() + " " + path, operation)));
    return operations;
  }

  /**
   * The operations the web module's resource classes declare, keyed like {@link #operations}: every
   * class with {@code @Path}, every method with an HTTP method annotation, its template without the
   * JAX-RS regex.
   */
  private static Set<String> resourceOperations()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Set<String> operations = new TreeSet<>();
    for (Class<?> type : resourceClasses()) {
      for (Method method : type.getDeclaredMethods()) {
        String operation = operationOf(type, method);
        if (operation != null) {
          operations.add(operation);
        }
      }
    }
    return operations;
  }

  /** {@code "GET /api/v1/vehicles/{id}"} for a resource method, null for any other method. */
  private static String operationOf(Class<?> type, Method method) {
    String httpMethod = httpMethod(method);
    if (httpMethod == null) {
      return null;
    }
    Path methodPath = method.getAnnotation(Path.class);
    String template =
        join(
            ForecourtApplication.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value(),
            type.getAnnotation(Path.class).value(),
            methodPath == null ? "" : methodPath.value());
    return httpMethod.toUpperCase(Locale.ROOT) + " " + withoutRegex(template);
  }

  /** The concrete classes of the web module with {@code @Path}. */
  private static List<Class<?>> resourceClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    URL location = ForecourtApplication.class.getProtectionDomain().getCodeSource().getLocation();
    // only classes that mention @Path are loaded (the filters' servlet API is not on this
    // classpath)
    byte[] pathAnnotation =
        "Ljakarta/ws/rs/Path;".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    List<String> classNames = new ArrayList<>();
    java.nio.file.Path classes = Paths.get(location.toURI());
    if (Files.isDirectory(classes)) {
      try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
        for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
          if (f.toString().endsWith(".class") && contains(Files.readAllBytes(f), pathAnnotation)) {
            classNames.add(
                classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""));
          }
        }
      }
    } else {
      try (ZipFile jar = new ZipFile(classes.toFile())) {
        for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
          if (entry.getName().endsWith(".class")
              && contains(jar.getInputStream(entry).readAllBytes(), pathAnnotation)) {
            classNames.add(entry.getName().replace('/', '.').replaceAll("\\.class$", ""));
          }
        }
      }
    }
    String root =
        ForecourtApplication.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value();
    assertEquals(API_ROOT, root);
    List<Class<?>> types = new ArrayList<>();
    for (String name : classNames) {
      Class<?> type = Class.forName(name, false, OpenApiIT.class.getClassLoader());
      if (type.getAnnotation(Path.class) != null && !Modifier.isAbstract(type.getModifiers())) {
        types.add(type);
      }
    }
    return types;
  }

  /**
   * The request parameters a resource method reads by annotation, as {@code "query limit"}: its own
   * parameters', the fields of its {@code @BeanParam} classes and the resource class's fields.
   */
  private static Set<String> declaredParameters(Class<?> type, Method method) {
    Set<String> parameters = new TreeSet<>();
    List<Annotation> annotations = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      annotations.addAll(List.of(field.getAnnotations()));
    }
    Annotation[][] perParameter = method.getParameterAnnotations();
    for (int i = 0; i < perParameter.length; i++) {
      for (Annotation annotation : perParameter[i]) {
        annotations.add(annotation);
        if (annotation instanceof BeanParam) {
          for (Class<?> c = method.getParameterTypes()[i];
              c != Object.class;
              c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
              annotations.addAll(List.of(field.getAnnotations()));
            }
          }
        }
      }
    }
    for (Annotation annotation : annotations) {
      if (annotation instanceof QueryParam q) {
        parameters.add("query " + q.value());
      } else if (annotation instanceof HeaderParam h) {
        parameters.add("header " + h.value());
      } else if (annotation instanceof PathParam p) {
        parameters.add("path " + p.value());
      }
    }
    return parameters;
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static String join(String... segments) {
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      String s = segment.replaceAll("^/+|/+$", "");
      if (!s.isEmpty()) {
        path.append('/').append(s);
      }
    }
    return path.toString();
  }

  /** {@code {id: [0-9]{1,18}}} → {@code {id}}, counting braces (the regex has its own). */
  private static String withoutRegex(String template) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean inRegex = false;
    for (char c : template.toCharArray()) {
      if (c == '{') {
        depth++;
        if (depth == 1) {
          out.append(c);
          inRegex = false;
          continue;
        }
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          out.append(c);
          continue;
        }
      } else if (c == ':' && depth == 1) {
        inRegex = true;
      }
      if (depth == 0 || (!inRegex && depth == 1 && c != ' ')) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
