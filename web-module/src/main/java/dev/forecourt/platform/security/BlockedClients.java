package dev.forecourt.platform.security;

import dev.forecourt.platform.cache.ApplicationCaches;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.infinispan.Cache;

/**
 * The check every request makes before anything else: is its client address blocked? A read of the
 * intrusion ledger's cache of blocks ({@value ApplicationCaches#BLOCKED_CLIENTS}, replicated on a
 * cluster), without the EJB call through {@link IntrusionLedger} that recording, listing and
 * unblocking go through.
 */
@ApplicationScoped
public class BlockedClients {

  private Cache<String, ClientBlock> blocks;

  @PostConstruct
  void start() {
    blocks = ApplicationCaches.acquire().getCache(ApplicationCaches.BLOCKED_CLIENTS);
  }

  @PreDestroy
  void stop() {
    ApplicationCaches.release();
  }

  /** The block on {@code address}, if it holds now. */
  public Optional<ClientBlock> of(String address) {
    ClientBlock b = blocks.get(address);
    return b != null && b.holdsAt(System.currentTimeMillis()) ? Optional.of(b) : Optional.empty();
  }
}
