package dev.forecourt.platform.security;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.cache.ApplicationCaches;
import dev.forecourt.platform.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Counts intrusion events per client address and blocks an address that reaches {@code
 * forecourt.intrusion.block-threshold} events (5) within {@code forecourt.intrusion.window} (PT10M)
 * for {@code forecourt.intrusion.block-duration} (PT15M). Both live in the application's caches
 * (replicated to every node of a cluster), whose entries expire by themselves; admins list and
 * unblock addresses. Settings are read on each event, so a change through MP Config applies without
 * a redeploy.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DeclareRoles(Role.ADMIN_NAME)
public class IntrusionLedger {

  private static final Logger LOG = Logger.getLogger(IntrusionLedger.class.getName());

  private final Clock clock = Clock.systemUTC();
  private Cache<String, IntrusionCount> events;
  private Cache<String, ClientBlock> blocked;

  @PostConstruct
  void start() {
    EmbeddedCacheManager caches = ApplicationCaches.acquire();
    events = caches.getCache(ApplicationCaches.INTRUSION_EVENTS);
    blocked = caches.getCache(ApplicationCaches.BLOCKED_CLIENTS);
  }

  @PreDestroy
  void stop() {
    ApplicationCaches.release();
  }

  /**
   * Records an event of {@code rule} from {@code address}; answers the block if this event caused
   * one.
   */
  @PermitAll
  public Optional<BlockedClient> record(String address, String rule) {
    int threshold = IntrusionSettings.BLOCK_THRESHOLD.get();
    Duration window = IntrusionSettings.WINDOW.get();
    Duration blockFor = IntrusionSettings.BLOCK_DURATION.get();
    Instant now = clock.instant();
    IntrusionCount counted = count(address, now, window);
    if (counted.count() < threshold) {
      return Optional.empty();
    }
    BlockedClient block =
        new BlockedClient(address, now, now.plus(blockFor), counted.count(), rule);
    blocked.put(
        address,
        new ClientBlock(
            address,
            now.toEpochMilli(),
            block.blockedUntil().toEpochMilli(),
            counted.count(),
            rule),
        blockFor.toMillis(),
        TimeUnit.MILLISECONDS);
    events.remove(address);
    LOG.warning(
        () ->
            "Security event: client blocked until "
                + block.blockedUntil()
                + " after "
                + counted.count()
                + " intrusion events");
    return Optional.of(block);
  }

  /**
   * Counts one more event of {@code address} on every node: a compare-and-set on the (possibly
   * replicated) cache, repeated only when another request counted the same address at that moment.
   */
  private IntrusionCount count(String address, Instant now, Duration window) {
    long ttl = window.toMillis();
    while (true) {
      IntrusionCount old = events.get(address);
      if (old == null || old.windowOver(now, window)) {
        IntrusionCount first = IntrusionCount.first(now);
        boolean stored =
            old == null
                ? events.putIfAbsent(address, first, ttl, TimeUnit.MILLISECONDS) == null
                : events.replace(address, old, first, ttl, TimeUnit.MILLISECONDS);
        if (stored) {
          return first;
        }
      } else if (events.replace(address, old, old.plusOne(), ttl, TimeUnit.MILLISECONDS)) {
        return old.plusOne();
      }
    }
  }

  private static BlockedClient view(ClientBlock b) {
    return new BlockedClient(
        b.address(),
        Instant.ofEpochMilli(b.blockedAtMillis()),
        Instant.ofEpochMilli(b.blockedUntilMillis()),
        b.events(),
        b.lastRule());
  }

  @RolesAllowed(Role.ADMIN_NAME)
  public List<BlockedClient> list() {
    Instant now = clock.instant();
    return blocked.values().stream()
        .map(IntrusionLedger::view)
        .filter(b -> b.blockedUntil().isAfter(now))
        .sorted(Comparator.comparing(BlockedClient::blockedAt))
        .toList();
  }

  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(entity = "blocked-client", action = "unblock")
  public void unblock(@EntityId String address) {
    if (blocked.remove(address) == null) {
      throw ProblemException.notFound("Blocked client", address);
    }
    events.remove(address);
    LOG.info(() -> "Security: an admin unblocked a client address");
  }
}
