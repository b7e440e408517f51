package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.ApiKey;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.problem.FieldError;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.ApiKeyPrincipal;
import dev.forecourt.platform.security.ApiKeyScope;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.security.Sha256;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * API keys of integrators, managed by admins: created with scopes, dealerships and an optional
 * expiry (the key is shown once), rotated with an overlap during which the old secret still works,
 * revoked. {@link #authenticate} turns a presented key into the caller.
 */
@UseCase
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class ApiKeyService {

  private static final Logger LOG = Logger.getLogger(ApiKeyService.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final int PREFIX_LENGTH = 12;

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Resource SessionContext caller;

  @Inject Settings settings;

  @EJB ApiKeyUsage usage;

  private final Clock clock = Clock.systemUTC();

  @Audited(entity = "api-key", action = "create")
  public ApiKeyView create(@NotNull @Valid ApiKeyDraft draft) {
    Instant now = clock.instant();
    List<FieldError> errors = new ArrayList<>();
    draft.scopes().stream()
        .filter(s -> !ApiKeyScope.ALL.contains(s))
        .forEach(
            s ->
                errors.add(
                    new FieldError(
                        "scopes", "unknown scope " + s + "; one of " + ApiKeyScope.ALL)));
    List<String> known =
        draft.dealerships().isEmpty()
            ? List.of()
            : em.createQuery("select d.code from Dealership d where d.code in :codes", String.class)
                .setParameter("codes", draft.dealerships())
                .getResultList();
    draft.dealerships().stream()
        .filter(c -> !known.contains(c))
        .forEach(c -> errors.add(new FieldError("dealerships", "unknown dealership " + c)));
    if (draft.expiresAt() != null && !draft.expiresAt().isAfter(now)) {
      errors.add(new FieldError("expiresAt", "must be in the future"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidFields("The API key has invalid fields", errors);
    }
    String prefix = randomPrefix();
    String secret = randomSecret();
    ApiKey key =
        new ApiKey(
            prefix,
            draft.name().trim(),
            Sha256.hex(secret),
            draft.scopes(),
            draft.dealerships(),
            caller.getCallerPrincipal().getName(),
            now,
            draft.expiresAt());
    em.persist(key);
    em.flush();
    LOG.info(
        () ->
            "API key "
                + prefix
                + " created by "
                + key.createdBy()
                + " with scopes "
                + key.scopes());
    return ApiKeyView.of(key, format(prefix, secret));
  }

  public List<ApiKeyView> list() {
    return em
        .createQuery("select k from ApiKey k order by k.id", ApiKey.class)
        .getResultList()
        .stream()
        .map(k -> ApiKeyView.of(k, null))
        .toList();
  }

  /**
   * A new secret; the old one keeps working for {@code overlap} (default {@code
   * forecourt.security.api-key.rotation-overlap}).
   */
  @Audited(entity = "api-key", action = "rotate")
  public ApiKeyView rotate(@EntityId long id, Duration overlap) {
    ApiKey key = find(id);
    if (key.revokedAt() != null) {
      throw new ApiKeyRevoked(id);
    }
    String secret = randomSecret();
    key.rotate(
        Sha256.hex(secret),
        clock.instant(),
        overlap != null ? overlap : settings.get(CredentialSettings.API_KEY_ROTATION_OVERLAP));
    LOG.info(() -> "API key " + key.prefix() + " rotated");
    return ApiKeyView.of(key, format(key.prefix(), secret));
  }

  @Audited(entity = "api-key", action = "revoke")
  public void revoke(@EntityId long id) {
    ApiKey key = find(id);
    key.revoke(clock.instant());
    LOG.info(() -> "API key " + key.prefix() + " revoked");
  }

  /** The caller a presented key stands for, if it is a valid, unexpired, unrevoked key. */
  @PermitAll
  public Optional<ApiKeyPrincipal> authenticate(String presented) {
    if (presented == null
        || presented.length() < 4 + PREFIX_LENGTH + 2
        || presented.length() > 200
        || !presented.startsWith("fck_")
        || presented.charAt(4 + PREFIX_LENGTH) != '_') {
      return Optional.empty();
    }
    String prefix = presented.substring(4, 4 + PREFIX_LENGTH);
    String secret = presented.substring(4 + PREFIX_LENGTH + 1);
    Instant now = clock.instant();
    Optional<ApiKey> key =
        em.createQuery("select k from ApiKey k where k.prefix = :p", ApiKey.class)
            .setParameter("p", prefix)
            .getResultStream()
            .findFirst();
    String candidate = Sha256.hex(secret);
    if (key.isEmpty() || !key.get().accepts(candidate, now)) {
      return Optional.empty();
    }
    usage.used(key.get().id(), now); // in a transaction of its own, at most once a minute per key
    return Optional.of(new ApiKeyPrincipal(prefix, key.get().scopes(), key.get().dealerships()));
  }

  /** The groups of an API-key caller: {@code integrator} and its scopes (which are roles too). */
  public static Set<String> groups(ApiKeyPrincipal key) {
    Set<String> groups = new java.util.HashSet<>(key.scopes());
    groups.add(ApiKeyPrincipal.GROUP);
    return groups;
  }

  private ApiKey find(long id) {
    ApiKey key = em.find(ApiKey.class, id);
    if (key == null) {
      throw ProblemException.notFound("API key", id);
    }
    return key;
  }

  private static String format(String prefix, String secret) {
    return "fck_" + prefix + "_" + secret;
  }

  private static String randomPrefix() {
    StringBuilder sb = new StringBuilder(PREFIX_LENGTH);
    for (int i = 0; i < PREFIX_LENGTH; i++) {
      sb.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static String randomSecret() {
    return OpaqueTokens.random();
  }
}
