package dev.forecourt.platform.health;

import dev.forecourt.platform.jobs.JobQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Map;

/**
 * Whether the JMS broker of the job queues answers (a connection opens and the event queue can be
 * browsed), shown in {@code /health/ready} as {@code connected}; it does not take the node out of
 * the load balancer. No request needs the broker: a change's events wait in the outbox and are
 * relayed when it answers again (the outbox lag metric and its alert show it). The broker is one
 * for the whole cluster, so a broker that stalls (seen for 4 s under load in a rolling redeploy)
 * took every node out at once: requests refused for what they do not need.
 */
@ApplicationScoped
public class JobQueueReadiness implements ReadinessCheck {

  static final String NAME = ReadinessHealth.JOB_QUEUES;

  @Resource(lookup = JobQueue.CONNECTION_FACTORY)
  ConnectionFactory factory;

  @Resource(lookup = JobQueue.EVENTS_QUEUE)
  Queue events;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result probe() {
    try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = context.createBrowser(events)) {
      browser.getEnumeration().hasMoreElements();
      return Result.up(Map.of("connected", true));
    } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
      return Result.up(
          Map.of(
              "connected",
              false,
              "reason",
              "the JMS broker does not answer: events wait in the outbox"));
    }
  }
}
