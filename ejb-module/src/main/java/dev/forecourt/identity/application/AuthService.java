package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.RefreshToken;
import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.problem.ProblemException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Local sign-in: username and password (bcrypt) → a Forecourt access token and a refresh token.
 * Failures are answered identically whether or not the account exists; after {@code
 * forecourt.security.lockout.max-failures} failures a name is locked for {@code
 * forecourt.security.lockout.duration}, known or not. Refresh tokens rotate on every use; a used
 * one presented again revokes its whole family.
 */
@UseCase
@Stateless
@PermitAll
public class AuthService {

  private static final Logger LOG = Logger.getLogger(AuthService.class.getName());

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject PasswordHasher passwords;
  @Inject TokenIssuer issuer;
  @Inject TokenSettings settings;
  @Inject LoginThrottles throttles;
  @Inject RefreshTokens refreshTokens;
  @Inject SecondFactor secondFactor;

  @Resource SessionContext session;

  private final Clock clock = Clock.systemUTC();

  /**
   * Signs in with a password and, if the account has a second factor, {@code oneTimeCode} (a TOTP
   * code or a recovery code). Without the code such an account gets 401 {@code totp-required} (only
   * after the password was right); a wrong code counts as a failed login.
   */
  public TokenPair login(String username, String password, String oneTimeCode) {
    Instant now = clock.instant();
    String name = UserAccount.normalize(username);
    if (name.isEmpty() || name.length() > 100 || password == null || password.length() > 1000) {
      passwords.verify(password, null);
      throw new CredentialsRejected();
    }
    throttles.requireUnlocked(name, now);
    UserAccount user =
        em.createQuery("select u from UserAccount u where u.username = :n", UserAccount.class)
            .setParameter("n", name)
            .getResultStream()
            .findFirst()
            .orElse(null);
    boolean ok = passwords.verify(password, user == null ? null : user.passwordHash());
    if (!ok || !user.enabled()) {
      ProblemException failure = throttles.failure(name, now, new CredentialsRejected());
      LOG.info(
          () ->
              "Failed login for a name ("
                  + (failure instanceof LoginLocked ? "now locked" : "not locked")
                  + ")");
      throw failure;
    }
    if (user.totpEnabled()) {
      if (oneTimeCode == null || oneTimeCode.isBlank()) {
        throw new SecondFactorRequired();
      }
      if (!secondFactor.accept(user, oneTimeCode, now)) {
        throw throttles.failure(name, now, CredentialsRejected.oneTimeCode());
      }
    }
    throttles.succeed(name);
    return pair(user, UUID.randomUUID().toString(), now);
  }

  public TokenPair refresh(String refreshToken) {
    Instant now = clock.instant();
    RefreshToken token = refreshTokens.find(refreshToken).orElseThrow(RefreshTokenRejected::new);
    if (token.revoked() || token.expiredAt(now) || !token.user().enabled()) {
      throw new RefreshTokenRejected();
    }
    if (token.used() || !refreshTokens.use(refreshToken, now)) {
      int revoked = refreshTokens.revokeFamily(token.familyId(), now);
      LOG.warning(
          () ->
              "A used refresh token was presented again: its family ("
                  + revoked
                  + " live tokens) is revoked for user "
                  + token.user().username());
      throw new RefreshTokenRejected();
    }
    return pair(token.user(), token.familyId(), now);
  }

  /** Revokes the refresh token's family (this login on every device it was shared with). */
  public void logout(String refreshToken) {
    refreshTokens
        .find(refreshToken)
        .ifPresent(t -> refreshTokens.revokeFamily(t.familyId(), clock.instant()));
  }

  private TokenPair pair(UserAccount user, String familyId, Instant now) {
    return new TokenPair(
        issuer.accessToken(user, now),
        settings.accessTokenLifetime().toSeconds(),
        refreshTokens.issue(user, familyId, now));
  }

  /**
   * The readiness self-check's call ({@link AuthenticationSelfCheck}): reachable only with the
   * self-check token, so it proves that an authenticated caller reaches an EJB with its role.
   */
  @RolesAllowed(AuthenticationSelfCheck.ROLE)
  public String selfCheck() {
    return session.getCallerPrincipal().getName();
  }
}
