package dev.forecourt.platform.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current instant as the database keeps it (microseconds): the value in memory equals the
 * stored one.
 */
public final class StoredTime {

  private StoredTime() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
