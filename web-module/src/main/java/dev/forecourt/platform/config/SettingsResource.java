package dev.forecourt.platform.config;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.config.ConfigurationReport.SettingView;
import jakarta.ejb.EJB;
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

/** The effective {@code forecourt.*} configuration of the node that answers (admins). */
@Path("/admin/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class SettingsResource {

  @EJB ConfigurationReport report;

  @GET
  @Operation(
      summary = "The forecourt.* configuration of this node",
      description =
          "Every declared key: its `type`, `defaultValue`, the configured `value` (null: not configured, the default applies; `****` for a secret, never its text) and the config `source` it comes from (system property, environment, the server's config source, the application's defaults), whether it is `required`, what it means, and the `problems` the deployment check finds with it (empty: valid). A key with a placeholder (`forecourt.integrations.<source>.secret`) lists the configured keys of its shape as `instances`.")
  @APIResponse(
      responseCode = "200",
      description = "The keys",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = SettingView.class)))
  @Extension(name = ROLES, value = "admin")
  public List<SettingView> list() {
    return report.list();
  }
}
