package dev.forecourt.platform.events;

import dev.forecourt.platform.concurrency.ForecourtExecutor;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/**
 * The relay run that {@link RelayTrigger} asks for after a commit, on the server's {@link
 * ForecourtExecutor} ({@code concurrent/forecourt}), not on the committing thread. It tells the
 * trigger that it started (so a commit from now on asks again), then relays through {@link
 * OutboxRelay} (a singleton: one relay at a time on this node, the timer's included).
 */
@ApplicationScoped
public class RelayTask {

  @EJB OutboxRelay relay;

  @Inject RelayTrigger trigger;

  /** Relays every pending event on {@code concurrent/forecourt}; completes with the number sent. */
  @Asynchronous(executor = ForecourtExecutor.JNDI_NAME)
  public CompletableFuture<Integer> run() {
    trigger.started();
    return Asynchronous.Result.complete(relay.relay());
  }
}
