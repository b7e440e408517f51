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

/**
 * One opaque refresh token, stored as the SHA-256 hash of its value. Tokens of one login form a
 * family: each refresh uses the presented token and issues the next one; presenting a used token
 * again means it was stolen, and the whole family is revoked.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "refresh_token_seq")
  @SequenceGenerator(
      name = "refresh_token_seq",
      sequenceName = "refresh_token_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "token_hash", nullable = false, unique = true, length = 64, updatable = false)
  private String tokenHash;

  @Column(name = "family_id", nullable = false, length = 36, updatable = false)
  private String familyId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id", nullable = false, updatable = false)
  private UserAccount user;

  @Column(name = "issued_at", nullable = false, updatable = false)
  private Instant issuedAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected RefreshToken() {}

  public RefreshToken(
      String tokenHash, String familyId, UserAccount user, Instant issuedAt, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.familyId = familyId;
    this.user = user;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
  }

  public String familyId() {
    return familyId;
  }

  public UserAccount user() {
    return user;
  }

  public boolean used() {
    return usedAt != null;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public void use(Instant now) {
    usedAt = now;
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }
}
