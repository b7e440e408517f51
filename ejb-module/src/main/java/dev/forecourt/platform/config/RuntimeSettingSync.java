package dev.forecourt.platform.config;

import dev.forecourt.platform.security.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the values admins set at runtime ({@link RuntimeSettings}) into this node's {@link
 * RuntimeValues}: at start-up, every {@value #EVERY_SECONDS} seconds (so a change made on another
 * node arrives), and right after a change on this node commits. Secrets are decrypted here and held
 * in memory only. While the database does not answer, the values stay as they are.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its table exists after the migration, on a fresh database too
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RuntimeSettingSync {

  static final int EVERY_SECONDS = 5;
  private static final Logger LOG = Logger.getLogger(RuntimeSettingSync.class.getName());

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject SecretCipher cipher;

  @PostConstruct
  void start() {
    refresh();
  }

  @Schedule(second = "*/" + EVERY_SECONDS, minute = "*", hour = "*", persistent = false)
  void everyFewSeconds() {
    refresh();
  }

  /** Loads the stored values now (also called after a change on this node commits). */
  public synchronized void refresh() {
    Map<String, String> values = new HashMap<>();
    try {
      for (StoredSetting s :
          em.createQuery("select s from StoredSetting s", StoredSetting.class).getResultList()) {
        values.put(
            s.key(),
            SecretCipher.isEncrypted(s.value())
                ? cipher.decrypt(s.value(), RuntimeSettings.boundTo(s.key()))
                : s.value());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Runtime settings not reloaded; the last ones stay", e);
      return;
    }
    RuntimeValues.replace(values);
  }
}
