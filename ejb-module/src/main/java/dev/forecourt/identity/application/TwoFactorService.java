package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * TOTP second factor of the caller's local account: enrol (secret, URI, QR code), confirm with a
 * first code (the factor is on from then, and ten recovery codes are answered once), turn off with
 * a code. Wrong codes count towards the login lockout of the account.
 */
@UseCase
@Stateless
@RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME})
public class TwoFactorService {

  @Inject LocalCaller caller;
  @Inject SecondFactor factor;
  @Inject TotpCodes totp;
  @Inject LoginThrottles throttles;

  @Inject Settings settings;

  private final Clock clock = Clock.systemUTC();

  @Audited(entity = "user", action = "2fa-enrol")
  public TotpEnrolment enrol() {
    UserAccount user = caller.account();
    if (user.totpEnabled()) {
      throw new TwoFactorStateConflict(
          "Two-factor authentication is already on: turn it off first");
    }
    String secret = totp.newSecret();
    user.enrolTotp(factor.seal(user, secret));
    TotpCodes.Provisioning p =
        totp.provisioning(secret, user.username(), settings.get(CredentialSettings.TOTP_ISSUER));
    return new TotpEnrolment(
        secret, p.uri(), "data:image/png;base64," + Base64.getEncoder().encodeToString(p.qrPng()));
  }

  /**
   * Turns the factor on with a code from the enrolled secret; answers the recovery codes (once).
   */
  @Audited(entity = "user", action = "2fa-confirm")
  public List<String> confirm(String code) {
    UserAccount user = caller.account();
    if (user.totpEnabled()) {
      throw new TwoFactorStateConflict("Two-factor authentication is already on");
    }
    if (user.totpSecret() == null) {
      throw new TwoFactorStateConflict("Start an enrolment first");
    }
    Instant now = clock.instant();
    throttles.requireUnlocked(user.username(), now);
    if (!factor.acceptTotp(user, code, now)) {
      throw wrongCode(user, now);
    }
    user.confirmTotp();
    return factor.newRecoveryCodes(user);
  }

  /** Turns the factor off; needs a current TOTP code or an unused recovery code. */
  @Audited(entity = "user", action = "2fa-disable")
  public void disable(String code) {
    UserAccount user = caller.account();
    if (!user.totpEnabled()) {
      throw new TwoFactorStateConflict("Two-factor authentication is not on");
    }
    Instant now = clock.instant();
    throttles.requireUnlocked(user.username(), now);
    if (!factor.accept(user, code, now)) {
      throw wrongCode(user, now);
    }
    factor.remove(user);
  }

  private ProblemException wrongCode(UserAccount user, Instant now) {
    return throttles.failure(
        user.username(),
        now,
        new InvalidFields("The code is not valid", "code", "is not a valid code"));
  }
}
