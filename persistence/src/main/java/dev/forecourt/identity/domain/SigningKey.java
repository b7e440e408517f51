package dev.forecourt.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * An RS256 key pair of Forecourt's own access tokens: the private key (PKCS#8, base64) and the
 * public key as a JWK. The newest unretired key signs; a retired key stays published until the
 * overlap after its retirement has passed, so tokens it signed stay verifiable until they expire.
 */
@Entity
@Table(name = "signing_key")
public class SigningKey {

  @Id
  @Column(name = "kid", length = 64)
  private String kid;

  /** The PKCS#8 private key, encrypted at rest (AES-GCM) by the application. */
  @Column(name = "private_key", nullable = false, length = 4000)
  private String privateKey;

  @Column(name = "public_jwk", nullable = false, length = 2000, updatable = false)
  private String publicJwk;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "retired_at")
  private Instant retiredAt;

  /** Set when the key was revoked: it is published no more, whatever the overlap. */
  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected SigningKey() {}

  public SigningKey(String kid, String privateKey, String publicJwk, Instant createdAt) {
    this.kid = kid;
    this.privateKey = privateKey;
    this.publicJwk = publicJwk;
    this.createdAt = createdAt;
  }

  public String kid() {
    return kid;
  }

  public String privateKey() {
    return privateKey;
  }

  /** Replaces the stored (encrypted) private key, e.g. re-encrypted under a new secrets key. */
  public void storePrivateKey(String sealed) {
    this.privateKey = sealed;
  }

  public String publicJwk() {
    return publicJwk;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public boolean active() {
    return retiredAt == null;
  }

  public boolean publishedAt(Instant now, Duration overlap) {
    return revokedAt == null && (retiredAt == null || now.isBefore(retiredAt.plus(overlap)));
  }

  /** Retires the key and takes it out of the published set at once (it is believed compromised). */
  public void revoke(Instant now) {
    retire(now);
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  public void retire(Instant now) {
    if (retiredAt == null) {
      retiredAt = now;
    }
  }
}
