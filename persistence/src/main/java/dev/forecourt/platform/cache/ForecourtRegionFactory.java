package dev.forecourt.platform.cache;

import java.util.Properties;
import org.hibernate.service.ServiceRegistry;
import org.infinispan.hibernate.cache.v62.InfinispanRegionFactory;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Hibernate's Infinispan second-level cache on the application's one cache manager ({@link
 * ApplicationCaches}) instead of a manager of its own: its regions are clustered with the rest of
 * the application's caches.
 */
public class ForecourtRegionFactory extends InfinispanRegionFactory {

  @Override
  protected EmbeddedCacheManager createCacheManager(
      Properties properties, ServiceRegistry serviceRegistry) {
    return ApplicationCaches.acquire();
  }

  @Override
  protected void stopCacheManager() {
    ApplicationCaches.release();
  }
}
