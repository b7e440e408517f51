package dev.forecourt.platform.config;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.config.ConfigurationReport.SettingView;
import dev.forecourt.platform.persistence.AfterTransaction;
import dev.forecourt.platform.persistence.StoredTime;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.NotFound;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.security.SecretCipher;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Admins change {@code forecourt.*} keys at runtime: a value is checked by the same rules as the
 * deployment check (a bad one is refused with the reason, nothing stored), stored (a secret
 * encrypted), audited (a secret's value never), and applied by every node through {@link
 * RuntimeValues} ({@link RuntimeSettingSync}: this node at the commit, the others within seconds).
 * Removing it gives the server's configuration back. Keys the server alone may set ({@link
 * Setting.Change#SERVER}) are refused; a key read at start applies after a restart.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class RuntimeSettings {

  private static final Logger LOG = Logger.getLogger(RuntimeSettings.class.getName());

  /** The longest value (stored encrypted, a secret takes about 1.4 times its length). */
  static final int MAX_LENGTH = 2000;

  /**
   * A new value: its text is never serialized, so the audit trail records the change without it
   * (the settings view returned, with secrets masked, is what it shows).
   */
  public record NewValue(@JsonbTransient String text) {}

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Resource SessionContext caller;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject SettingCatalog catalog;

  @Inject SecretCipher cipher;

  @Inject RuntimeSettingSync sync;

  @Audited(entity = "setting", action = "change")
  public SettingView change(@EntityId String key, NewValue value) {
    Setting<?> setting = changeable(key);
    String text = value == null || value.text() == null ? "" : value.text().trim();
    if (text.isEmpty()) {
      throw new InvalidFields(
          "A value is required: remove the key to give the server's configuration back",
          "value",
          "must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidFields(
          "The value is too long", "value", "must be at most " + MAX_LENGTH + " characters");
    }
    Config changed =
        new OverlayConfig(
            RuntimeValues.applied(ConfigProvider.getConfig(RuntimeSettings.class.getClassLoader())),
            () -> Map.of(key, text),
            RuntimeValues.SOURCE);
    List<String> problems = setting.problems(changed);
    if (!problems.isEmpty()) {
      throw new InvalidFields("The value breaks the key's rules", "value", problems.get(0));
    }
    String stored = setting.isSecret() ? cipher.encrypt(text, boundTo(key)) : text;
    String by = caller.getCallerPrincipal().getName();
    StoredSetting row = em.find(StoredSetting.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      em.persist(new StoredSetting(key, stored, by, StoredTime.now()));
    } else {
      row.change(stored, by, StoredTime.now());
    }
    // this node applies it when the change commits, the others within seconds
    AfterTransaction.committed(transactions, sync::refresh);
    LOG.info(() -> "Setting " + key + " changed at runtime by " + by);
    return ConfigurationReport.view(changed, setting);
  }

  /**
   * Removes the value set at runtime: the server's configuration (or the default) applies again.
   */
  @Audited(entity = "setting", action = "remove")
  public void remove(@EntityId String key) {
    changeable(key);
    StoredSetting row = em.find(StoredSetting.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      throw new NotFound("A value set at runtime for", key);
    }
    em.remove(row);
    AfterTransaction.committed(transactions, sync::refresh);
  }

  /** The declared key, if the API may change it. */
  private Setting<?> changeable(String key) {
    Setting<?> setting =
        catalog.all().stream()
            .filter(s -> s.name().equals(key) && s.name().indexOf('<') < 0)
            .findFirst()
            .orElseThrow(() -> new NotFound("Setting", key));
    if (setting.change() == Setting.Change.SERVER) {
      throw new SettingNotChangeable(key);
    }
    return setting;
  }

  /** What a stored secret is bound to: its key (a ciphertext copied to another key fails). */
  static String boundTo(String key) {
    return "setting:" + key;
  }
}
