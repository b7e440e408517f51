package dev.forecourt.platform.timers;

import dev.forecourt.platform.cache.ApplicationCaches;
import dev.forecourt.platform.metrics.Meters;
import jakarta.annotation.Priority;
import jakarta.ejb.Timer;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Enforces {@link OncePerCluster}: the node claims the run until nine tenths of the way to its own
 * next expiry, so the nodes' timers (which fire at about the same interval, but not in step) give
 * one run per interval on the whole cluster, by whichever node fires first.
 */
@OncePerCluster
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 30)
public class OncePerClusterInterceptor {

  private static final Logger LOG = Logger.getLogger(OncePerClusterInterceptor.class.getName());

  // @Inject, not @EJB: Payara has no java:comp/env entry for an @EJB field of a CDI interceptor
  @Inject ClusterTimers timers;

  @Inject Meters meters;

  @AroundTimeout
  public Object once(InvocationContext call) throws Exception {
    Timer timer = (Timer) call.getTimer();
    String name = String.valueOf(timer.getInfo());
    Instant now = Instant.now();
    Duration toNext = Duration.between(now, timer.getNextTimeout().toInstant());
    Instant until = now.plus(toNext.multipliedBy(9).dividedBy(10));
    boolean mine;
    try {
      mine = timers.claim(name, ApplicationCaches.nodeName(), now, until);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Timer " + name + " skipped: its run could not be claimed", e);
      mine = false;
    }
    Meters.Tag tag = Meters.tag("timer", name);
    if (!mine) {
      meters
          .counter(
              "forecourt_timer_skipped_total",
              "Timer runs left to the node that claimed them, by timer",
              tag)
          .inc();
      return null;
    }
    meters.counter("forecourt_timer_runs_total", "Timer runs on this node, by timer", tag).inc();
    return call.proceed();
  }
}
