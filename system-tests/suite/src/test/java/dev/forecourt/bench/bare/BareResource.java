package dev.forecourt.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * One GET answering a constant JSON document of 200 bytes: no CDI, EJB, JPA or filter (and one
 * telling the caller's name, for the bench's check of the WARs with an authentication mechanism).
 */
@Path("")
public class BareResource {

  static final String BODY;

  static {
    String head =
        "{\"id\":4711,\"make\":\"Volkswagen\",\"model\":\"Golf\",\"status\":\"AVAILABLE\",";
    String tail = "\"pad\":\"";
    StringBuilder json = new StringBuilder(head).append(tail);
    while (json.length() < 198) {
      json.append('x');
    }
    BODY = json.append("\"}").toString();
  }

  @GET
  @Path("constant")
  @Produces(MediaType.APPLICATION_JSON)
  public String constant() {
    return BODY;
  }

  /** Who the request was signed in as (the bench checks that a mechanism is in place). */
  @GET
  @Path("caller")
  @Produces(MediaType.TEXT_PLAIN)
  public String caller(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security) {
    return security.getUserPrincipal() == null
        ? "anonymous"
        : security.getUserPrincipal().getName();
  }
}
