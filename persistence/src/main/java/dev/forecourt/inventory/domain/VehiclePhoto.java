package dev.forecourt.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A photo of a vehicle as the server re-encoded it (JPEG, or PNG for a PNG upload): only pixels, no
 * metadata of the upload. Immutable; deleted with its vehicle. Its listing reads the other columns
 * only ({@code select new}), the content is read for the photo alone.
 */
@Entity
@Table(name = "vehicle_photo")
public class VehiclePhoto {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "vehicle_photo_seq")
  @SequenceGenerator(
      name = "vehicle_photo_seq",
      sequenceName = "vehicle_photo_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "vehicle_id", nullable = false, updatable = false)
  private long vehicleId;

  @Column(name = "content_type", nullable = false, length = 20, updatable = false)
  private String contentType;

  @Column(name = "width", nullable = false, updatable = false)
  private int width;

  @Column(name = "height", nullable = false, updatable = false)
  private int height;

  @Column(name = "byte_size", nullable = false, updatable = false)
  private int byteSize;

  @Column(name = "content", nullable = false, updatable = false)
  private byte[] content;

  @Column(name = "created_by", nullable = false, length = 200, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected VehiclePhoto() {}

  public VehiclePhoto(
      long vehicleId,
      String contentType,
      int width,
      int height,
      byte[] content,
      String createdBy,
      Instant createdAt) {
    this.vehicleId = vehicleId;
    this.contentType = contentType;
    this.width = width;
    this.height = height;
    this.content = content.clone();
    this.byteSize = content.length;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  public Long id() {
    return id;
  }

  public long vehicleId() {
    return vehicleId;
  }

  public String contentType() {
    return contentType;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int byteSize() {
    return byteSize;
  }

  public byte[] content() {
    return content.clone();
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
