package dev.forecourt.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time recovery code of the second factor, stored as the SHA-256 hash of its value. */
@Entity
@Table(name = "recovery_code")
public class RecoveryCode {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recovery_code_seq")
  @SequenceGenerator(
      name = "recovery_code_seq",
      sequenceName = "recovery_code_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id", nullable = false, updatable = false)
  private UserAccount user;

  @Column(name = "code_hash", nullable = false, length = 64, updatable = false)
  private String codeHash;

  @Column(name = "used_at")
  private Instant usedAt;

  protected RecoveryCode() {}

  public RecoveryCode(UserAccount user, String codeHash) {
    this.user = user;
    this.codeHash = codeHash;
  }

  public boolean used() {
    return usedAt != null;
  }

  public void use(Instant now) {
    this.usedAt = now;
  }
}
