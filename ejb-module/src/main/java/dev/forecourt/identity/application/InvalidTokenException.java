package dev.forecourt.identity.application;

/** A presented token was not accepted; the message says why (for the log, not the client). */
public class InvalidTokenException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
