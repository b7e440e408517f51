package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.LoginThrottle;
import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed-login bookkeeping per username (known or not). Each change commits in its own transaction:
 * the failed login that records it rolls back, the record must stay.
 */
@Stateless
@PermitAll
public class LoginThrottles {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject TokenSettings settings;

  /** When the name is locked, until when. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Instant> lockedUntil(String username, Instant now) {
    LoginThrottle t = em.find(LoginThrottle.class, UserAccount.normalize(username));
    return t != null && t.lockedAt(now) ? Optional.of(t.lockedUntil()) : Optional.empty();
  }

  /** Counts a failure; answers when the name is now locked, until when. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Instant> fail(String username, Instant now) {
    String name = UserAccount.normalize(username);
    LoginThrottle t = em.find(LoginThrottle.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (t == null) {
      t = new LoginThrottle(name);
      em.persist(t);
    }
    t.fail(now, settings.lockoutMaxFailures(), settings.lockoutDuration());
    return t.lockedAt(now) ? Optional.of(t.lockedUntil()) : Optional.empty();
  }

  /** Throws 401 {@code login-locked} (with Retry-After) while the name is locked. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void requireUnlocked(String username, Instant now) {
    Optional<Instant> until = lockedUntil(username, now);
    if (until.isPresent()) {
      throw new LoginLocked(until.get(), now);
    }
  }

  /**
   * Counts a failure and answers the problem to throw for it: 401 {@code login-locked} if this
   * failure locked the name, {@code otherwise} if not.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ProblemException failure(String username, Instant now, ProblemException otherwise) {
    return fail(username, now)
        .<ProblemException>map(until -> new LoginLocked(until, now))
        .orElse(otherwise);
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void succeed(String username) {
    LoginThrottle t = em.find(LoginThrottle.class, UserAccount.normalize(username));
    if (t != null) {
      t.succeed();
    }
  }
}
