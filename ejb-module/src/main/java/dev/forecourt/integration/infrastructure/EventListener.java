package dev.forecourt.integration.infrastructure;

import dev.forecourt.integration.application.EventFanOut;
import dev.forecourt.platform.jobs.JobQueue;
import dev.forecourt.platform.jobs.Jobs;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Map;

/**
 * Consumes the event queue: records each event as processed (a redelivered event id is recognized)
 * and queues one webhook job per subscriber that wants its type. The jobs are sent in the
 * transaction that consumes the event: both happen, or neither and the event comes again.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = JobQueue.EVENTS_QUEUE),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(
          propertyName = "connectionFactoryLookup",
          propertyValue = JobQueue.CONNECTION_FACTORY)
    })
public class EventListener implements MessageListener {

  @EJB EventFanOut fanOut;

  @Inject Jobs jobs;

  @Override
  public void onMessage(Message message) {
    jobs.process(
        message,
        JobQueue.EVENTS,
        attempt -> {
          String eventId = Jobs.property(message, "eventId");
          String eventType = Jobs.property(message, "eventType");
          String body = Jobs.body(message);
          for (long subscription : fanOut.consume(eventId, eventType)) {
            jobs.submit(
                JobQueue.WEBHOOKS,
                body,
                Map.of("eventId", eventId, "eventType", eventType, "subscriptionId", subscription));
          }
        });
  }
}
