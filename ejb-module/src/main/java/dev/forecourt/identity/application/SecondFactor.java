package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.RecoveryCode;
import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.security.SecretCipher;
import dev.forecourt.platform.security.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Checks a user's second factor within the caller's transaction: a TOTP code (each accepted once)
 * or one of the user's unused recovery codes (then used up).
 */
@ApplicationScoped
public class SecondFactor {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject TotpCodes totp;
  @Inject SecretCipher cipher;

  /**
   * True if {@code code} is a good TOTP code for {@code user}'s (possibly pending) secret, and
   * takes it.
   */
  public boolean acceptTotp(UserAccount user, String code, Instant now) {
    if (user.totpSecret() == null) {
      return false;
    }
    OptionalLong step = totp.verify(secret(user), code, now, user.totpLastStep());
    step.ifPresent(user::acceptTotpStep);
    return step.isPresent();
  }

  /** True if {@code code} is a good TOTP or unused recovery code for {@code user}; uses it up. */
  public boolean accept(UserAccount user, String code, Instant now) {
    if (code == null) {
      return false;
    }
    String trimmed = code.trim().toLowerCase(Locale.ROOT);
    if (!TotpCodes.looksLikeRecoveryCode(trimmed)) {
      return acceptTotp(user, trimmed, now);
    }
    RecoveryCode recovery =
        em.createQuery(
                "select r from RecoveryCode r where r.user = :u and r.codeHash = :h and r.usedAt is null",
                RecoveryCode.class)
            .setParameter("u", user)
            .setParameter("h", Sha256.hex(trimmed))
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (recovery == null) {
      return false;
    }
    recovery.use(now);
    return true;
  }

  /** Replaces the user's recovery codes with ten new ones, answered once in clear. */
  public List<String> newRecoveryCodes(UserAccount user) {
    deleteRecoveryCodes(user);
    List<String> codes = totp.recoveryCodes();
    codes.forEach(c -> em.persist(new RecoveryCode(user, Sha256.hex(c))));
    return codes;
  }

  public void remove(UserAccount user) {
    deleteRecoveryCodes(user);
    user.removeTotp();
  }

  private void deleteRecoveryCodes(UserAccount user) {
    em.createQuery("delete from RecoveryCode r where r.user = :u")
        .setParameter("u", user)
        .executeUpdate();
  }

  String seal(UserAccount user, String secret) {
    return cipher.encrypt(secret, boundTo(user));
  }

  private String secret(UserAccount user) {
    return cipher.decrypt(user.totpSecret(), boundTo(user));
  }

  private static String boundTo(UserAccount user) {
    return "totp:" + user.id();
  }
}
