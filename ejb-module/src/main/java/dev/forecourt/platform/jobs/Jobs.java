package dev.forecourt.platform.jobs;

import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.platform.observability.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where jobs are sent and where a failed job is retried or dead-lettered. Jobs are
 * JMS text messages with the properties below; the sends join the caller's transaction (a
 * message-driven bean's: consuming a job and scheduling its retry commit together).
 */
@ApplicationScoped
public class Jobs {

  public static final String JOB_ID = "jobId";
  public static final String ATTEMPT = "attempt";
  public static final String ORIGIN = "origin";
  public static final String LAST_ERROR = "lastError";
  public static final String DEAD_AT = "deadAt";

  private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

  @Resource(lookup = JobQueue.CONNECTION_FACTORY)
  ConnectionFactory factory;

  @Inject Tracing tracing;

  @Inject Meters meters;

  /**
   * Both queues' counters exist from the start at 0: an alert on their increase (Prometheus) then
   * also sees the first dead letter.
   */
  void countersFromZero(@Observes @Initialized(ApplicationScoped.class) Object started) {
    for (JobQueue queue : JobQueue.values()) {
      deadLettered(queue);
      retried(queue);
    }
  }

  private Meters.Counter deadLettered(JobQueue queue) {
    return meters.counter(
        "forecourt_jobs_dead_lettered_total",
        "Jobs moved to the dead letter queue after their last attempt, by queue",
        Meters.tag("queue", queue.id()));
  }

  private Meters.Counter retried(JobQueue queue) {
    return meters.counter(
        "forecourt_jobs_retried_total",
        "Failed jobs sent again after a delay, by queue",
        Meters.tag("queue", queue.id()));
  }

  @Resource(lookup = JobQueue.EVENTS_QUEUE)
  Queue events;

  @Resource(lookup = JobQueue.WEBHOOKS_QUEUE)
  Queue webhooks;

  @Resource(lookup = JobQueue.DEAD_LETTERS)
  Queue deadLetters;

  /**
   * Sends a new job (first attempt) with {@code properties} (strings and numbers). The job carries
   * the trace context given as the property {@link Tracing#TRACEPARENT}, or else the current one.
   */
  public void submit(JobQueue queue, String body, Map<String, Object> properties) {
    try (JMSContext jms = factory.createContext()) {
      JMSProducer producer =
          jms.createProducer()
              .setProperty(JOB_ID, UUID.randomUUID().toString())
              .setProperty(ATTEMPT, 1)
              .setProperty(ORIGIN, queue.id());
      String traceparent = Tracing.traceparent();
      if (traceparent != null) {
        producer.setProperty(Tracing.TRACEPARENT, traceparent);
      }
      properties.forEach(producer::setProperty);
      producer.send(queue(queue), body);
    }
  }

