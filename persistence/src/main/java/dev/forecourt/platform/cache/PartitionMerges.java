package dev.forecourt.platform.cache;

import java.util.logging.Logger;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.context.Flag;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.Merged;
import org.infinispan.notifications.cachemanagerlistener.event.MergeEvent;

/**
 * After two partitions of the cluster merged (a network split healed, a node that was paused for
 * long came back), this node empties its own copies of the caches that are kept coherent by
 * invalidation (the entity regions) and of the local ones that depend on them (query results): the
 * invalidations sent while the partitions were apart never reached it, so any entry may be stale.
 * Replicated caches (rate limits, blocked clients, query timestamps) are left to Infinispan's
 * merge.
 */
@Listener(sync = false)
public final class PartitionMerges {

  private static final Logger LOG = Logger.getLogger(PartitionMerges.class.getName());

  private final EmbeddedCacheManager caches;

  PartitionMerges(EmbeddedCacheManager caches) {
    this.caches = caches;
  }

  @Merged
  public void merged(MergeEvent event) {
    int emptied = 0;
    for (String name : caches.getCacheNames()) {
      if (!caches.isRunning(name)) {
        continue;
      }
      Configuration configuration = caches.getCacheConfiguration(name);
      boolean invalidated = configuration.clustering().cacheMode().isInvalidation();
      boolean localDerived =
          !configuration.clustering().cacheMode().isClustered() && !configuration.simpleCache();
      if (invalidated || localDerived) {
        caches.getCache(name).getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).clear();
        emptied++;
      }
    }
    int count = emptied;
    LOG.warning(
        () ->
            "Application caches: partitions "
                + event.getSubgroupsMerged()
                + " merged into "
                + event.getNewMembers()
                + "; emptied this node's "
                + count
                + " invalidated and local caches");
  }
}
