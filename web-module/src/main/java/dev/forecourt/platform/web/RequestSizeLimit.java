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
      refuseDeclaredOver(declared, maxBytes);
      return;
    }
    request.setEntityStream(
        new ByteArrayInputStream(readAtMost(request.getEntityStream(), maxBytes)));
  }

  /** 413 when a declared Content-Length exceeds {@code maxBytes}; 400 when it is no number. */
  public static void refuseDeclaredOver(String declared, int maxBytes) {
    try {
      if (Long.parseLong(declared.trim()) > maxBytes) {
        throw new BodyTooLarge(maxBytes);
      }
    } catch (NumberFormatException e) {
      throw new ContentLengthMalformed();
    }
  }

  /** The body, read up to {@code maxBytes}; 413 when there is more. */
  public static byte[] readAtMost(InputStream in, int maxBytes) throws IOException {
    byte[] body = in.readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      throw new BodyTooLarge(maxBytes);
    }
    return body;
  }
}
