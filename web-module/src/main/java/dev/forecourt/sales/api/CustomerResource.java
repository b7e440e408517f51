package dev.forecourt.sales.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.sales.application.CustomerExport;
import dev.forecourt.sales.application.CustomerService;
import dev.forecourt.sales.application.Erasure;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Customer data under the GDPR: the export of everything held about a customer (managers of a
 * dealership the customer has a lead at, admins), and the erasure of their personal data (admins; a
 * repeat answers 200 with the first erasure's pseudonym and time).
 */
@Path("customers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
public class CustomerResource {

  @EJB CustomerService customers;

  /** The export as a JSON download ({@code customer-<id>.json}). */
  @GET
  @Path("{id: [0-9]{1,18}}/export")
  @Operation(
      summary = "Export a customer's data (GDPR)",
      description =
          "Everything held about the customer, as a JSON download (`customer-<id>.json`): managers of a dealership the customer has a lead at, and admins.")
  @APIResponse(
      responseCode = "200",
      description = "The export",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CustomerExport.class)),
      headers =
          @Header(
              name = "Content-Disposition",
              description = "attachment; filename=\"customer-<id>.json\"",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response export(@PathParam("id") long id) {
    CustomerExport export = customers.export(id);
    return Response.ok(export)
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customer-" + id + ".json\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/erasure")
  @Operation(
      summary = "Erase a customer's personal data (GDPR)",
      description = "A repeat answers 200 with the first erasure's pseudonym and time.")
  @APIResponse(
      responseCode = "200",
      description = "The erasure",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Erasure.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "not-found conflict")
  public Erasure erase(@PathParam("id") long id) {
    return customers.erase(id);
  }
}
