package dev.forecourt.inventory.application;

import java.time.Instant;

/** A photo of a vehicle, without its bytes. */
public record PhotoView(
    long id,
    long vehicleId,
    String contentType,
    int width,
    int height,
    int bytes,
    Instant createdAt) {}
