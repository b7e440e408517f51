package dev.forecourt.platform.timers;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;

/** The runs of {@link OncePerCluster} timers, claimed in the database (table cluster_timer). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterTimers {

  /**
   * Hibernate: these statements touch cluster_timer only (else each run of a timer would evict
   * every second-level cache region).
   */
  private static final String SPACES = "org.hibernate.query.native.spaces";

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /**
   * Claims the run of timer {@code name} that is due at {@code now} for {@code node}, until {@code
   * until}; false when another node has it (its claim has not run out yet).
   */
  public boolean claim(String name, String node, Instant now, Instant until) {
    int claimed =
        em.createNativeQuery(
                "update cluster_timer set next_run_at = ?1, last_node = ?2, last_run_at = ?3"
                    + " where name = ?4 and next_run_at <= ?3")
            .setParameter(1, Timestamp.from(until))
            .setParameter(2, node)
            .setParameter(3, Timestamp.from(now))
            .setParameter(4, name)
            .setHint(SPACES, "cluster_timer")
            .executeUpdate();
    if (claimed == 1) {
      return true;
    }
    Number known =
        (Number)
            em.createNativeQuery("select count(*) from cluster_timer where name = ?1")
                .setParameter(1, name)
                .getSingleResult();
    if (known.intValue() > 0) {
      return false;
    }
    // a timer no migration knows: its first run creates its row (a node that loses the race for
    // the insert fails and skips this run)
    em.createNativeQuery(
            "insert into cluster_timer (name, next_run_at, last_node, last_run_at)"
                + " values (?1, ?2, ?3, ?4)")
        .setParameter(1, name)
        .setParameter(2, Timestamp.from(until))
        .setParameter(3, node)
        .setParameter(4, Timestamp.from(now))
        .setHint(SPACES, "cluster_timer")
        .executeUpdate();
    return true;
  }
}
