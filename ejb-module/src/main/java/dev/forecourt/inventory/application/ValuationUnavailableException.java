package dev.forecourt.inventory.application;

/**
 * The external valuation service did not give a usable answer (error status, bad body, I/O
 * failure).
 */
public class ValuationUnavailableException extends RuntimeException {

  public ValuationUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