  /**
   * Runs {@code work} for the job {@code message} from {@code queue}. When it fails, the job is
   * sent again with a delay (exponential, with jitter) or, after the queue's last attempt, to the
   * dead letter queue with the error; either way in the caller's transaction, so nothing is lost
   * and the job is not run twice for one failure.
   */
  public void process(Message message, JobQueue queue, Consumer<JobAttempt> work) {
    String jobId = property(message, JOB_ID);
    int attempt = Math.max(intProperty(message, ATTEMPT), 1);
    // a consumer span, child of the context the job carries (the request that caused it)
    Span span =
        tracing
            .span(
                queue.id() + " process", SpanKind.CONSUMER, property(message, Tracing.TRACEPARENT))
            .setAttribute("messaging.system", "jms")
            .setAttribute("messaging.operation", "process")
            .setAttribute("messaging.destination.name", queue.id())
            .setAttribute("messaging.message.id", String.valueOf(jobId))
            .setAttribute("forecourt.job.attempt", attempt)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      run(message, queue, work, jobId, attempt, span);
    } finally {
      span.end();
    }
  }

  private void run(
      Message message,
      JobQueue queue,
      Consumer<JobAttempt> work,
      String jobId,
      int attempt,
      Span span) {
    int limit = queue.limit();
    try {
      work.accept(new JobAttempt(jobId, attempt, attempt >= limit));
    } catch (RuntimeException e) {
      Tracing.failed(span, e);
      String error =
          e instanceof JobFailedException
              ? e.getMessage()
              : "unexpected error, see the server log for job " + jobId;
      if (!(e instanceof JobFailedException)) {
        LOG.log(
            Level.WARNING,
            "Job " + jobId + " on " + queue.id() + " failed (attempt " + attempt + ")",
            e);
      }
      try (JMSContext jms = factory.createContext()) {
        JMSProducer producer =
            copyProperties(message, jms.createProducer(), Set.of(ATTEMPT, LAST_ERROR))
                .setProperty(LAST_ERROR, error)
                .setProperty(ATTEMPT, attempt);
        if (attempt >= limit) {
          producer
              .setProperty(DEAD_AT, System.currentTimeMillis())
              .send(deadLetters, body(message));
          deadLettered(queue).inc();
          LOG.warning(
              () ->
                  "Job "
                      + jobId
                      + " on "
                      + queue.id()
                      + " dead-lettered after "
                      + attempt
                      + " attempts: "
                      + error);
        } else {
          Duration delay = queue.delayAfter(attempt, ThreadLocalRandom.current().nextDouble());
          producer
              .setProperty(ATTEMPT, attempt + 1)
              .setDeliveryDelay(delay.toMillis())
              .send(queue(queue), body(message));
          retried(queue).inc();
        }
      }
    }
  }

  /** Sends a dead letter back to its queue as a fresh job (first attempt, no error). */
  void resubmit(JMSContext jms, Message deadLetter, JobQueue origin) {
    copyProperties(deadLetter, jms.createProducer(), Set.of(ATTEMPT, LAST_ERROR, DEAD_AT))
        .setProperty(ATTEMPT, 1)
        .send(queue(origin), body(deadLetter));
  }

  Queue deadLetters() {
    return deadLetters;
  }

  ConnectionFactory factory() {
    return factory;
  }

  /**
   * How many jobs wait in {@code queue} (null: the dead letter queue), counted by browsing, at most
   * {@code cap}; jobs whose retry delay has not passed yet may not be counted.
   */
  public int waiting(JobQueue queue, int cap) {
    try (JMSContext jms = factory.createContext();
        QueueBrowser browser = jms.createBrowser(queue == null ? deadLetters : queue(queue))) {
      Enumeration<?> messages = browser.getEnumeration();
      int n = 0;
      while (n < cap && messages.hasMoreElements()) {
        messages.nextElement();
        n++;
      }
      return n;
    } catch (JMSException e) {
      throw new JMSRuntimeException("Cannot browse a job queue", e.getErrorCode(), e);
    }
  }

  private Queue queue(JobQueue queue) {
    return switch (queue) {
      case EVENTS -> events;
      case WEBHOOKS -> webhooks;
    };
  }

  public static String body(Message message) {
    try {
      return message.getBody(String.class);
    } catch (JMSException e) {
      throw new JMSRuntimeException("Unreadable job body", e.getErrorCode(), e);
    }
  }

  public static String property(Message message, String name) {
    try {
      return message.propertyExists(name) ? message.getStringProperty(name) : null;
    } catch (JMSException e) {
      throw new JMSRuntimeException("Unreadable job property " + name, e.getErrorCode(), e);
    }
  }

  static int intProperty(Message message, String name) {
    try {
      return message.propertyExists(name) ? message.getIntProperty(name) : 0;
    } catch (JMSException e) {
      throw new JMSRuntimeException("Unreadable job property " + name, e.getErrorCode(), e);
    }
  }

  /**
   * The job's own properties (not the JMS/provider ones, not {@code except}) onto {@code producer}.
   */
  private static JMSProducer copyProperties(
      Message message, JMSProducer producer, Set<String> except) {
    try {
      @SuppressWarnings("unchecked")
      Enumeration<String> names = message.getPropertyNames();
      while (names.hasMoreElements()) {
        String name = names.nextElement();
        if (!name.startsWith("JMS") && !except.contains(name)) {
          producer.setProperty(name, message.getObjectProperty(name));
        }
      }
      return producer;
    } catch (JMSException e) {
      throw new JMSRuntimeException("Unreadable job properties", e.getErrorCode(), e);
    }
  }
}
