package dev.forecourt.platform.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A bare JAX-RS endpoint (no EJB, no JPA): the baseline the benchmark compares the others with. */
@Path("ping")
public class PingResource {

  /** Always {@code {"status":"ok"}}. */
  public record Pong(String status) {}

  private static final Pong PONG = new Pong("ok");

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Pong ping() {
    return PONG;
  }
}
