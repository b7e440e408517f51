package dev.forecourt.platform.observability;

import dev.forecourt.platform.security.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/**
 * The client address of a request by {@link TrustedProxies}' rule (the connection's peer, or the
 * rightmost hop a trusted proxy reports), worked out once per request. The rate limits, the
 * intrusion detection and {@link RequestOrigin} (the audit trail) all take it from here.
 */
public final class ClientAddress {

  private static final String ATTRIBUTE = ClientAddress.class.getName();

  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof String address) {
      return address;
    }
    String address =
        TrustedProxies.clientAddress(
            request.getRemoteAddr(),
            headers(request, "X-Forwarded-For"),
            headers(request, "Forwarded"),
            TrustedProxies.configured());
    request.setAttribute(ATTRIBUTE, address);
    return address;
  }

  private static List<String> headers(HttpServletRequest request, String name) {
    return request.getHeaders(name) == null
        ? List.of()
        : Collections.list(request.getHeaders(name));
  }
}
