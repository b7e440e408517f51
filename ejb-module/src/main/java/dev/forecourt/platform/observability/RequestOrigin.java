package dev.forecourt.platform.observability;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current request came from: the client address and the correlation id, recorded by the
 * web tier's correlation filter and read by the EJB tier (the audit trail). Empty outside an HTTP
 * request (timers, message-driven beans).
 */
@RequestScoped
public class RequestOrigin {

  private String clientIp;
  private String correlationId;

  public void record(String clientIp, String correlationId) {
    this.clientIp = clientIp;
    this.correlationId = correlationId;
  }

  /** The client address, or null outside an HTTP request. */
  public String clientIp() {
    return clientIp;
  }

  /** The request's correlation id, or null outside an HTTP request. */
  public String correlationId() {
    return correlationId;
  }
}
