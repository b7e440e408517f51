package dev.forecourt.sales.domain;

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
import java.util.Objects;

/**
 * A person buying (or thinking of buying) a car, with the consents they gave. Personal data can be
 * erased (GDPR): the record stays, pseudonymized, so that its leads, deals and revenue remain.
 */
@Entity
@Table(name = "customer")
public class Customer {

  /** What erased free text (notes, reasons) reads afterwards. */
  public static final String ERASED = "[erased]";

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_seq")
  @SequenceGenerator(name = "customer_seq", sequenceName = "customer_seq", allocationSize = 50)
  private Long id;

  @Column(name = "first_name", nullable = false, length = 100)
  private String firstName;

  @Column(name = "last_name", nullable = false, length = 100)
  private String lastName;

  @Column(name = "email", length = 200)
  private String email;

  @Column(name = "phone", length = 40)
  private String phone;

  @Column(name = "consent_marketing", nullable = false)
  private boolean consentMarketing;

  @Column(name = "consent_contact", nullable = false)
  private boolean consentContact;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "erased_at")
  private Instant erasedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Customer() {}

  public Customer(
      String firstName,
      String lastName,
      String email,
      String phone,
      boolean consentMarketing,
      boolean consentContact) {
    this.firstName = Objects.requireNonNull(firstName, "firstName");
    this.lastName = Objects.requireNonNull(lastName, "lastName");
    this.email = email;
    this.phone = phone;
    this.consentMarketing = consentMarketing;
    this.consentContact = consentContact;
    this.createdAt = StoredTime.now();
    this.updatedAt = createdAt;
  }

  /** Replaces the personal data by a pseudonym and withdraws every consent; the record stays. */
  public void erase(String pseudonym) {
    firstName = "erased";
    lastName = pseudonym;
    email = null;
    phone = null;
    consentMarketing = false;
    consentContact = false;
    erasedAt = StoredTime.now();
    updatedAt = erasedAt;
  }

  public boolean isErased() {
    return erasedAt != null;
  }

  public Long id() {
    return id;
  }

  public String firstName() {
    return firstName;
  }

  public String lastName() {
    return lastName;
  }

  public String email() {
    return email;
  }

  public String phone() {
    return phone;
  }

  public boolean consentMarketing() {
    return consentMarketing;
  }

  public boolean consentContact() {
    return consentContact;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant erasedAt() {
    return erasedAt;
  }

  public long version() {
    return version;
  }
}
