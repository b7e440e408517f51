package dev.forecourt.identity.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTProcessor;
import dev.forecourt.identity.infrastructure.JwksFetcher;
import dev.forecourt.platform.security.SecuritySettings;
import dev.forecourt.platform.security.TokenPrincipal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Verifies bearer access tokens the way MP-JWT specifies, with nimbus-jose-jwt: RS256 only,
 * signature by the issuer's JWKS (looked up by {@code kid}; an unknown {@code kid} re-reads the
 * JWKS, at most every {@code forecourt.security.jwks.refresh-min-interval}; the read itself is
 * {@link JwksFetcher}'s, under MP Fault Tolerance; while the provider is unreachable the keys last
 * read keep working for {@code forecourt.security.jwks.outage-tolerance}), exact issuer, one of the
 * accepted audiences, {@code exp}/{@code nbf} (with {@code mp.jwt.verify.clock.skew} seconds of
 * skew) and a {@code groups} claim.
 *
 * <p>Two issuers are trusted: the enterprise provider, when {@code
 * mp.jwt.verify.publickey.location} is an http(s) JWKS URL (with {@code mp.jwt.verify.issuer} and
 * {@code mp.jwt.verify.audiences}), and Forecourt's own local accounts ({@code
 * forecourt.security.token.issuer}, keys from the database — the JWKS published at {@code
 * /api/v1/auth/jwks}) unless {@code forecourt.security.local-accounts.enabled=false}. Payara's
 * built-in MP-JWT is not used: it neither refreshes its JWKS on an unknown {@code kid}
 * (payara#3795) nor enforces the audience everywhere (payara#5356).
 *
 * <p>A token verified once is not verified again on every request: its claims are kept by the
 * SHA-256 of the token until it expires, at most {@link #VERIFIED_MAX_AGE} (then the signature is
 * checked again, with the keys as they are then: a key taken out of the provider's JWKS stops
 * counting within that time, as it does through the key caches; the tokens of one of Forecourt's
 * own keys are forgotten as soon as this node sees the key leave the published set, {@link
 * SigningKeysChanged}). Whether the account still accepts the token (disabled, roles changed:
 * {@link TokenCutoffs}) is checked on every request by the caller, after this.
 */
@ApplicationScoped
public class TokenVerifier {

  private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());

  @Inject SigningKeys signingKeys;
  @Inject TokenSettings settings;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.publickey.location")
  Optional<String> providerJwks;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  Optional<String> providerIssuer;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.audiences")
  Optional<String> providerAudiences;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30")
  int clockSkewSeconds;

  @Inject JwksFetcher jwksFetcher;

  private final Map<String, JWTProcessor<SecurityContext>> processors = new HashMap<>();

  /** How long a verification is trusted before the signature is checked again. */
  static final Duration VERIFIED_MAX_AGE = Duration.ofSeconds(30);

  /** Beyond this many distinct tokens the verified ones are forgotten together. */
  private static final int VERIFIED_MAX_TOKENS = 20_000;

  /** Verified tokens' callers (immutable), by the token's SHA-256, and until when they hold. */
  private final Map<ByteBuffer, Verified> verified = new ConcurrentHashMap<>();

  /** {@code localKeyId}: the key id of a token of Forecourt's own issuer, null for others. */
  private record Verified(TokenPrincipal caller, long untilMillis, String localKeyId) {}

  @PostConstruct
  void init() {
    try {
      trustIssuers();
    } catch (RuntimeException e) {
      LOG.log(
          java.util.logging.Level.SEVERE,
          "Bearer-token verification cannot start: " + e.getMessage(),
          e);
      throw e;
    }
  }

  private void trustIssuers() {
    if (SecuritySettings.LOCAL_ACCOUNTS.get()) {
      processors.put(
          settings.issuer(),
          processor(localKeys(), settings.issuer(), Set.of(settings.audience())));
    }
    Optional<String> location =
        providerJwks.filter(l -> l.startsWith("http://") || l.startsWith("https://"));
    if (location.isPresent()) {
      String issuer =
          providerIssuer.orElseThrow(
              () ->
                  new IllegalStateException(
                      "mp.jwt.verify.publickey.location is set, mp.jwt.verify.issuer is missing"));
      List<String> audiences =
          providerAudiences
              .map(TokenVerifier::list)
              .filter(a -> !a.isEmpty())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "mp.jwt.verify.publickey.location is set, mp.jwt.verify.audiences is missing: tokens for other audiences must be refused"));
      // nimbus keeps the keys (cache, rate limit, outage tolerance); the HTTP fetch itself is
      // JwksFetcher's, guarded by MP Fault Tolerance. A fetch that fails (time-out, breaker open,
      // bulkhead full, provider down) is an IOException to nimbus: the keys it already has keep
      // verifying tokens, a token it cannot verify is refused (401), never a 500.
      JWKSource<SecurityContext> remote =
          JWKSourceBuilder.create(url(location.get()), this::fetchJwks)
              .cache(SecuritySettings.JWKS_CACHE_TTL.get().toMillis(), 15_000)
              .rateLimited(SecuritySettings.JWKS_REFRESH_MIN_INTERVAL.get().toMillis())
              .outageTolerant(SecuritySettings.JWKS_OUTAGE_TOLERANCE.get().toMillis())
              .refreshAheadCache(false)
              .build();
      processors.put(issuer, processor(remote, issuer, Set.copyOf(audiences)));
      LOG.info(
          () ->
              "Bearer tokens of issuer "
                  + issuer
                  + " are verified with the JWKS at "
                  + location.get()
                  + ", audiences "
                  + audiences);
    }
    if (processors.isEmpty()) {
      throw new IllegalStateException(
          "No token issuer is trusted: set mp.jwt.verify.publickey.location "
              + "(an http(s) JWKS URL) or forecourt.security.local-accounts.enabled=true");
    }
  }

  /**
   * Built at start-up, so a wrong {@code mp.jwt.*} setting fails the deployment with its message.
   */
  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.fine(() -> "Trusted token issuers: " + processors.keySet());
  }

  /** The caller the token stands for, or why it is refused. */
  public TokenPrincipal verify(String token) throws InvalidTokenException {
    ByteBuffer key = sha256(token);
    long now = System.currentTimeMillis();
    Verified known = verified.get(key);
    if (known != null) {
      if (now < known.untilMillis()) {
        return known.caller();
      }
      verified.remove(key, known);
    }
    JWTClaimsSet claims = verifyFully(token);
    if (verified.size() >= VERIFIED_MAX_TOKENS) {
      verified.clear();
    }
    TokenPrincipal caller = new TokenPrincipal(token, claims);
    long until = Math.min(claims.getExpirationTime().getTime(), now + VERIFIED_MAX_AGE.toMillis());
    verified.put(key, new Verified(caller, until, localKeyId(token, claims)));
    return caller;
  }

  /**
   * Forgets the verified tokens of Forecourt's own keys that are no longer published (revoked, or
   * their overlap ended), at once instead of after {@link #VERIFIED_MAX_AGE}.
   */
  void signingKeysChanged(@Observes SigningKeysChanged change) {
    verified
        .values()
        .removeIf(
            v -> v.localKeyId() != null && !change.publishedKeyIds().contains(v.localKeyId()));
  }

  private String localKeyId(String token, JWTClaimsSet claims) {
    if (!processors.containsKey(settings.issuer())
        || !settings.issuer().equals(claims.getIssuer())) {
      return null;
    }
    try {
      return SignedJWT.parse(token).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new IllegalStateException("a verified token is a signed JWT", e);
    }
  }

  private static ByteBuffer sha256(String token) {
    try {
      return ByteBuffer.wrap(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** The signature (the issuer's keys), issuer, audience, times and required claims. */
  private JWTClaimsSet verifyFully(String token) throws InvalidTokenException {
    SignedJWT jwt;
    String issuer;
    try {
      jwt = SignedJWT.parse(token);
      issuer = jwt.getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      throw new InvalidTokenException("not a signed JWT: " + e.getMessage());
    }
    JWTProcessor<SecurityContext> processor = issuer == null ? null : processors.get(issuer);
    if (processor == null) {
      throw new InvalidTokenException("untrusted issuer");
    }
    try {
      return processor.process(jwt, null);
    } catch (BadJOSEException | JOSEException e) {
      // some of nimbus' key-source exceptions carry no message: a refusal always has a reason
      throw new InvalidTokenException(
          e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
  }

  private JWTProcessor<SecurityContext> processor(
      JWKSource<SecurityContext> keys, String issuer, Set<String> audiences) {
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    // mutable sets: nimbus asks them whether they contain null, which Set.of() answers with an NPE
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            new HashSet<>(audiences),
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            new HashSet<>(Set.of("sub", "exp", "iat", "groups")),
            new HashSet<>());
    claims.setMaxClockSkew(clockSkewSeconds);
    p.setJWTClaimsSetVerifier(claims);
    return p;
  }

  /** nimbus' resource retriever: the provider's JWKS through the fault-tolerant fetcher. */
  private Resource fetchJwks(URL url) throws IOException {
    try {
      return jwksFetcher.fetch(url);
    } catch (FaultToleranceException e) {
      Thread.interrupted(); // a time-out interrupts this request thread: clear what it left
      LOG.warning(
          () -> "The JWKS of the SSO provider was not read: " + e.getClass().getSimpleName());
      throw new IOException(
          "the SSO provider's JWKS is unavailable (" + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the SSO provider's JWKS", e);
    }
  }

  /** Forecourt's own keys; a {@code kid} not among them re-reads the table once. */
  private JWKSource<SecurityContext> localKeys() {
    return (selector, context) -> {
      List<JWK> found = selector.select(signingKeys.published(false));
      return found.isEmpty() ? selector.select(signingKeys.published(true)) : found;
    };
  }

  /** A comma-separated MP Config list (Payara cannot inject {@code Optional<List<String>>}). */
  static List<String> list(String value) {
    return java.util.Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  private static URL url(String location) {
    try {
      return URI.create(location).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "mp.jwt.verify.publickey.location is not a URL: " + location, e);
    }
  }
}
