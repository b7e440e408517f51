package dev.forecourt.identity.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The SMTP send of a mail through its session (the server's {@code mail/forecourt}), guarded by
 * MicroProfile Fault Tolerance: a send that takes longer than {@code @Timeout} counts as failed, an
 * SMTP server that keeps failing is not called while the {@code @CircuitBreaker} is open, and at
 * most {@code @Bulkhead} sends run at once (a further one fails at once instead of waiting). A
 * socket blocked in JavaMail cannot be interrupted: the session's {@code mail.smtp.timeout} and
 * {@code mail.smtp.connectiontimeout} (set by {@code configure-domain.sh}) free the thread. Every
 * value can be overridden by MP Config, e.g. {@code
 * dev.forecourt.identity.infrastructure.MailTransport/send/CircuitBreaker/delay}.
 */
@ApplicationScoped
public class MailTransport {

  @Timeout(5000)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 60_000,
      successThreshold = 1)
  @Bulkhead(2)
  public void send(MimeMessage message) throws MessagingException {
    Transport.send(message);
  }
}
