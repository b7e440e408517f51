package dev.forecourt.integration.domain;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A receiver of Forecourt's events: its URL, the event types it wants and its signing secret, kept
 * encrypted (the caller of {@link #secret(String)} encrypts it; this entity never sees it in
 * clear).
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_subscription_seq")
  @SequenceGenerator(
      name = "webhook_subscription_seq",
      sequenceName = "webhook_subscription_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "url", length = 2000, nullable = false)
  private String url;

  @Column(name = "event_types", length = 1000, nullable = false)
  private String eventTypes;

  @Column(name = "description", length = 200)
  private String description;

  @Column(name = "secret", length = 400, nullable = false)
  private String secret;

  @Column(name = "active", nullable = false)
  private boolean active;

  @Column(name = "created_by", length = 200, nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected WebhookSubscription() {}

  public WebhookSubscription(
      String url, Set<String> eventTypes, String description, String createdBy) {
    this.url = Objects.requireNonNull(url, "url");
    this.eventTypes = String.join(",", new java.util.TreeSet<>(eventTypes));
    this.description = description;
    this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    this.secret = "-";
    this.active = true;
    this.createdAt = StoredTime.now();
  }

  /** Stores the (already encrypted) signing secret. */
  public void secret(String encrypted) {
    this.secret = Objects.requireNonNull(encrypted, "encrypted");
  }

  public boolean wants(String eventType) {
    return active && eventTypes().contains(eventType);
  }

  public void deactivate() {
    active = false;
  }

  public Long id() {
    return id;
  }

  public String url() {
    return url;
  }

  public Set<String> eventTypes() {
    return new LinkedHashSet<>(Arrays.asList(eventTypes.split(",")));
  }

  public String description() {
    return description;
  }

  /** The encrypted signing secret. */
  public String secret() {
    return secret;
  }

  public boolean active() {
    return active;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
