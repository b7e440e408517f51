package dev.forecourt.integration.infrastructure;

import dev.forecourt.integration.application.WebhookDispatcher;
import dev.forecourt.platform.jobs.JobQueue;
import dev.forecourt.platform.jobs.Jobs;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes the webhook job queue: one delivery attempt per job, retried and dead-lettered by {@link
 * Jobs}.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = JobQueue.WEBHOOKS_QUEUE),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(
          propertyName = "connectionFactoryLookup",
          propertyValue = JobQueue.CONNECTION_FACTORY),
      // at most as many deliveries at once as WebhookCall's @Bulkhead(8) admits: more would be
      // refused by the bulkhead and spend a retry of the job (OpenMQ's default is 15)
      @ActivationConfigProperty(propertyName = "endpointPoolMaxSize", propertyValue = "8")
    })
public class WebhookListener implements MessageListener {

  @EJB WebhookDispatcher dispatcher;

  @Inject Jobs jobs;

  @Override
  public void onMessage(Message message) {
    jobs.process(
        message,
        JobQueue.WEBHOOKS,
        attempt -> {
          try {
            dispatcher.deliver(
                attempt,
                message.getLongProperty("subscriptionId"),
                Jobs.property(message, "eventId"),
                Jobs.property(message, "eventType"),
                Jobs.body(message));
          } catch (JMSException e) {
            throw new JMSRuntimeException("Unreadable webhook job", e.getErrorCode(), e);
          }
        });
  }
}
