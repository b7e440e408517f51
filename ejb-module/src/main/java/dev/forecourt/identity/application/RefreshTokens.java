package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.RefreshToken;
import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.security.Sha256;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Opaque refresh tokens: 256 random bits, stored as their SHA-256 hash only. */
@Stateless
@PermitAll
public class RefreshTokens {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject TokenSettings settings;

  /** Issues a token of the family and answers its value (shown to the client once). */
  public String issue(UserAccount user, String familyId, Instant now) {
    String value = "fcr_" + OpaqueTokens.random();
    em.persist(
        new RefreshToken(
            Sha256.hex(value), familyId, user, now, now.plus(settings.refreshTokenLifetime())));
    return value;
  }

  public Optional<RefreshToken> find(String value) {
    if (value == null || value.isBlank() || value.length() > 200) {
      return Optional.empty();
    }
    return em.createQuery(
            "select t from RefreshToken t join fetch t.user where t.tokenHash = :h",
            RefreshToken.class)
        .setParameter("h", Sha256.hex(value))
        .getResultStream()
        .findFirst();
  }

  /**
   * Marks the token used if nobody used it before — atomically, so of two concurrent refreshes with
   * one token only one wins. False: it was used already (a replay).
   */
  public boolean use(String value, Instant now) {
    return em.createQuery(
                "update RefreshToken t set t.usedAt = :now where t.tokenHash = :h and t.usedAt is null")
            .setParameter("now", now)
            .setParameter("h", Sha256.hex(value))
            .executeUpdate()
        == 1;
  }

  /** Revokes every token of the family, in its own transaction (it must survive a failed call). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int revokeFamily(String familyId, Instant now) {
    return em.createQuery(
            "update RefreshToken t set t.revokedAt = :now where t.familyId = :f and t.revokedAt is null")
        .setParameter("now", now)
        .setParameter("f", familyId)
        .executeUpdate();
  }

  /** Revokes every live token of the user (all their sign-ins), in the caller's transaction. */
  public int revokeAll(UserAccount user, Instant now) {
    return em.createQuery(
            "update RefreshToken t set t.revokedAt = :now where t.user = :u and t.revokedAt is null")
        .setParameter("now", now)
        .setParameter("u", user)
        .executeUpdate();
  }
}
