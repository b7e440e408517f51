package dev.forecourt.platform.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work to do once the current JTA transaction has ended (caches re-read, levels applied): run by an
 * interposed synchronization, after every resource has completed.
 */
public final class AfterTransaction {

  private AfterTransaction() {}

  /** Runs {@code action} when the transaction has ended, committed or rolled back. */
  public static void completed(TransactionSynchronizationRegistry registry, Runnable action) {
    register(registry, action, false);
  }

  /** Runs {@code action} when the transaction has committed (not after a rollback). */
  public static void committed(TransactionSynchronizationRegistry registry, Runnable action) {
    register(registry, action, true);
  }

  private static void register(
      TransactionSynchronizationRegistry registry, Runnable action, boolean onlyCommitted) {
    registry.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (!onlyCommitted || status == Status.STATUS_COMMITTED) {
              action.run();
            }
          }
        });
  }
}
