package dev.forecourt.platform.security;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Client addresses blocked by the intrusion detection (admins): list, unblock. */
@Path("/admin/security/blocked-clients")
@Produces(MediaType.APPLICATION_JSON)
public class BlockedClientResource {

  @EJB IntrusionLedger ledger;

  @GET
  public List<BlockedClient> list() {
    return ledger.list();
  }

  @DELETE
  @Path("{address: [0-9A-Fa-f.:]{2,45}}")
  public Response unblock(@PathParam("address") String address) {
    ledger.unblock(address);
    return Response.noContent().build();
  }
}
