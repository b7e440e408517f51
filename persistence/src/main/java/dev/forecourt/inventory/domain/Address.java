package dev.forecourt.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A postal address of a dealership. */
@Embeddable
public class Address {

  @Column(name = "street", length = 200)
  private String street;

  @Column(name = "city", length = 100, nullable = false)
  private String city;

  @Column(name = "postal_code", length = 20)
  private String postalCode;

  @Column(name = "country", length = 2, nullable = false)
  private String country;

  protected Address() {}

  public Address(String street, String city, String postalCode, String country) {
    this.street = street;
    this.city = city;
    this.postalCode = postalCode;
    this.country = country;
  }

  public String street() {
    return street;
  }

  public String city() {
    return city;
  }

  public String postalCode() {
    return postalCode;
  }

  public String country() {
    return country;
  }
}
