package dev.forecourt.identity.application;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.forecourt.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashes (cost {@code forecourt.security.bcrypt-cost}, 12 by default). */
@ApplicationScoped
public class PasswordHasher {

  @Inject Settings settings;

  /** Compared against when the account does not exist, so that both cases take as long. */
  private String decoy;

  @PostConstruct
  void init() {
    decoy = hash("decoy password that matches no input");
  }

  public String hash(String password) {
    return BCrypt.withDefaults()
        .hashToString(settings.get(CredentialSettings.BCRYPT_COST), password.toCharArray());
  }

  /** True if the password matches; with a null hash it spends the same time and answers false. */
  public boolean verify(String password, String hash) {
    byte[] candidate = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
    boolean matches =
        BCrypt.verifyer()
            .verify(candidate, (hash == null ? decoy : hash).getBytes(StandardCharsets.UTF_8))
            .verified;
    return hash != null && matches;
  }
}
