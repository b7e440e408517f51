package dev.forecourt.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One GET answering a constant JSON document of 200 bytes: no CDI, EJB, JPA or filter. */
@Path("constant")
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
  @Produces(MediaType.APPLICATION_JSON)
  public String constant() {
    return BODY;
  }
}
