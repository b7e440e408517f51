package dev.forecourt.inventory.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.ZoneId;

/** A rooftop of the dealer group. Its business key is the short {@code code}. */
@Entity
@Table(name = "dealership")
@Cacheable
@EntityListeners(InventoryTags.class)
public class Dealership {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dealership_seq")
  @SequenceGenerator(name = "dealership_seq", sequenceName = "dealership_seq", allocationSize = 10)
  private Long id;

  @Column(name = "code", length = 20, nullable = false, unique = true, updatable = false)
  private String code;

  @Column(name = "name", length = 200, nullable = false)
  private String name;

  @Embedded private Address address;

  @Column(name = "time_zone", length = 64, nullable = false)
  private String timeZone;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Dealership() {}

  public Dealership(String code, String name, Address address, ZoneId timeZone) {
    this.code = code;
    this.name = name;
    this.address = address;
    this.timeZone = timeZone.getId();
  }

  public Long id() {
    return id;
  }

  public String code() {
    return code;
  }

  public String name() {
    return name;
  }

  public Address address() {
    return address;
  }

  public ZoneId timeZone() {
    return ZoneId.of(timeZone);
  }
}
