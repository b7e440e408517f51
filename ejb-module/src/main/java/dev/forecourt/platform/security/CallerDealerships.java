package dev.forecourt.platform.security;

import jakarta.ejb.EJBContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The dealerships the current caller may work on: all for an admin, else those assigned to it
 * ({@link AssignedCaller#dealerships()}: a token's claim or an API key's). For use inside an EJB
 * call: it asks the EJB's own view of the caller (Jakarta Security's SecurityContext answers
 * isCallerInRole with the web module's roles, which an EJB on Payara does not see).
 */
@Dependent
public class CallerDealerships {

  @Inject SecurityContext security;

  /** True when the caller may work on every dealership (an admin). */
  public boolean all() {
    return ejb().isCallerInRole(Role.ADMIN_NAME);
  }

  /** The rooftop codes assigned to the caller; empty when none. */
  public Set<String> assigned() {
    return security.getPrincipalsByType(AssignedCaller.class).stream()
        .findFirst()
        .map(AssignedCaller::dealerships)
        .orElse(Set.of());
  }

  /** True when the caller may work on dealership {@code code}. */
  public boolean allows(String code) {
    return all() || assigned().contains(code);
  }

  /**
   * The dealerships a query of the caller may cover: {@code requested} alone (403 if it is not the
   * caller's), else null for all (an admin), else the assigned ones (possibly none).
   */
  public Set<String> scope(String requested) {
    if (requested != null) {
      if (!allows(requested)) {
        throw new DealershipNotAssigned(requested);
      }
      return Set.of(requested);
    }
    return all() ? null : assigned();
  }

  /** The caller's name. */
  public String name() {
    return ejb().getCallerPrincipal().getName();
  }

  private static EJBContext ejb() {
    try {
      return (EJBContext) new InitialContext().lookup("java:comp/EJBContext");
    } catch (NamingException e) {
      throw new IllegalStateException("CallerDealerships is used outside an EJB call", e);
    }
  }
}
