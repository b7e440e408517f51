package dev.forecourt.platform.security;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
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
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;

/**
 * Counts intrusion events per client address and blocks an address that reaches {@code
 * forecourt.intrusion.block-threshold} events (5) within {@code forecourt.intrusion.window} (PT10M)
 * for {@code forecourt.intrusion.block-duration} (PT15M). Both live in Infinispan caches whose
 * entries expire by themselves; admins list and unblock addresses. Settings are read on each event,
 * so a change through MP Config applies without a redeploy.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DeclareRoles(Role.ADMIN_NAME)
public class IntrusionLedger {

  private static final Logger LOG = Logger.getLogger(IntrusionLedger.class.getName());

  private final Clock clock = Clock.systemUTC();
  private DefaultCacheManager caches;
  private Cache<String, Events> events;
  private Cache<String, BlockedClient> blocked;

  /** Events of one address since {@code first}. */
  record Events(Instant first, int count) implements Serializable {}

  @PostConstruct
  void start() {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.cacheManagerName("forecourt-intrusion");
    global.jmx().disable();
    caches = new DefaultCacheManager(global.build());
    ConfigurationBuilder bounded = new ConfigurationBuilder();
    bounded.memory().maxCount(100_000);
    caches.defineConfiguration("intrusion-events", bounded.build());
    caches.defineConfiguration("blocked-clients", bounded.build());
    events = caches.getCache("intrusion-events");
    blocked = caches.getCache("blocked-clients");
  }

  @PreDestroy
  void stop() {
    caches.stop();
  }

  /** The block on {@code address}, if it is blocked now. */
  @PermitAll
  public Optional<BlockedClient> blocked(String address) {
    BlockedClient b = blocked.get(address);
    return b != null && b.blockedUntil().isAfter(clock.instant())
        ? Optional.of(b)
        : Optional.empty();
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
    Events counted =
        events.compute(
            address,
            (k, old) ->
                old == null || old.first().plus(window).isBefore(now)
                    ? new Events(now, 1)
                    : new Events(old.first(), old.count() + 1),
            window.toMillis(),
            TimeUnit.MILLISECONDS);
    if (counted.count() < threshold) {
      return Optional.empty();
    }
    BlockedClient block =
        new BlockedClient(address, now, now.plus(blockFor), counted.count(), rule);
    blocked.put(address, block, blockFor.toMillis(), TimeUnit.MILLISECONDS);
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

  @RolesAllowed(Role.ADMIN_NAME)
  public List<BlockedClient> list() {
    Instant now = clock.instant();
    return blocked.values().stream()
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
