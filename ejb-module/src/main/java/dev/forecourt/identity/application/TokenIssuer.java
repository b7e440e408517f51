package dev.forecourt.identity.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.forecourt.identity.domain.UserAccount;
import dev.forecourt.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs Forecourt's own access tokens (RS256, nimbus-jose-jwt) with the claims MP-JWT expects:
 * {@code iss}, {@code aud}, {@code sub}, {@code upn}, {@code groups}, {@code exp}, {@code iat},
 * {@code jti}, plus {@code dealerships} (the rooftop codes the caller is assigned to) and {@code
 * gen}, the account's token generation ({@link TokenCutoffs}).
 */
@ApplicationScoped
public class TokenIssuer {

  /** The claim holding the token generation of the account the token was issued to. */
  public static final String GENERATION_CLAIM = "gen";

  @Inject SigningKeys keys;

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject TokenSettings settings;

  public String accessToken(UserAccount user, Instant now) {
    return sign(
        new JWTClaimsSet.Builder()
            .subject(user.username())
            .claim("upn", user.username())
            .claim("preferred_username", user.username())
            .claim("groups", user.roles().stream().map(Role::groupName).sorted().toList())
            .claim("dealerships", dealershipCodes(user))
            .claim(GENERATION_CLAIM, user.tokenGeneration()),
        now,
        settings.accessTokenLifetime());
  }

  /**
   * A token for the readiness self-check ({@link AuthenticationSelfCheck}): its own subject and
   * group, no dealership, a short life. Signed and verified exactly like an access token.
   */
  String selfCheckToken(String subject, String group, Instant now, Duration lifetime) {
    return sign(
        new JWTClaimsSet.Builder()
            .subject(subject)
            .claim("upn", subject)
            .claim("groups", List.of(group))
            .claim("dealerships", List.of()),
        now,
        lifetime);
  }

  /** Whether the token's {@code kid} is that of the key that signs now. */
  boolean signedWithCurrentKey(String jwt) {
    try {
      return keys.signer().getKeyID().equals(SignedJWT.parse(jwt).getHeader().getKeyID());
    } catch (java.text.ParseException e) {
      return false;
    }
  }

  private String sign(JWTClaimsSet.Builder claims, Instant now, Duration lifetime) {
    RSAKey key = keys.signer();
    claims
        .issuer(settings.issuer())
        .audience(settings.audience())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .jwtID(UUID.randomUUID().toString());
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("The access token cannot be signed", e);
    }
    return jwt.serialize();
  }

  /** The rooftop codes of the user's dealerships (codes are what the scoping compares). */
  private List<String> dealershipCodes(UserAccount user) {
    if (user.dealershipIds().isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select d.code from Dealership d where d.id in :ids order by d.code", String.class)
        .setParameter("ids", user.dealershipIds())
        .getResultList();
  }
}
