package dev.forecourt.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins of one username — known or not, so that an unknown name is answered exactly like a
 * known one. After {@code maxFailures} consecutive failures the name is locked for a while.
 */
@Entity
@Table(name = "login_throttle")
public class LoginThrottle {

  @Id
  @Column(name = "username", length = 100)
  private String username;

  @Column(name = "failures", nullable = false)
  private int failures;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected LoginThrottle() {}

  public LoginThrottle(String username) {
    this.username = UserAccount.normalize(username);
  }

  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  public Instant lockedUntil() {
    return lockedUntil;
  }

  public int failures() {
    return failures;
  }

  /** Records a failure; the failure that reaches {@code maxFailures} locks the name. */
  public void fail(Instant now, int maxFailures, Duration lockFor) {
    if (lockedUntil != null && !now.isBefore(lockedUntil)) {
      failures = 0;
      lockedUntil = null;
    }
    failures++;
    if (failures >= maxFailures) {
      lockedUntil = now.plus(lockFor);
    }
  }

  public void succeed() {
    failures = 0;
    lockedUntil = null;
  }
}
