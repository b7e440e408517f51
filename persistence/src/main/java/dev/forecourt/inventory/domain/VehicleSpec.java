package dev.forecourt.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** What a vehicle is: make, model, trim, model year and colour. */
@Embeddable
public class VehicleSpec {

  @Column(name = "make", length = 60, nullable = false)
  private String make;

  @Column(name = "model", length = 60, nullable = false)
  private String model;

  @Column(name = "trim_level", length = 60)
  private String trim;

  @Column(name = "model_year", nullable = false)
  private int modelYear;

  @Column(name = "colour", length = 40)
  private String colour;

  protected VehicleSpec() {}

  public VehicleSpec(String make, String model, String trim, int modelYear, String colour) {
    this.make = Objects.requireNonNull(make, "make");
    this.model = Objects.requireNonNull(model, "model");
    this.trim = trim;
    this.modelYear = modelYear;
    this.colour = colour;
  }

  public String make() {
    return make;
  }

  public String model() {
    return model;
  }

  public String trim() {
    return trim;
  }

  public int modelYear() {
    return modelYear;
  }

  public String colour() {
    return colour;
  }
}
