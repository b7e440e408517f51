package dev.forecourt.inventory.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.API_KEY_SCOPES;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.inventory.application.DealershipView;
import dev.forecourt.inventory.application.InventoryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The group's dealerships (rooftops). */
@Path("dealerships")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class DealershipResource {

  @EJB InventoryService inventory;

  @GET
  @Operation(summary = "List the group's dealerships")
  @APIResponse(
      responseCode = "200",
      description = "The dealerships (rooftops)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = DealershipView.class)))
  @Extension(name = ROLES, value = "anonymous sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read inventory:write")
  public List<DealershipView> list() {
    return inventory.dealerships();
  }
}
