package dev.forecourt.platform.config;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.config.ConfigurationReport.SettingView;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The {@code forecourt.*} configuration (admins): the effective one of the node that answers, and
 * values set at runtime for every node.
 */
@Path("/admin/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class SettingsResource {

  /** The body of a change: the new value, as text (as in any other config source). */
  public record SettingChange(String value) {}

  @EJB ConfigurationReport report;

  @EJB RuntimeSettings settings;

  @GET
  @Operation(
      summary = "The forecourt.* configuration of this node",
      description =
          "Every declared key: its `type`, `defaultValue`, `change` (`runtime`: applies at once; `restart`: read at start; `server`: the server's configuration only), the configured `value` (null: not configured, the default applies; `****` for a secret, never its text) and the config `source` it comes from (system property, environment, the server's config source, the application's defaults), whether it is `required`, what it means, and the `problems` the deployment check finds with it (empty: valid). A key with a placeholder (`forecourt.integrations.<source>.secret`) lists the configured keys of its shape as `instances`.")
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

  @PUT
  @Path("{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set a forecourt.* key on every node",
      description =
          "`{\"value\":\"PT10M\"}`: checked by the key's rules first (a bad value is refused with the reason, nothing stored); then stored (a secret encrypted) and applied by this node when the change commits and by the others within 5 s, before every config source of the server, until removed; kept across restarts. A key whose `change` is `restart` applies after a restart; one whose `change` is `server` (the secrets keys, the cluster, the log file, the webhook allow-list, the trusted proxies) is refused. Audited (a secret's value never).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SettingChange.class)))
  @APIResponse(
      responseCode = "200",
      description = "The key as it is now",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SettingView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter not-found validation-failed")
  public SettingView change(@PathParam("key") String key, SettingChange change) {
    return settings.change(
        key, new RuntimeSettings.NewValue(change == null ? null : change.value()));
  }

  @DELETE
  @Path("{key}")
  @Operation(
      summary = "Remove a key's runtime value",
      description =
          "The server's configuration (or the key's default) applies again on every node. Audited.")
  @APIResponse(responseCode = "204", description = "Removed")
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter not-found")
  public Response remove(@PathParam("key") String key) {
    settings.remove(key);
    return Response.noContent().build();
  }
}
