package dev.forecourt.platform.idempotency;

import dev.forecourt.platform.persistence.IntegrityViolation;
import dev.forecourt.platform.persistence.StoredTime;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.Sha256;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.regex.Pattern;

/**
 * Enforces {@link Idempotent}. Runs outermost, so a replayed answer is neither audited nor
 * re-validated: nothing changes. Keys are per caller; two callers may use the same key.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 20)
public class IdempotencyInterceptor {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");
  private static final Jsonb JSONB = JsonbBuilder.create();

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject CallerDealerships caller;

  @AroundInvoke
  public Object once(InvocationContext call) throws Exception {
    Method method = call.getMethod();
    Parameter[] parameters = method.getParameters();
    String key = null;
    StringBuilder request =
        new StringBuilder(method.getDeclaringClass().getName())
            .append('#')
            .append(method.getName());
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].isAnnotationPresent(IdempotencyKey.class)) {
        key = (String) call.getParameters()[i];
      } else {
        request
            .append('|')
            .append(
                call.getParameters()[i] == null ? "null" : JSONB.toJson(call.getParameters()[i]));
      }
    }
    if (key == null) {
      return call.proceed();
    }
    if (!KEY.matcher(key).matches()) {
      throw new IdempotencyKeyMalformed();
    }
    String operation = method.getDeclaringClass().getSimpleName() + "." + method.getName();
    IdempotencyRecordId id = new IdempotencyRecordId(caller.name(), key);
    String requestHash = Sha256.hex(request.toString());

    IdempotencyRecord earlier = em.find(IdempotencyRecord.class, id);
    if (earlier != null) {
      if (!earlier.operation().equals(operation) || !earlier.requestHash().equals(requestHash)) {
        throw new IdempotencyKeyReused();
      }
      return JSONB.fromJson(earlier.response(), method.getGenericReturnType());
    }
    Object result = call.proceed();
    em.persist(
        new IdempotencyRecord(id, operation, requestHash, JSONB.toJson(result), StoredTime.now()));
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (IntegrityViolation.isCauseOf(e)) {
        // the same key was committed by a concurrent call meanwhile: this call's change rolls back
        throw new IdempotentRequestRaced();
      }
      throw e;
    }
    return result;
  }
}
