package dev.forecourt.platform.concurrency;

/**
 * The server-managed executor the application's asynchronous work runs on: the managed executor
 * service {@code concurrent/forecourt} that {@code server-config/payara/configure-domain.sh}
 * creates (core 4, max 16, queue 1024) and an operator sizes in the admin console (Resources →
 * Concurrent Resources → Managed Executor Services). Every {@link
 * jakarta.enterprise.concurrent.Asynchronous @Asynchronous} method names it with {@link #JNDI_NAME}
 * — never the default executor or the EJB container's async pool — so that its sizing is what
 * bounds the work: the outbox relay after a commit ({@code RelayTask}) and the password reset and
 * invitation mails ({@code PasswordResetMailer}). A missing resource fails the call with a {@link
 * java.util.concurrent.RejectedExecutionException} (as does a full queue); nothing falls back to
 * another pool.
 */
public final class ForecourtExecutor {

  /** The executor's global JNDI name, as created on the server. */
  public static final String JNDI_NAME = "concurrent/forecourt";

  private ForecourtExecutor() {}
}
