package dev.forecourt.identity.infrastructure;

import com.nimbusds.jose.util.Resource;
import dev.forecourt.identity.application.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The one HTTP call to the enterprise SSO provider: reading its JWKS, which nimbus' JWK source
 * (cache, rate limit, outage tolerance: {@link TokenVerifier}) asks for on a cache miss or an
 * unknown {@code kid}. Guarded by MicroProfile Fault Tolerance, so that a hanging or dead provider
 * cannot hold request threads: each fetch is bounded by {@code @Timeout} (the JDK HTTP client is
 * interruptible, so the time-out really frees the thread), a provider that keeps failing is not
 * called at all while the {@code @CircuitBreaker} is open, and at most {@code @Bulkhead} fetches
 * run at once. Every value can be overridden by MP Config, e.g. {@code
 * dev.forecourt.identity.infrastructure.JwksFetcher/fetch/Timeout/value}.
 */
@ApplicationScoped
public class JwksFetcher {

  /** nimbus' own limit for a JWKS document. */
  static final int SIZE_LIMIT = 50 * 1024;

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Timeout(2000)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 30_000,
      successThreshold = 1)
  @Bulkhead(2)
  public Resource fetch(URL url) throws IOException, InterruptedException {
    HttpRequest request;
    try {
      // a backstop only: the FT time-out above is the bound
      request =
          HttpRequest.newBuilder(url.toURI())
              .timeout(Duration.ofSeconds(30))
              .header("Accept", "application/json")
              .GET()
              .build();
    } catch (URISyntaxException e) {
      throw new IOException("not a URI: " + url, e);
    }
    HttpResponse<InputStream> response =
        HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("the provider answered HTTP " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(SIZE_LIMIT + 1);
      if (bytes.length > SIZE_LIMIT) {
        throw new IOException("the JWKS exceeds " + SIZE_LIMIT + " bytes");
      }
      return new Resource(
          new String(bytes, StandardCharsets.UTF_8),
          response.headers().firstValue("Content-Type").orElse(null));
    }
  }
}
