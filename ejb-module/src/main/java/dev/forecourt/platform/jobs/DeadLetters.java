package dev.forecourt.platform.jobs;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The dead letter queue, for admins: list the jobs that ran out of attempts, send one back to its
 * queue (after the cause was fixed) or discard it. Both are audited.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class DeadLetters {

  /** Jobs ids are UUIDs: anything else is refused before it reaches a JMS selector. */
  private static final Pattern JOB_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final int MAX_LISTED = 500;

  @Inject Jobs jobs;

  /** The oldest {@value #MAX_LISTED} dead letters, optionally of one queue. */
  public List<DeadLetterView> list(JobQueue queue) {
    List<DeadLetterView> letters = new ArrayList<>();
    try (JMSContext jms = jobs.factory().createContext();
        QueueBrowser browser =
            jms.createBrowser(
                jobs.deadLetters(),
                queue == null ? null : Jobs.ORIGIN + " = '" + queue.id() + "'")) {
      Enumeration<?> messages = browser.getEnumeration();
      while (messages.hasMoreElements() && letters.size() < MAX_LISTED) {
        letters.add(view((Message) messages.nextElement()));
      }
      return letters;
    } catch (JMSException e) {
      throw new JMSRuntimeException("Cannot browse the dead letter queue", e.getErrorCode(), e);
    }
  }

  @Audited(entity = "dead-letter", action = "redeliver")
  public DeadLetterView redeliver(@EntityId String jobId) {
    try (JMSContext jms = jobs.factory().createContext()) {
      Message letter = take(jms, jobId);
      JobQueue origin =
          JobQueue.of(Jobs.property(letter, Jobs.ORIGIN)).orElseThrow(DeadLetterOriginUnknown::new);
      jobs.resubmit(jms, letter, origin);
      return view(letter);
    }
  }

  @Audited(entity = "dead-letter", action = "discard")
  public void discard(@EntityId String jobId) {
    try (JMSContext jms = jobs.factory().createContext()) {
      take(jms, jobId);
    }
  }

  /** Receives (in this transaction) the dead letter {@code jobId}; 404 if there is none. */
  private Message take(JMSContext jms, String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw new DeadLetterNotFound();
    }
    try (JMSConsumer consumer =
        jms.createConsumer(jobs.deadLetters(), Jobs.JOB_ID + " = '" + jobId + "'")) {
      Message letter = consumer.receive(2_000);
      if (letter == null) {
        throw new DeadLetterNotFound(jobId);
      }
      return letter;
    }
  }

  private static DeadLetterView view(Message m) {
    try {
      return new DeadLetterView(
          Jobs.property(m, Jobs.JOB_ID),
          Jobs.property(m, Jobs.ORIGIN),
          Jobs.property(m, "eventId"),
          Jobs.property(m, "eventType"),
          m.propertyExists("subscriptionId") ? m.getLongProperty("subscriptionId") : null,
          Jobs.intProperty(m, Jobs.ATTEMPT),
          Jobs.property(m, Jobs.LAST_ERROR),
          m.propertyExists(Jobs.DEAD_AT)
              ? Instant.ofEpochMilli(m.getLongProperty(Jobs.DEAD_AT))
              : null);
    } catch (JMSException e) {
      throw new JMSRuntimeException("Unreadable dead letter", e.getErrorCode(), e);
    }
  }
}
