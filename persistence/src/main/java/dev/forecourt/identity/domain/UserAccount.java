package dev.forecourt.identity.domain;

import dev.forecourt.platform.security.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** A local account: a person who signs in with a username and a bcrypt-hashed password. */
@Entity
@Table(name = "user_account")
public class UserAccount {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_account_seq")
  @SequenceGenerator(
      name = "user_account_seq",
      sequenceName = "user_account_seq",
      allocationSize = 10)
  private Long id;

  @Column(name = "username", nullable = false, unique = true, length = 100, updatable = false)
  private String username;

  @Column(name = "email", length = 200, unique = true)
  private String email;

  @Column(name = "password_hash", nullable = false, length = 100)
  private String passwordHash;

  @Column(name = "enabled", nullable = false)
  private boolean enabled;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_account_role", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role", length = 20, nullable = false)
  @Enumerated(EnumType.STRING)
  private Set<Role> roles = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_account_dealership", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "dealership_id", nullable = false)
  private Set<Long> dealershipIds = new HashSet<>();

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  /**
   * The TOTP secret, encrypted at rest by the application; set at enrolment, before confirmation.
   */
  @Column(name = "totp_secret", length = 300)
  private String totpSecret;

  @Column(name = "totp_enabled", nullable = false)
  private boolean totpEnabled;

  /** The last TOTP time step accepted: a code is good once (RFC 6238, section 5.2). */
  @Column(name = "totp_last_step")
  private Long totpLastStep;

  @Column(name = "disabled_at")
  private Instant disabledAt;

  /** The generation of the access tokens issued now; tokens of an older one are refused. */
  @Column(name = "token_generation", nullable = false)
  private long tokenGeneration;

  /** When the token generation was last raised. */
  @Column(name = "tokens_changed_at")
  private Instant tokensChangedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected UserAccount() {}

  public UserAccount(
      String username,
      String email,
      String passwordHash,
      Set<Role> roles,
      Set<Long> dealershipIds,
      Instant now) {
    this.username = normalize(username);
    this.email = email;
    this.passwordHash = Objects.requireNonNull(passwordHash);
    this.enabled = true;
    this.roles = roles.isEmpty() ? new HashSet<>() : EnumSet.copyOf(roles);
    this.dealershipIds = new HashSet<>(dealershipIds);
    this.createdAt = now;
  }

  /** Usernames are compared case-insensitively: they are stored lower-case. */
  public static String normalize(String username) {
    return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String email() {
    return email;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public boolean enabled() {
    return enabled;
  }

  public Set<Role> roles() {
    return Set.copyOf(roles);
  }

  public Set<Long> dealershipIds() {
    return Set.copyOf(dealershipIds);
  }

  public void changePasswordHash(String newHash) {
    this.passwordHash = Objects.requireNonNull(newHash);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant disabledAt() {
    return disabledAt;
  }

  public long tokenGeneration() {
    return tokenGeneration;
  }

  public Instant tokensChangedAt() {
    return tokensChangedAt;
  }

  public long version() {
    return version;
  }

  /**
   * Replaces the roles and dealerships. The access tokens issued so far carry the old ones and are
   * refused from now on; a refresh gives a token with the new ones.
   */
  public void changeAccess(Set<Role> newRoles, Set<Long> newDealershipIds, Instant now) {
    if (newRoles.isEmpty()) {
      throw new IllegalArgumentException("An account needs at least one role");
    }
    this.roles.clear();
    this.roles.addAll(newRoles);
    this.dealershipIds.clear();
    this.dealershipIds.addAll(newDealershipIds);
    refuseIssuedTokens(now);
  }

  /** Disables sign-in; every access token issued so far is refused. No-op when already disabled. */
  public void disable(Instant now) {
    if (enabled) {
      this.enabled = false;
      this.disabledAt = now;
      refuseIssuedTokens(now);
    }
  }

  /**
   * Allows sign-in again (with the existing password); tokens issued before the disable stay
   * refused.
   */
  public void enable() {
    this.enabled = true;
    this.disabledAt = null;
  }

  /**
   * Refuses the access tokens issued so far: the tokens issued from now on are of a new generation.
   */
  public void refuseIssuedTokens(Instant now) {
    this.tokenGeneration++;
    this.tokensChangedAt = now;
  }

  public String totpSecret() {
    return totpSecret;
  }

  public boolean totpEnabled() {
    return totpEnabled;
  }

  public long totpLastStep() {
    return totpLastStep == null ? Long.MIN_VALUE : totpLastStep;
  }

  /** Starts (or restarts) an enrolment: the second factor is on only once a code confirms it. */
  public void enrolTotp(String sealedSecret) {
    if (totpEnabled) {
      throw new IllegalStateException("Two-factor authentication is already on");
    }
    this.totpSecret = Objects.requireNonNull(sealedSecret);
    this.totpLastStep = null;
  }

  /** Turns the second factor on (after a code from the enrolled secret was accepted). */
  public void confirmTotp() {
    if (totpSecret == null) {
      throw new IllegalStateException("No two-factor enrolment to confirm");
    }
    this.totpEnabled = true;
  }

  public void acceptTotpStep(long step) {
    this.totpLastStep = step;
  }

  public void removeTotp() {
    this.totpSecret = null;
    this.totpEnabled = false;
    this.totpLastStep = null;
  }
}
