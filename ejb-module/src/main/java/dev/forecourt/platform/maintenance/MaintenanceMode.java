package dev.forecourt.platform.maintenance;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The maintenance switch of this node, read from the database at most once per {@code
 * forecourt.maintenance.cache-ttl} (PT2S): the check on every write costs no query, and a switch
 * made on another node of the cluster is seen within that time (on this node at once: the service
 * {@link #invalidate() invalidates} after its commit). One caller refreshes, the others keep
 * answering the previous value meanwhile. When the database cannot be read the last known value
 * stays (off before any read): maintenance fails open, the writes then fail on the database anyway.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceMode {

  private static final Logger LOG = Logger.getLogger(MaintenanceMode.class.getName());

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  private final ReentrantLock refreshing = new ReentrantLock();
  private final AtomicLong generation = new AtomicLong();
  private volatile Cached cached = new Cached(MaintenanceStatus.UNKNOWN, 0L, false, false);

  /**
   * A value read at {@code readAtNanos}; {@code loaded} false until the database was read once;
   * {@code invalidated}: this node switched since (or during) that read, so it must not be
   * answered.
   */
  private record Cached(
      MaintenanceStatus status, long readAtNanos, boolean loaded, boolean invalidated) {

    boolean fresh() {
      return loaded && !invalidated && System.nanoTime() - readAtNanos < ttl().toNanos();
    }
  }

  /** The switch as this node knows it: at most the cache TTL old. */
  public MaintenanceStatus current() {
    Cached c = cached;
    if (c.fresh()) {
      return c.status();
    }
    if (c.loaded() && !c.invalidated()) {
      if (!refreshing.tryLock()) {
        return c.status(); // someone else is reading it right now
      }
    } else {
      // never read yet, or switched on this node since: wait for a read made after the switch
      // rather than answer the value from before it (a write right after "off" was refused when a
      // read that began before the commit was under way)
      refreshing.lock();
    }
    try {
      c = cached;
      if (c.fresh()) {
        return c.status();
      }
      return refresh();
    } finally {
      refreshing.unlock();
    }
  }

  /** Forgets the cached value: the next {@link #current()} reads the database. */
  public void invalidate() {
    generation.incrementAndGet();
    Cached c = cached;
    cached = new Cached(c.status(), c.readAtNanos(), c.loaded(), true);
  }

  private MaintenanceStatus refresh() {
    long before = generation.get();
    MaintenanceStatus status;
    try {
      MaintenanceState state = em.find(MaintenanceState.class, MaintenanceState.ID);
      status = state == null ? MaintenanceStatus.UNKNOWN : MaintenanceStatus.of(state);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "The maintenance switch could not be read; keeping the last known value",
          e);
      Cached c = cached;
      cached = new Cached(c.status(), System.nanoTime(), c.loaded(), false);
      return c.status();
    }
    // invalidated while reading: keep the value but read again next time (it may predate the
    // switch)
    cached = new Cached(status, System.nanoTime(), true, generation.get() != before);
    return status;
  }

  private static Duration ttl() {
    return MaintenanceSettings.CACHE_TTL.get();
  }
}
