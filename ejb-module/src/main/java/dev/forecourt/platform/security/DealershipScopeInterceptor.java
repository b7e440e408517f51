package dev.forecourt.platform.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Enforces {@link DealershipScoped}: every dealership a call concerns must be among the caller's
 * ({@link AssignedCaller#dealerships()}: a token's claim or an API key's), unless the caller is an
 * admin. Otherwise 403 {@code forbidden}, before the method runs. Unknown ids pass (the method
 * answers 404).
 */
@DealershipScoped
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class DealershipScopeInterceptor {

  private static final Logger LOG = Logger.getLogger(DealershipScopeInterceptor.class.getName());

  @Inject CallerDealerships caller;

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @AroundInvoke
  public Object check(InvocationContext call) throws Exception {
    if (caller.all()) {
      return call.proceed();
    }
    Set<String> assigned = caller.assigned();
    for (String code : concerned(call)) {
      if (!assigned.contains(code)) {
        LOG.info(
            () ->
                "Dealership scope refused "
                    + call.getMethod().getName()
                    + " on "
                    + code
                    + " to "
                    + caller.name());
        throw new DealershipNotAssigned(code);
      }
    }
    return call.proceed();
  }

  private Set<String> concerned(InvocationContext call) throws ReflectiveOperationException {
    Set<String> codes = new LinkedHashSet<>();
    Object[] args = call.getParameters();
    Annotation[][] annotations = call.getMethod().getParameterAnnotations();
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof DealershipBound bound && bound.dealershipCode() != null) {
        codes.add(bound.dealershipCode());
      }
      for (Annotation a : annotations[i]) {
        if (a instanceof DealershipOf of) {
          dealershipOf(of, args[i], codes);
        }
      }
      if (args[i] instanceof Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
          DealershipOf of = component.getAnnotation(DealershipOf.class);
          if (of != null) {
            dealershipOf(of, component.getAccessor().invoke(record), codes);
          }
        }
      }
    }
    return codes;
  }

  private void dealershipOf(DealershipOf of, Object id, Set<String> codes) {
    if (id instanceof Number number) {
      String entity = em.getMetamodel().entity(of.value()).getName();
      em.createQuery(
              "select e.dealership.code from " + entity + " e where e.id = :id", String.class)
          .setParameter("id", number.longValue())
          .getResultStream()
          .findFirst()
          .ifPresent(codes::add);
    }
  }
}
