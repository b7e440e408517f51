package dev.forecourt.platform.web;

import jakarta.ws.rs.core.CacheControl;

/** Cache directives of answers that must never be stored (tokens, secrets shown once). */
public final class Caching {

  private Caching() {}

  public static CacheControl noStore() {
    CacheControl cache = new CacheControl();
    cache.setNoStore(true);
    return cache;
  }
}
