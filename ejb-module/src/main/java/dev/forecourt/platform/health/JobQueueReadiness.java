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
 * The JMS broker of the job queues answers: a connection opens and the event queue can be browsed.
 */
@ApplicationScoped
public class JobQueueReadiness implements ReadinessCheck {

  static final String NAME = "jobQueues";

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
      return Result.down("the JMS broker does not answer");
    }
  }
}
