package dev.forecourt.platform.problem;

/**
 * A field refers to something that does not exist (an unknown customer, vehicle or dealership): a
 * validation failure of that field, not a missing resource.
 */
public class UnknownReference extends InvalidFields {

  /** {@code field} holds the id of a {@code what} that does not exist. */
  public UnknownReference(String what, String field) {
    this(what, field, "id");
  }

  /** {@code field} holds the {@code key} (id, code, ...) of a {@code what} that does not exist. */
  public UnknownReference(String what, String field, String key) {
    super("Unknown " + what, field, "no " + what + " has this " + key);
  }
}
