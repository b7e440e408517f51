package dev.forecourt.platform.events;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * After a transaction that wrote outbox events has committed, asks the relay to run (once, however
 * many events the transaction wrote and however many such transactions commit meanwhile).
 */
@ApplicationScoped
public class RelayTrigger {

  private final AtomicBoolean requested = new AtomicBoolean();

  @EJB OutboxRelay relay;

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
    if (requested.compareAndSet(false, true)) {
      relay.relaySoon();
    }
  }

  /** The relay started: the next commit asks again. */
  void started() {
    requested.set(false);
  }
}
