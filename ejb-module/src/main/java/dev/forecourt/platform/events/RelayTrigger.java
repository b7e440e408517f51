package dev.forecourt.platform.events;

import dev.forecourt.platform.concurrency.ForecourtExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * After a transaction that wrote outbox events has committed, asks for a relay run ({@link
 * RelayTask}, on {@code concurrent/forecourt}): once, however many events the transaction wrote and
 * however many such transactions commit until the run starts.
 */
@ApplicationScoped
public class RelayTrigger {

  private static final Logger LOG = Logger.getLogger(RelayTrigger.class.getName());

  private final AtomicBoolean requested = new AtomicBoolean();

  @Inject RelayTask task;

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
    if (requested.compareAndSet(false, true)) {
      try {
        task.run();
      } catch (RejectedExecutionException e) {
        // the executor's queue is full (or it is missing): the interval timer relays the events
        requested.set(false);
        LOG.warning(
            () ->
                "The outbox relay could not be started on "
                    + ForecourtExecutor.JNDI_NAME
                    + " ("
                    + e.getMessage()
                    + "); the relay timer sends the events at its next run");
      }
    }
  }

  /** The relay started: the next commit asks again. */
  void started() {
    requested.set(false);
  }
}
