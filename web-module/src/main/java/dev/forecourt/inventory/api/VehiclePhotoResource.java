package dev.forecourt.inventory.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.API_KEY_SCOPES;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.inventory.application.PhotoContent;
import dev.forecourt.inventory.application.PhotoSettings;
import dev.forecourt.inventory.application.PhotoView;
import dev.forecourt.inventory.application.VehiclePhotos;
import dev.forecourt.platform.web.BodyMissing;
import dev.forecourt.platform.web.RequestSizeLimit;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
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
 * Photos of a vehicle: the upload is the image itself ({@code image/jpeg}, {@code image/png} or
 * {@code image/webp}, at most {@code forecourt.photos.max-bytes}); what is served is the server's
 * re-encoding (no metadata), never changed for its id, so cached for a year.
 */
@Path("vehicles/{id: [0-9]{1,18}}/photos")
@Tag(name = "inventory")
public class VehiclePhotoResource {

  @EJB VehiclePhotos photos;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The photos of a vehicle",
      description = "Oldest first, without their bytes (`GET .../photos/{photoId}`).")
  @APIResponse(
      responseCode = "200",
      description = "The photos",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = PhotoView.class)))
  @Extension(name = ROLES, value = "anonymous sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read inventory:write")
  @Extension(name = PROBLEMS, value = "not-found")
  public List<PhotoView> list(@PathParam("id") long id) {
    return photos.list(id);
  }

  @POST
  @Consumes({"image/jpeg", "image/png", "image/webp"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a photo",
      description =
          "The body is the image. Its magic bytes must match its Content-Type, its dimensions stay within `forecourt.photos.max-pixels`, and it must decode (else 422 `validation-failed`); over `forecourt.photos.max-bytes` 413. Stored is the server's re-encoding (JPEG, or PNG for a PNG): no EXIF, no other metadata.")
  @RequestBody(
      required = true,
      description = "The image",
      content = {
        @Content(
            mediaType = "image/jpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "image/png",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "image/webp",
            schema = @Schema(type = SchemaType.STRING, format = "binary"))
      })
  @APIResponse(
      responseCode = "201",
      description = "The photo as kept; Location is its image",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PhotoView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:write")
  @Extension(
      name = PROBLEMS,
      value =
          "not-found validation-failed payload-too-large unsupported-media-type malformed-request")
  public Response add(
      @PathParam("id") long id,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body)
      throws IOException {
    int max = PhotoSettings.MAX_BYTES.get();
    if (length != null) {
      RequestSizeLimit.refuseDeclaredOver(length, max);
    }
    byte[] upload = RequestSizeLimit.readAtMost(body, max);
    if (upload.length == 0) {
      throw new BodyMissing();
    }
    PhotoView photo = photos.add(id, type, upload);
    return Response.created(
            UriBuilder.fromResource(VehiclePhotoResource.class)
                .path("{photo}")
                .build(id, photo.id()))
        .entity(photo)
        .build();
  }

  @GET
  @Path("{photoId: [0-9]{1,18}}")
  @Produces({"image/jpeg", "image/png"})
  @Operation(
      summary = "A photo's image",
      description = "Immutable for its id: `Cache-Control: public, max-age=31536000, immutable`.")
  @APIResponse(
      responseCode = "200",
      description = "The image",
      content = {
        @Content(
            mediaType = "image/jpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "image/png",
            schema = @Schema(type = SchemaType.STRING, format = "binary"))
      })
  @Extension(name = ROLES, value = "anonymous sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read inventory:write")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response image(@PathParam("id") long id, @PathParam("photoId") long photoId) {
    PhotoContent photo = photos.content(id, photoId);
    return Response.ok(photo.bytes(), photo.contentType())
        .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
        .tag(new EntityTag("photo-" + photo.id()))
        .build();
  }

  @DELETE
  @Path("{photoId: [0-9]{1,18}}")
  @Operation(summary = "Remove a photo")
  @APIResponse(responseCode = "204", description = "Removed")
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:write")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response remove(@PathParam("id") long id, @PathParam("photoId") long photoId) {
    photos.remove(id, photoId);
    return Response.noContent().build();
  }
}
