package dev.forecourt.identity.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.identity.application.CredentialSettings;
import dev.forecourt.platform.concurrency.ForecourtExecutor;
import dev.forecourt.testing.Deployments;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The password reset and invitation mails run on the server's managed executor {@code
 * concurrent/forecourt} ({@link ForecourtExecutor}, created by the Micro's post-boot script as on
 * the server): on one of its threads — not the caller's, not the default managed executor's, not
 * the EJB container's async pool —, outside the caller's transaction, after the caller has gone on;
 * a failed send is counted and logged, never thrown at the caller.
 */
@ExtendWith(ArquillianExtension.class)
class PasswordResetMailerIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inventory("mailer-it")
        .addClasses(
            ForecourtExecutor.class,
            CredentialSettings.class,
            PasswordResetMailer.class,
            MailTransport.class,
            RecordingMailTransport.class);
  }

  @Inject PasswordResetMailer mailer;
  @Inject RecordingMailTransport transport;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  @AfterEach
  void reset() {
    transport.reset();
  }

  @Test
  void mailsAreSentOnAThreadOfConcurrentForecourtOutsideTheCallersTransaction() throws Exception {
    String pool = threadNamePrefix(ForecourtExecutor.JNDI_NAME);
    assertTrue(pool.startsWith(ForecourtExecutor.JNDI_NAME), pool);
    // the check below tells the pools apart: the default executor's threads are named otherwise
    assertFalse(threadNamePrefix("java:comp/DefaultManagedExecutorService").startsWith(pool), pool);

    UserTransaction caller = InitialContext.doLookup("java:comp/UserTransaction");
    transport.hold();
    caller.begin();
    try {
      CompletableFuture<Void> reset =
          mailer.send("someone@example.com", "someone", "fcp_token", Duration.ofMinutes(30));
      // the caller has its answer while the send is still held at the gate
      assertFalse(reset.isDone());
      assertEquals(Status.STATUS_ACTIVE, caller.getStatus());
      transport.release();
      reset.get(30, TimeUnit.SECONDS);
    } finally {
      caller.rollback();
    }
    RecordingMailTransport.Sent sent = transport.next(5);
    assertNotNull(sent);
    assertEquals("Reset your Forecourt password", sent.subject());
    assertTrue(sent.thread().startsWith(pool), sent.thread() + " is not a thread of " + pool);
    assertNotEquals(Thread.currentThread().getName(), sent.thread());
    assertFalse(sent.inTransaction(), "the mail was sent inside a transaction");

    mailer
        .sendInvitation("new@example.com", "new", "test-admin", "fcp_token", Duration.ofDays(3))
        .get(30, TimeUnit.SECONDS);
    RecordingMailTransport.Sent invitation = transport.next(5);
    assertNotNull(invitation);
    assertEquals("Your Forecourt account", invitation.subject());
    assertTrue(invitation.thread().startsWith(pool), invitation.thread());
    assertFalse(invitation.inTransaction());
  }

  @Test
  void aFailedSendIsCountedAndNotThrownAtTheCaller() throws Exception {
    long before = metrics.counter("forecourt_mail_failures_total").getCount();
    transport.failWith(new MessagingException("550 mailbox unavailable"));
    mailer
        .send("someone@example.com", "someone", "fcp_token", Duration.ofMinutes(30))
        .get(30, TimeUnit.SECONDS);
    assertEquals(before + 1, metrics.counter("forecourt_mail_failures_total").getCount());
  }

  /** The name of a thread of the executor at {@code jndiName}, without its number. */
  private static String threadNamePrefix(String jndiName) throws Exception {
    ManagedExecutorService executor = InitialContext.doLookup(jndiName);
    String name = executor.submit(() -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
    return name.replaceFirst("\\d+$", "");
  }
}
