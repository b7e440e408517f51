package dev.forecourt.platform.security;

import dev.forecourt.identity.domain.Role;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ejb.EJBContext;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import javax.naming.InitialContext;
import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Enforces {@link DealershipScoped}: every dealership a call concerns must be among the caller's
 * ({@link AssignedCaller#dealerships()}: a token's claim or an API key's), unless the caller is an admin. Otherwise 403
 * {@code forbidden}, before the method runs. Unknown vehicle ids pass (the method answers 404).
 */
@DealershipScoped
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class DealershipScopeInterceptor {

  private static final Logger LOG = Logger.getLogger(DealershipScopeInterceptor.class.getName());

  @Inject SecurityContext security;

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @AroundInvoke
  public Object check(InvocationContext call) throws Exception {
    // the EJB's own view of the caller (Jakarta Security's SecurityContext answers isCallerInRole
    // with the web module's roles, which an EJB interceptor on Payara does not see)
    EJBContext ejb = (EJBContext) new InitialContext().lookup("java:comp/EJBContext");
    if (ejb.isCallerInRole(Role.ADMIN_NAME)) {
      return call.proceed();
    }
    Set<String> concerned = concerned(call);
    if (!concerned.isEmpty()) {
      Set<String> assigned = security.getPrincipalsByType(AssignedCaller.class).stream()
          .findFirst().map(AssignedCaller::dealerships).orElse(Set.of());
      for (String code : concerned) {
        if (!assigned.contains(code)) {
          LOG.info(() -> "Dealership scope refused " + call.getMethod().getName() + " on " + code
              + " to " + ejb.getCallerPrincipal().getName());
          throw new ProblemException(ProblemType.FORBIDDEN, "Dealership " + code + " is not assigned to you");
        }
      }
    }
    return call.proceed();
  }

  private Set<String> concerned(InvocationContext call) {
    Set<String> codes = new LinkedHashSet<>();
    Object[] args = call.getParameters();
    Annotation[][] annotations = call.getMethod().getParameterAnnotations();
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof DealershipBound bound && bound.dealershipCode() != null) {
        codes.add(bound.dealershipCode());
      }
      for (Annotation a : annotations[i]) {
        if (a instanceof VehicleId && args[i] instanceof Number id) {
          em.createQuery("select v.dealership.code from Vehicle v where v.id = :id", String.class)
              .setParameter("id", id.longValue()).getResultStream().findFirst().ifPresent(codes::add);
        }
      }
    }
    return codes;
  }
}
