package dev.forecourt.sales.api;

import dev.forecourt.sales.application.CustomerExport;
import dev.forecourt.sales.application.CustomerService;
import dev.forecourt.sales.application.Erasure;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Customer data under the GDPR: the export of everything held about a customer (managers of a
 * dealership the customer has a lead at, admins), and the erasure of their personal data (admins;
 * a repeat answers 200 with the first erasure's pseudonym and time).
 */
@Path("customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

  @EJB CustomerService customers;

  /** The export as a JSON download ({@code customer-<id>.json}). */
  @GET
  @Path("{id: [0-9]{1,18}}/export")
  public Response export(@PathParam("id") long id) {
    CustomerExport export = customers.export(id);
    return Response.ok(export)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customer-" + id + ".json\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/erasure")
  public Erasure erase(@PathParam("id") long id) {
    return customers.erase(id);
  }
}
