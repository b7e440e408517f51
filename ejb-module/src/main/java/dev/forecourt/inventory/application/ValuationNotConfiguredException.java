package dev.forecourt.inventory.application;

/**
 * No valuation service is configured ({@code forecourt.valuation.url} unset): retrying cannot help.
 */
public class ValuationNotConfiguredException extends ValuationUnavailableException {

  public ValuationNotConfiguredException() {
    super("forecourt.valuation.url is not set", null);
  }
}
