package dev.forecourt.systemtest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.WebhookReceiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No event is lost when the server dies between commit and delivery: leads are created while the
 * subscriber holds the deliveries unanswered, the server's JVM is killed (SIGKILL) with deliveries
 * in flight and others queued, the subscriber answers the ones it holds, and the server starts
 * again; afterwards every event has reached the subscriber, which saw none twice once it
 * de-duplicates by webhook-id (the event id), and the consumer processed each event once.
 */
@ExtendWith(ForecourtServer.class)
class OutboxAcrossServerKillIT {

  private static final Logger LOG = Logger.getLogger(OutboxAcrossServerKillIT.class.getName());
  private static final int LEADS = 20;

  @Test
  void everyEventIsDeliveredAfterAKillMidDelivery() throws SQLException {
    try (WebhookReceiver receiver = new WebhookReceiver().delay(Duration.ofMillis(800))) {
      long subscription = WebhooksIT.subscribe(receiver, List.of("lead.created"));
      // the deliveries wait unanswered until the kill: it finds some in flight, others queued
      receiver.hold();
      List<Long> leads = new ArrayList<>();
      for (int i = 0; i < LEADS; i++) {
        leads.add(Leads.create("sales"));
      }
      WebhooksIT.await(
          "the first deliveries under way", Duration.ofSeconds(30), () -> receiver.waiting() >= 2);
      int beforeKill = receiver.received().size();
      ForecourtServer.killAndRestart(receiver::release);

      List<String> expected = eventIds(leads);
      assertEquals(LEADS, expected.size(), "one lead.created per lead, written with the lead");
      try {
        WebhooksIT.await(
            "all " + LEADS + " events at the subscriber",
            Duration.ofSeconds(120),
            () -> receiver.processed().containsAll(expected));
      } catch (AssertionError e) {
        List<String> missing =
            expected.stream().filter(id -> !receiver.processed().contains(id)).toList();
        throw new AssertionError(e.getMessage() + "; missing: " + whereAre(missing), e);
      }
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

  /**
   * Where each of the events is on the server's side: relayed or not (the outbox stamp and lease),
   * consumed or not, and its delivery attempts with their errors.
   */
  private static String whereAre(List<String> events) {
    StringBuilder where = new StringBuilder();
    try (Connection c = ForecourtServer.dataSource().getConnection()) {
      for (String id : events) {
        where.append("\n  ").append(id);
        try (PreparedStatement outbox =
                c.prepareStatement(
                    "select claimed_until, published_at, (select count(*) from processed_event p"
                        + " where p.event_id = o.id) from outbox_event o where id = ?");
            PreparedStatement deliveries =
                c.prepareStatement(
                    "select attempt, outcome, status_code, error, attempted_at from webhook_delivery"
                        + " where event_id = ? order by attempted_at")) {
          outbox.setString(1, id);
          try (ResultSet rs = outbox.executeQuery()) {
            while (rs.next()) {
              where
                  .append(": claimed until ")
                  .append(rs.getString(1))
                  .append(", published ")
                  .append(rs.getString(2))
                  .append(", consumed ")
                  .append(rs.getLong(3) > 0);
            }
          }
          deliveries.setString(1, id);
          try (ResultSet rs = deliveries.executeQuery()) {
            while (rs.next()) {
              where.append("; attempt ").append(rs.getInt(1)).append(' ').append(rs.getString(2));
              where.append(" (").append(rs.getString(3)).append(", ").append(rs.getString(4));
              where.append(") at ").append(rs.getString(5));
            }
          }
        }
      }
    } catch (SQLException e) {
      where.append(" (cannot be read: ").append(e).append(')');
    }
    return where.toString();
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
