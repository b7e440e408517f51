package dev.forecourt.systemtest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.WebhookReceiver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No event is lost when the server dies between commit and delivery: leads are created while a slow
 * subscriber is being served, the server's JVM is killed (SIGKILL) mid-delivery and started again;
 * afterwards every event has reached the subscriber, which saw none twice once it de-duplicates by
 * webhook-id (the event id), and the consumer processed each event once.
 */
@ExtendWith(ForecourtServer.class)
class OutboxAcrossServerKillIT {

  private static final Logger LOG = Logger.getLogger(OutboxAcrossServerKillIT.class.getName());
  private static final int LEADS = 20;

  @Test
  void everyEventIsDeliveredAfterAKillMidDelivery() throws SQLException {
    try (WebhookReceiver receiver = new WebhookReceiver().delay(Duration.ofMillis(800))) {
      long subscription = WebhooksIT.subscribe(receiver, List.of("lead.created"));
      List<Long> leads = new ArrayList<>();
      for (int i = 0; i < LEADS; i++) {
        leads.add(Leads.create("sales"));
      }
      WebhooksIT.await(
          "the first deliveries under way",
          Duration.ofSeconds(30),
          () -> receiver.received().size() >= 2);
      int beforeKill = receiver.received().size();
      ForecourtServer.killAndRestart();

      List<String> expected = eventIds(leads);
      assertEquals(LEADS, expected.size(), "one lead.created per lead, written with the lead");
      WebhooksIT.await(
          "all " + LEADS + " events at the subscriber",
          Duration.ofSeconds(120),
          () -> receiver.processed().containsAll(expected));
      int received =
          (int) receiver.received().stream().filter(d -> expected.contains(d.id())).count();
      LOG.info(
          () ->
              "Kill after "
                  + beforeKill
                  + " deliveries; "
                  + received
                  + " requests for "
                  + LEADS
                  + " events in all ("
                  + (received - LEADS)
                  + " repeated, recognized by webhook-id)");
      assertThat(
          receiver.processed().stream().filter(expected::contains).toList(),
          containsInAnyOrder(expected.toArray()));
      String in = "('" + String.join("','", expected) + "')";
      // an event sent before the kill but not yet stamped is sent again (and stamped) when its
      // 30 s relay lease lapses: the subscriber may have it already, the stamp may still come
      WebhooksIT.await(
          "every event stamped published",
          Duration.ofSeconds(90),
          () ->
              ForecourtServer.queryLong(
                      "select count(*) from outbox_event where published_at is null and id in "
                          + in)
                  == 0);
      assertEquals(
          LEADS,
          ForecourtServer.queryLong("select count(*) from processed_event where event_id in " + in),
          "each event processed once by the consumer");
      assertEquals(
          LEADS,
          ForecourtServer.queryLong(
              "select count(distinct event_id) from webhook_delivery"
                  + " where outcome = 'DELIVERED' and subscription_id = "
                  + subscription
                  + " and event_id in "
                  + in));
    }
  }

  private static List<String> eventIds(List<Long> leads) throws SQLException {
    List<String> ids = new ArrayList<>();
    StringBuilder in = new StringBuilder();
    leads.forEach(l -> in.append(in.length() == 0 ? "'" : ",'").append(l).append("'"));
    try (Connection c = ForecourtServer.dataSource().getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select id from outbox_event where type = 'lead.created'"
                        + " and aggregate_id in ("
                        + in
                        + ")")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
