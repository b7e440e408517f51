package dev.forecourt.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An integrator's API key: {@code fck_<prefix>_<secret>}. Only the prefix and the SHA-256 hash of
 * the secret are stored; the secret is shown once, at creation or rotation. Scopes limit what the
 * key may do, dealerships where.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_key_seq")
  @SequenceGenerator(name = "api_key_seq", sequenceName = "api_key_seq", allocationSize = 10)
  private Long id;

  @Column(name = "prefix", nullable = false, unique = true, length = 16, updatable = false)
  private String prefix;

  @Column(name = "name", nullable = false, length = 100)
  private String name;

  @Column(name = "secret_hash", nullable = false, length = 64)
  private String secretHash;

  @Column(name = "previous_secret_hash", length = 64)
  private String previousSecretHash;

  @Column(name = "previous_valid_until")
  private Instant previousValidUntil;

  @Column(name = "scopes", nullable = false, length = 200)
  private String scopes;

  @Column(name = "dealerships", nullable = false, length = 200)
  private String dealerships;

  @Column(name = "created_by", nullable = false, length = 100, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  /** Written by a bulk update in a transaction of its own (identity.application.ApiKeyUsage). */
  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected ApiKey() {}

  public ApiKey(
      String prefix,
      String name,
      String secretHash,
      Set<String> scopes,
      Set<String> dealerships,
      String createdBy,
      Instant createdAt,
      Instant expiresAt) {
    this.prefix = prefix;
    this.name = name;
    this.secretHash = secretHash;
    this.scopes = String.join(" ", new java.util.TreeSet<>(scopes));
    this.dealerships = String.join(" ", new java.util.TreeSet<>(dealerships));
    this.createdBy = createdBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  /**
   * Whether {@code secretHash} opens this key now (the current secret, or the previous one in its
   * overlap).
   */
  public boolean accepts(String candidateHash, Instant now) {
    if (revokedAt != null || (expiresAt != null && !now.isBefore(expiresAt))) {
      return false;
    }
    boolean current = equal(candidateHash, secretHash);
    boolean previous =
        previousSecretHash != null
            && previousValidUntil != null
            && now.isBefore(previousValidUntil)
            && equal(candidateHash, previousSecretHash);
    return current | previous;
  }

  /** A new secret; the old one keeps working for {@code overlap}. */
  public void rotate(String newSecretHash, Instant now, Duration overlap) {
    previousSecretHash = secretHash;
    previousValidUntil = now.plus(overlap);
    secretHash = newSecretHash;
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static Set<String> split(String value) {
    return value.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.split(" ")));
  }

  public Long id() {
    return id;
  }

  public String prefix() {
    return prefix;
  }

  public String name() {
    return name;
  }

  public Set<String> scopes() {
    return split(scopes);
  }

  public Set<String> dealerships() {
    return split(dealerships);
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  public Instant previousValidUntil() {
    return previousValidUntil;
  }
}
