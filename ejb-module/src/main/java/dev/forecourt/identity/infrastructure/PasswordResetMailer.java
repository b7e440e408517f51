package dev.forecourt.identity.infrastructure;

import dev.forecourt.identity.application.CredentialSettings;
import dev.forecourt.platform.concurrency.ForecourtExecutor;
import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.metrics.Meters;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Sends password reset and invitation mails through the server-managed mail session {@code
 * mail/forecourt} (SMTP host, port, sender and login are the operator's, set in the admin console
 * or by {@code server-config/payara/configure-domain.sh}). Runs asynchronously on the server's
 * managed executor {@code concurrent/forecourt} ({@link ForecourtExecutor}), outside any
 * transaction (never the caller's); the SMTP send is {@link MailTransport}'s, under MP Fault
 * Tolerance (time-out, circuit breaker, bulkhead). A failure (also a time-out, an open breaker or a
 * full bulkhead) is logged and counted in {@code forecourt_mail_failures_total}, never shown to the
 * requester; so is a mail the executor refused (its queue full: {@link #notStarted}).
 */
@ApplicationScoped
public class PasswordResetMailer {

  private static final Logger LOG = Logger.getLogger(PasswordResetMailer.class.getName());

  @Resource(lookup = "mail/forecourt")
  Session mail;

  @Inject Settings settings;

  @Inject MailTransport transport;

  @Inject Meters meters;

  /** The failure counter exists from the start at 0 (an alert on its increase sees the first). */
  void counterFromZero(@Observes @Initialized(ApplicationScoped.class) Object started) {
    failures();
  }

  private Meters.Counter failures() {
    return meters.counter(
        "forecourt_mail_failures_total", "Password reset mails that could not be sent");
  }

  /** The password reset mail; completes when it was sent or its failure counted. */
  @Asynchronous(executor = ForecourtExecutor.JNDI_NAME)
  @Transactional(TxType.NOT_SUPPORTED)
  public CompletableFuture<Void> send(String to, String username, String token, Duration validFor) {
    deliver(
        to,
        username,
        "Reset your Forecourt password",
        """
        Hello %s,

        someone (hopefully you) asked to reset the password of your Forecourt account.
        Open this link within %d minutes to choose a new password:

        %s%s

        Or send this token with your new password to POST /api/v1/auth/password-reset/confirm:

        %s

        If you did not ask for this, ignore this mail: your password stays as it is.
        """
            .formatted(
                username,
                validFor.toMinutes(),
                settings.get(CredentialSettings.PASSWORD_RESET_LINK),
                token,
                token),
        "password reset");
    return Asynchronous.Result.complete(null);
  }

  /**
   * The invitation to a new local account: the same single-use token and link as a password reset
   * (the link sets the first password), valid for {@code validFor}; completes when it was sent or
   * its failure counted.
   */
  @Asynchronous(executor = ForecourtExecutor.JNDI_NAME)
  @Transactional(TxType.NOT_SUPPORTED)
  public CompletableFuture<Void> sendInvitation(
      String to, String username, String invitedBy, String token, Duration validFor) {
    deliver(
        to,
        username,
        "Your Forecourt account",
        """
        Hello %s,

        %s has created a Forecourt account for you, with the username %s.
        Open this link within %s to choose your password:

        %s%s

        Or send this token with your new password to POST /api/v1/auth/password-reset/confirm:

        %s

        Then sign in with your username and that password. If you did not expect this
        invitation, ignore this mail: nobody can sign in to the account without the link.
        """
            .formatted(
                username,
                invitedBy,
                username,
                readable(validFor),
                settings.get(CredentialSettings.PASSWORD_RESET_LINK),
                token,
                token),
        "invitation");
    return Asynchronous.Result.complete(null);
  }

  /**
   * A mail that could not even be started: {@code concurrent/forecourt} refused it (its queue is
   * full). Logged and counted like a failed send; the requester is not told.
   */
  public void notStarted(String kind, String username, RejectedExecutionException e) {
    failed(kind, username, e.getMessage());
  }

  private void deliver(String to, String username, String subject, String text, String kind) {
    try {
      MimeMessage message = new MimeMessage(mail);
      message.setFrom(); // the session's mail.from: the resource's --fromaddress
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      message.setSubject(subject, "UTF-8");
      message.setSentDate(new Date());
      message.setText(text, "UTF-8");
      transport.send(message);
      LOG.info(() -> "The " + kind + " mail was sent for user " + username);
    } catch (MessagingException | RuntimeException e) {
      if (e instanceof FaultToleranceException) {
        Thread.interrupted(); // a time-out interrupts this thread: clear what it left
      }
      failed(
          kind,
          username,
          e instanceof FaultToleranceException ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private void failed(String kind, String username, String reason) {
    failures().inc();
    LOG.log(
        Level.WARNING,
        "The " + kind + " mail for user " + username + " could not be sent: " + reason);
  }

  /** "3 days", "12 hours" or "45 minutes". */
  static String readable(Duration d) {
    if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1 && d.toMinutes() % 60 == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return Math.max(1, d.toMinutes()) + " minutes";
  }
}
