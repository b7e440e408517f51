package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.PasswordReset;
import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.identity.infrastructure.PasswordResetMailer;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.security.Sha256;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * Password reset for local accounts. A request names a username or e-mail address and is always
 * answered the same way; if it matches an enabled account with an address, a single-use token valid
 * for {@code forecourt.security.password-reset.ttl} (PT30M) is mailed to it through the server's
 * {@code mail/forecourt} session (asynchronously, on {@code concurrent/forecourt}, so the answer
 * time does not tell either). Using the token sets the new password, revokes the account's refresh
 * tokens and lifts a lockout. The invitation to a new account ({@link #invite}) is the same token
 * with a longer life.
 */
@UseCase
@Stateless
@PermitAll
public class PasswordResetService {

  private static final Logger LOG = Logger.getLogger(PasswordResetService.class.getName());

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject PasswordHasher passwords;
  @Inject RefreshTokens refreshTokens;
  @Inject LoginThrottles throttles;
  @Inject PasswordResetMailer mailer;

  @Inject Settings settings; // read per request: pooled instances must not keep an old value

  private final Clock clock = Clock.systemUTC();

  /** Starts a reset for the account named by {@code usernameOrEmail}, if there is one. */
  @Audited(entity = "user", action = "password-reset-request")
  public void request(String usernameOrEmail) {
    String key = usernameOrEmail == null ? "" : usernameOrEmail.trim().toLowerCase(Locale.ROOT);
    UserAccount user =
        em
            .createQuery(
                "select u from UserAccount u where u.username = :k or lower(u.email) = :k",
                UserAccount.class)
            .setParameter("k", key)
            .setMaxResults(2)
            .getResultList()
            .stream()
            .filter(u -> u.enabled() && u.email() != null)
            .findFirst()
            .orElse(null);
    if (user == null) {
      LOG.info(
          "Password reset requested for an unknown name or an account without e-mail: nothing sent");
      return;
    }
    Instant now = clock.instant();
    Duration validFor = settings.get(CredentialSettings.PASSWORD_RESET_TTL);
    String token = "fcp_" + OpaqueTokens.random();
    em.persist(new PasswordReset(Sha256.hex(token), user, now, now.plus(validFor)));
    try {
      mailer.send(user.email(), user.username(), token, validFor);
    } catch (RejectedExecutionException e) {
      mailer.notStarted("password reset", user.username(), e);
    }
  }

  /**
   * Invites the holder of a new account: a reset token valid for {@code
   * forecourt.security.invitation.ttl} (P3D), mailed with the invitation wording; the link sets the
   * first password through {@link #reset}. A new invitation leaves earlier ones valid.
   */
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  public void invite(UserAccount user, String invitedBy) {
    Instant now = clock.instant();
    Duration validFor = settings.get(CredentialSettings.INVITATION_TTL);
    String token = "fcp_" + OpaqueTokens.random();
    em.persist(new PasswordReset(Sha256.hex(token), user, now, now.plus(validFor)));
    try {
      mailer.sendInvitation(user.email(), user.username(), invitedBy, token, validFor);
    } catch (RejectedExecutionException e) {
      mailer.notStarted("invitation", user.username(), e);
    }
  }

  /** Sets a new password with a reset token; the token is used up. */
  @Audited(entity = "user", action = "password-reset")
  public void reset(String token, String newPassword) {
    int minLength = settings.get(CredentialSettings.PASSWORD_MIN_LENGTH);
    if (newPassword == null || newPassword.length() < minLength || newPassword.length() > 1000) {
      throw new InvalidFields(
          "The new password is not acceptable",
          "newPassword",
          "must be " + minLength + " to 1000 characters long");
    }
    Instant now = clock.instant();
    PasswordReset reset =
        token == null
            ? null
            : em.createQuery(
                    "select r from PasswordReset r where r.tokenHash = :h", PasswordReset.class)
                .setParameter("h", Sha256.hex(token))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElse(null);
    if (reset == null || !reset.usableAt(now) || !reset.user().enabled()) {
      throw new ResetLinkRejected();
    }
    reset.use(now);
    UserAccount user = reset.user();
    user.changePasswordHash(passwords.hash(newPassword));
    refreshTokens.revokeAll(user, now);
    throttles.succeed(user.username());
    LOG.info(() -> "Password reset completed for user " + user.username());
  }
}
