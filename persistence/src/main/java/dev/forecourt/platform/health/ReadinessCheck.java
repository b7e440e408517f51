package dev.forecourt.platform.health;

/**
 * One thing the application needs to serve (the database, the job queues, authentication, …),
 * checked by {@link ReadinessProbe} in the background and reported by {@code /health/ready}. A
 * bounded, side-effect-free probe: it may take up to a few seconds when a dependency hangs, but
 * never blocks a health request (those read the probe's last result).
 */
public interface ReadinessCheck {

  /** The check's name in {@code /health/ready} (e.g. {@code database}). */
  String name();

  /** Probes the dependency now. A failure is a DOWN result, never an exception. */
  Result probe();

  /** What a probe found: UP or not, and a few safe facts for operators (no secrets). */
  record Result(boolean up, java.util.Map<String, Object> data) {

    public static Result up(java.util.Map<String, Object> data) {
      return new Result(true, data);
    }

    public static Result down(String why) {
      return new Result(false, java.util.Map.of("reason", why));
    }
  }
}
