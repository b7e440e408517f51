package dev.forecourt.identity.infrastructure;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The test deployment's SMTP send: records what was sent, on which thread and whether a transaction
 * was active there, instead of talking SMTP. A test can hold the sends at a gate (to see the caller
 * return first) or make them fail. Tests call its methods, never its fields: they hold its client
 * proxy.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class RecordingMailTransport extends MailTransport {

  record Sent(String subject, String thread, boolean inTransaction) {}

  private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile MessagingException failure;

  /** Sends wait from now on until {@link #release}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  public void release() {
    gate.countDown();
  }

  /** Sends fail with {@code e} from now on (null: they succeed). */
  public void failWith(MessagingException e) {
    failure = e;
  }

  /** The next send recorded, waiting for it up to {@code seconds}; null if none. */
  public Sent next(long seconds) throws InterruptedException {
    return sent.poll(seconds, TimeUnit.SECONDS);
  }

  public void reset() {
    release();
    failure = null;
    sent.clear();
  }

  @Override
  public void send(MimeMessage message) throws MessagingException {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new MessagingException("the test never opened the gate");
      }
      TransactionSynchronizationRegistry transactions =
          InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
      sent.add(
          new Sent(
              message.getSubject(),
              Thread.currentThread().getName(),
              transactions.getTransactionKey() != null));
    } catch (InterruptedException | NamingException e) {
      throw new MessagingException("recording failed", e);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
