package dev.forecourt.platform.web;

import dev.forecourt.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code forecourt.request.max-body-bytes} (default 1 MiB) with 413,
 * whether the size is declared (Content-Length) or only found out while reading (chunked). An image
 * body is left to the photo upload, which has a limit of its own.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class RequestSizeLimit implements ContainerRequestFilter {

  @Inject Settings settings;

  int maxBytes;

  @PostConstruct
  void init() {
    maxBytes = settings.get(WebSettings.MAX_BODY_BYTES);
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!request.hasEntity()) {
      return;
    }
    if (request.getMediaType() != null && "image".equals(request.getMediaType().getType())) {
      // an image: the one resource that takes images (vehicle photos) bounds its body itself, by
      // its own limit (forecourt.photos.max-bytes); no other resource consumes one (415)
      return;
    }
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBytes) {
          throw new BodyTooLarge(maxBytes);
        }
        return;
      } catch (NumberFormatException e) {
        throw new ContentLengthMalformed();
      }
    }
    InputStream in = request.getEntityStream();
    byte[] body = in.readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      throw new BodyTooLarge(maxBytes);
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }
}
