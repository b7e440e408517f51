package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.problem.SignInRequired;
import dev.forecourt.platform.security.TokenPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;

/**
 * The local account of the caller, for what only local accounts have (a password, a second factor).
 * A caller signed in through the corporate identity provider gets 409: that provider manages their
 * credentials.
 */
@RequestScoped
public class LocalCaller {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject SecurityContext security;
  @Inject TokenSettings settings;

  /** The caller's account, locked for update. */
  public UserAccount account() {
    TokenPrincipal token =
        security.getPrincipalsByType(TokenPrincipal.class).stream()
            .findFirst()
            .orElseThrow(SignInRequired::new);
    if (!settings.issuer().equals(token.getIssuer())) {
      throw new AccountManagedExternally();
    }
    return em.createQuery("select u from UserAccount u where u.username = :n", UserAccount.class)
        .setParameter("n", token.getName())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new SignInRequired("Your account no longer exists"));
  }
}
