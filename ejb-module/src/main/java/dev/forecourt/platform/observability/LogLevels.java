package dev.forecourt.platform.observability;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.persistence.AfterTransaction;
import dev.forecourt.platform.persistence.StoredTime;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.NotFound;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Log levels changed at runtime by admins, for the application's loggers ({@code dev.forecourt} and
 * below): stored (audited) so that every node applies them ({@link LogLevelSync}: this node at the
 * commit, the others within seconds) and a restart keeps them. Only the application's loggers: a
 * library's debug output (e.g. bound SQL parameters) could write personal data to the log.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class LogLevels {

  private static final Logger LOG = Logger.getLogger(LogLevels.class.getName());

  /** A logger this API may change: {@code dev.forecourt} or a logger below it. */
  public static final Pattern LOGGER =
      Pattern.compile("dev\\.forecourt(\\.[A-Za-z_$][A-Za-z0-9_$]*){0,15}");

  /** The levels an admin may set (java.util.logging's names). */
  public static final List<String> LEVELS =
      List.of("OFF", "SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER", "FINEST", "ALL");

  /** A logger's level on this node: the override stored (if any) and the level in effect. */
  public record LogLevelView(
      String logger, String level, String effective, String changedBy, Instant changedAt) {}

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Resource SessionContext caller;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject LogLevelSync sync;

  /** The overrides, and the application's root logger even without one. */
  public List<LogLevelView> list() {
    List<LogLevelOverride> overrides =
        em.createQuery("select o from LogLevelOverride o order by o.logger", LogLevelOverride.class)
            .getResultList();
    List<LogLevelView> views = new ArrayList<>();
    if (overrides.stream().noneMatch(o -> o.logger().equals(JsonLog.APPLICATION))) {
      views.add(view(JsonLog.APPLICATION, null));
    }
    overrides.forEach(o -> views.add(view(o.logger(), o)));
    views.sort(Comparator.comparing(LogLevelView::logger));
    return views;
  }

  @Audited(entity = "log-level", action = "set")
  public LogLevelView set(@EntityId String logger, String level) {
    check(logger);
    if (level == null || !LEVELS.contains(level)) {
      throw new InvalidFields(
          "The level is not one of java.util.logging's levels",
          "level",
          "must be one of " + String.join(", ", LEVELS));
    }
    String by = caller.getCallerPrincipal().getName();
    LogLevelOverride o = em.find(LogLevelOverride.class, logger, LockModeType.PESSIMISTIC_WRITE);
    if (o == null) {
      o = new LogLevelOverride(logger, level, by, StoredTime.now());
      em.persist(o);
    } else {
      o.change(level, by, StoredTime.now());
    }
    applyAtCommit();
    LOG.info(() -> "Log level of " + logger + " set to " + level + " by " + by);
    return new LogLevelView(logger, level, level, by, o.changedAt());
  }

  /** Removes the override: the level the server's logging configuration gives applies again. */
  @Audited(entity = "log-level", action = "reset")
  public void reset(@EntityId String logger) {
    check(logger);
    LogLevelOverride o = em.find(LogLevelOverride.class, logger, LockModeType.PESSIMISTIC_WRITE);
    if (o == null) {
      throw new NotFound("The level set for logger", logger); // (the name matched LOGGER)
    }
    em.remove(o);
    applyAtCommit();
  }

  private static void check(String logger) {
    if (logger == null || logger.length() > 200 || !LOGGER.matcher(logger).matches()) {
      throw new LoggerNotChangeable();
    }
  }

  private void applyAtCommit() {
    AfterTransaction.committed(transactions, sync::refresh);
  }

  private static LogLevelView view(String logger, LogLevelOverride o) {
    return new LogLevelView(
        logger,
        o == null ? null : o.level(),
        effective(logger),
        o == null ? null : o.changedBy(),
        o == null ? null : o.changedAt());
  }

  /** The level in effect for {@code logger} on this node (its own or the nearest parent's). */
  static String effective(String logger) {
    for (Logger l = Logger.getLogger(logger); l != null; l = l.getParent()) {
      Level level = l.getLevel();
      if (level != null) {
        return level.getName();
      }
    }
    return Level.INFO.getName();
  }
}
