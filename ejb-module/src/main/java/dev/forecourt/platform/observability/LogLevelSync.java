package dev.forecourt.platform.observability;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the stored log level overrides ({@link LogLevels}) to this node's loggers: at start-up,
 * every {@value #EVERY_SECONDS} seconds (so a change made on another node arrives), and right after
 * a change on this node commits. An override removed gives the logger back the level it had before
 * the first override (the server's logging configuration). While the database does not answer, the
 * levels stay as they are.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its table exists after the migration, on a fresh database too
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogLevelSync {

  static final int EVERY_SECONDS = 5;
  private static final Logger LOG = Logger.getLogger(LogLevelSync.class.getName());

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /** The level each overridden logger had before its first override (null: inherited). */
  private final Map<String, Level> original = new HashMap<>();

  /** The levels applied last, by logger. */
  private final Map<String, Level> applied = new HashMap<>();

  /**
   * The loggers changed are held here: java.util.logging keeps loggers weakly, and a logger
   * collected would lose its level.
   */
  private final Map<String, Logger> held = new HashMap<>();

  @PostConstruct
  void start() {
    refresh();
  }

  /** The application stops: its overrides leave with it (a redeployment applies them again). */
  @PreDestroy
  synchronized void restore() {
    original.forEach((name, level) -> held.get(name).setLevel(level));
    original.clear();
    applied.clear();
    held.clear();
  }

  @Schedule(second = "*/" + EVERY_SECONDS, minute = "*", hour = "*", persistent = false)
  void everyFewSeconds() {
    refresh();
  }

  /** Applies the stored levels now (also called after a change on this node commits). */
  public synchronized void refresh() {
    Map<String, Level> wanted = new HashMap<>();
    try {
      for (LogLevelOverride o :
          em.createQuery("select o from LogLevelOverride o", LogLevelOverride.class)
              .getResultList()) {
        wanted.put(o.logger(), Level.parse(o.level()));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Log levels not read: the database did not answer", e);
      return;
    }
    for (Map.Entry<String, Level> w : wanted.entrySet()) {
      if (!w.getValue().equals(applied.get(w.getKey()))) {
        Logger logger = held.computeIfAbsent(w.getKey(), Logger::getLogger);
        original.putIfAbsent(w.getKey(), logger.getLevel());
        logger.setLevel(w.getValue());
        applied.put(w.getKey(), w.getValue());
        LOG.info(() -> "Log level of " + w.getKey() + ": " + w.getValue());
      }
    }
    for (String gone : Map.copyOf(applied).keySet()) {
      if (!wanted.containsKey(gone)) {
        Level before = original.remove(gone);
        held.remove(gone).setLevel(before);
        applied.remove(gone);
        LOG.info(
            () -> "Log level of " + gone + " back to " + (before == null ? "inherited" : before));
      }
    }
  }
}
