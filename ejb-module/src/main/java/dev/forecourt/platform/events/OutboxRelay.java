package dev.forecourt.platform.events;

import dev.forecourt.platform.jobs.JobQueue;
import dev.forecourt.platform.jobs.Jobs;
import dev.forecourt.platform.observability.Tracing;
import dev.forecourt.platform.timers.OncePerCluster;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves outbox events to the event queue: right after a transaction that wrote events commits
 * (asked by {@link RelayTrigger}, run by {@link RelayTask} on the server's {@code
 * concurrent/forecourt} executor), and every {@code forecourt.events.relay.interval} (PT5S), on one
 * node of a cluster at a time ({@link OncePerCluster}), for anything left behind, e.g. by a node
 * that stopped between its commit and the relay. Each batch is claimed for a lease, sent, then
 * stamped published, in separate transactions: a node that stops after sending but before stamping
 * leaves the events to be sent again when the lease lapses, and the consumer recognizes them by
 * their id. At least once, never lost.
 */
@Singleton
@Startup
@DependsOn("ConfigurationCheck")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final int BATCH = 100;
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Resource TimerService timers;

  @EJB Outbox outbox;

  @Inject Jobs jobs;

  @PostConstruct
  void schedule() {
    long every = EventSettings.RELAY_INTERVAL.get().toMillis();
    timers.createIntervalTimer(every, every, new TimerConfig("forecourt-outbox-relay", false));
  }

  @Timeout
  @OncePerCluster
  void onTimer() {
    relay();
  }

  /** Relays every pending event; the number sent. Failures are logged and left to the next run. */
  public int relay() {
    int sent = 0;
    try {
      List<OutboxEvent> batch;
      do {
        batch = outbox.claim(BATCH, LEASE);
        List<String> ids = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
          jobs.submit(JobQueue.EVENTS, envelope(event), properties(event));
          ids.add(event.id());
        }
        if (!ids.isEmpty()) {
          outbox.published(ids);
          sent += ids.size();
        }
      } while (batch.size() == BATCH);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Outbox relay failed after " + sent + " events; the rest is sent at the next run",
          e);
    }
    return sent;
  }

  /** The event's job properties: its id and type, and the trace context it was written in. */
  private static Map<String, Object> properties(OutboxEvent event) {
    Map<String, Object> properties = new HashMap<>(4);
    properties.put("eventId", event.id());
    properties.put("eventType", event.type());
    if (event.traceparent() != null) {
      properties.put(Tracing.TRACEPARENT, event.traceparent());
    }
    return properties;
  }

  /** The event as receivers see it: {@code {"id","type","timestamp","data"}}. */
  static String envelope(OutboxEvent event) {
    return Json.createObjectBuilder()
        .add("id", event.id())
        .add("type", event.type())
        .add("timestamp", event.occurredAt().toString())
        .add("data", Json.createReader(new StringReader(event.payload())).readObject())
        .build()
        .toString();
  }
}
