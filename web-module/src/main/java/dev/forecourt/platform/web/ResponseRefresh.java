package dev.forecourt.platform.web;

import dev.forecourt.platform.concurrency.ForecourtExecutor;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * The background refresh of a stale cached answer ({@link CachedResponses}), on the server's {@link
 * ForecourtExecutor} ({@code concurrent/forecourt}): a full queue refuses it with a {@link
 * java.util.concurrent.RejectedExecutionException}, and the caller then computes the answer itself.
 */
@ApplicationScoped
public class ResponseRefresh {

  @Asynchronous(executor = ForecourtExecutor.JNDI_NAME)
  public CompletableFuture<Void> run(Runnable refresh) {
    refresh.run();
    return Asynchronous.Result.complete(null);
  }
}
