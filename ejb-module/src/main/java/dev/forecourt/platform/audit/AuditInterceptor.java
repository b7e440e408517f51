package dev.forecourt.platform.audit;

import dev.forecourt.platform.observability.RequestOrigin;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.ApiKeyPrincipal;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.Priority;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBContext;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.ConstraintViolationException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Records every call of an {@link Audited} method in the audit trail. A call that returns is
 * recorded in the call's transaction (a rollback at commit erases the record with the change); a
 * call that fails is recorded in a separate transaction, so the rollback keeps it. Only the
 * outermost audited call of a thread is recorded. Runs before the dealership scope check, so a
 * refused call is recorded too. Arguments (and the {@link AuditDetails} of a result) are recorded
 * as JSON with the values of sensitive fields (personal data, secrets) masked.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 10)
public class AuditInterceptor {

  private static final Logger LOG = Logger.getLogger(AuditInterceptor.class.getName());
  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();
  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final int MAX_CHANGES = 4000;
  static final String MASK = "***";

  /** Field names (lower case, without separators) whose values never reach the audit trail. */
  static final Set<String> SENSITIVE =
      Set.of(
          "password",
          "newpassword",
          "currentpassword",
          "secret",
          "token",
          "refreshtoken",
          "totp",
          "code",
          "recoverycode",
          "usernameoremail",
          "firstname",
          "lastname",
          "name",
          "email",
          "phone",
          "note",
          "message",
          "reason",
          "key",
          "apikey");

  private static final List<String> ROLES =
      List.of(Role.ADMIN_NAME, Role.MANAGER_NAME, Role.SALES_NAME, Role.INTEGRATOR_NAME);

  @Inject AuditTrail trail;

  @Inject RequestOrigin origin;

  @AroundInvoke
  public Object audit(InvocationContext call) throws Exception {
    if (ACTIVE.get() != null) {
      return call.proceed();
    }
    ACTIVE.set(Boolean.TRUE);
    try {
      Object result;
      try {
        result = call.proceed();
      } catch (Exception e) {
        recordFailure(call, e);
        throw e;
      }
      trail.append(entry(call, result, AuditEntry.SUCCESS, null));
      return result;
    } finally {
      ACTIVE.remove();
    }
  }

  private void recordFailure(InvocationContext call, Exception failure) {
    try {
      trail.appendSeparately(entry(call, null, AuditEntry.FAILURE, errorOf(failure)));
    } catch (RuntimeException | NamingException e) {
      // the caller's own failure matters more than a lost audit record; make the loss visible
      LOG.log(
          Level.SEVERE,
          "Audit record of a failed " + call.getMethod().getName() + " could not be written",
          e);
    }
  }

  private AuditEntry entry(InvocationContext call, Object result, String outcome, String error)
      throws NamingException {
    Method method = call.getMethod();
    Audited audited = method.getAnnotation(Audited.class);
    if (audited == null) {
      audited = method.getDeclaringClass().getAnnotation(Audited.class);
    }
    String entity =
        audited != null && !audited.entity().isEmpty()
            ? audited.entity()
            : method.getDeclaringClass().getSimpleName().toLowerCase(Locale.ROOT);
    String action =
        audited != null && !audited.action().isEmpty() ? audited.action() : method.getName();
    EJBContext ejb = (EJBContext) new InitialContext().lookup("java:comp/EJBContext");
    String subject =
        ejb.getCallerPrincipal() == null ? "anonymous" : ejb.getCallerPrincipal().getName();
    List<String> roles = new ArrayList<>();
    for (String role : ROLES) {
      if (ejb.isCallerInRole(role)) {
        roles.add(role);
      }
    }
    String apiKey =
        subject.startsWith(ApiKeyPrincipal.NAME_PREFIX)
            ? subject.substring(ApiKeyPrincipal.NAME_PREFIX.length())
            : null;
    return new AuditEntry(
        truncate(subject, 200),
        String.join(",", roles),
        apiKey,
        entity,
        entityId(call, result),
        action,
        changes(call, result),
        truncate(origin.clientIp(), 64),
        truncate(origin.correlationId(), 64),
        outcome,
        error);
  }

  /** The {@link EntityId} argument, else the id of the result. */
  private static String entityId(InvocationContext call, Object result) {
    Parameter[] parameters = call.getMethod().getParameters();
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].isAnnotationPresent(EntityId.class) && call.getParameters()[i] != null) {
        return call.getParameters()[i].toString();
      }
    }
    if (result != null) {
      try {
        Object id = result.getClass().getMethod("id").invoke(result);
        return id == null ? null : id.toString();
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * The arguments other than the entity id, by parameter name, as JSON with sensitive values
   * masked.
   */
  static String changesOf(Parameter[] parameters, Object[] args) {
    return changesOf(parameters, args, Map.of());
  }

  /** {@link #changesOf(Parameter[], Object[])} with a result's {@link AuditDetails} added. */
  static String changesOf(Parameter[] parameters, Object[] args, Map<String, Object> details) {
    JsonObjectBuilder changes = Json.createObjectBuilder();
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].isAnnotationPresent(EntityId.class) || args[i] == null) {
        continue;
      }
      String name = parameters[i].getName();
      changes.add(name, mask(name, toJson(args[i])));
    }
    details.forEach(
        (name, value) -> {
          if (value != null) {
            changes.add(name, mask(name, toJson(value)));
          }
        });
    String json = changes.build().toString();
    return json.length() <= MAX_CHANGES ? json : json.substring(0, MAX_CHANGES - 3) + "...";
  }

  private static String changes(InvocationContext call, Object result) {
    return changesOf(
        call.getMethod().getParameters(),
        call.getParameters(),
        result instanceof AuditDetails details ? details.auditDetails() : Map.of());
  }

  private static JsonValue toJson(Object value) {
    try (JsonReader reader = Json.createReader(new StringReader(JSONB.toJson(value)))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      return Json.createValue(value.getClass().getSimpleName());
    }
  }

  static JsonValue mask(String name, JsonValue value) {
    if (sensitive(name) && value.getValueType() != JsonValue.ValueType.NULL) {
      return Json.createValue(MASK);
    }
    if (value instanceof JsonObject object) {
      JsonObjectBuilder masked = Json.createObjectBuilder();
      for (Map.Entry<String, JsonValue> field : object.entrySet()) {
        masked.add(field.getKey(), mask(field.getKey(), field.getValue()));
      }
      return masked.build();
    }
    if (value.getValueType() == JsonValue.ValueType.ARRAY) {
      JsonArrayBuilder masked = Json.createArrayBuilder();
      value.asJsonArray().forEach(v -> masked.add(mask("", v)));
      return masked.build();
    }
    return value;
  }

  private static boolean sensitive(String name) {
    return SENSITIVE.contains(name.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT));
  }

  /** The problem type of an expected failure, else the error class. */
  static String errorOf(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem.type().slug();
    }
    if (failure instanceof EJBAccessException) {
      return "forbidden";
    }
    if (failure instanceof ConstraintViolationException) {
      return "validation-failed";
    }
    return truncate(failure.getClass().getSimpleName(), 100);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
