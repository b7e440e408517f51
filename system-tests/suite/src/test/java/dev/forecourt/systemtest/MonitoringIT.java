package dev.forecourt.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Scripts;
import dev.forecourt.systemtest.support.Vehicles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitoring set-up shipped in {@code server-config/monitoring} fits the deployed EAR: every
 * alert rule is complete (expression, severity, summary), and every series the rules and the
 * Grafana dashboard name exists in the server's {@code /metrics} — a renamed metric breaks this
 * test, not an operator's alerting. (The rules' logic has unit tests of its own, run with
 * Prometheus' promtool: {@code forecourt-alerts.test.yml}.)
 */
@ExtendWith(ForecourtServer.class)
class MonitoringIT {

  private static final Path MONITORING = Scripts.SERVER_CONFIG.resolve("monitoring");
  private static final Pattern SERIES =
      Pattern.compile("\\b((?:forecourt|ft|connection_pool)_[a-z0-9_]+)\\b");
  private static final Set<String> SEVERITIES = Set.of("page", "ticket");

  @Test
  void everyAlertRuleIsCompleteAndNamesSeriesTheServerExports() throws IOException {
    JsonNode rules = new YAMLMapper().readTree(MONITORING.resolve("forecourt-alerts.yml").toFile());
    List<String> expressions = new ArrayList<>();
    for (JsonNode group : rules.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        String name = rule.path("alert").asText();
        assertFalse(name.isBlank(), "an alerting rule: " + rule);
        assertFalse(rule.path("expr").asText().isBlank(), name + " has an expression");
        assertTrue(
            SEVERITIES.contains(rule.path("labels").path("severity").asText()),
            name + " has a severity: page or ticket");
        assertFalse(
            rule.path("annotations").path("summary").asText().isBlank(), name + " has a summary");
        expressions.add(rule.get("expr").asText());
      }
    }
    assertTrue(expressions.size() >= 8, "the rules: " + expressions);
    assertExported(expressions);
  }

  @Test
  void everyDashboardPanelNamesSeriesTheServerExports() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(MONITORING.resolve("forecourt-dashboard.json").toFile());
    assertNotNull(dashboard.get("uid"));
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertFalse(panel.path("title").asText().isBlank(), "every panel has a title");
      for (JsonNode target : panel.get("targets")) {
        expressions.add(target.get("expr").asText());
      }
    }
    assertEquals(11, dashboard.get("panels").size());
    assertExported(expressions);
  }

  /**
   * The backlog gauges tell what waits: the outbox drained (lag 0) once the relay has sent what a
   * write published, and as many dead letters as the dead letter queue lists.
   */
  @Test
  void theBacklogGaugesTellWhatWaits() {
    Leads.create("admin");
    Poll.until(
        Duration.ofSeconds(30),
        () -> Metrics.sum("forecourt_outbox_lag_seconds", Map.of()) == 0.0,
        "no domain event waiting to be sent");
    Poll.until(
        Duration.ofSeconds(30),
        () ->
            Metrics.sum("forecourt_jobs_waiting", Map.of("queue", "dead-letters"))
                == Accounts.as("admin")
                    .get("/admin/dlq")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$")
                    .size(),
        "the dead-letter gauge equal to the dead letters listed");
    assertTrue(Metrics.sum("forecourt_outbox_pending", Map.of()) >= 0);
    assertTrue(Metrics.sum("forecourt_jobs_waiting", Map.of("queue", "events")) >= 0);
  }

  /** Every series the expressions name is in /metrics (after the traffic that creates them). */
  private static void assertExported(List<String> expressions) {
    long vehicle = Vehicles.create("18000.00");
    Accounts.anonymous().get("/ping").then().statusCode(200);
    Vehicles.api().get("/vehicles/{id}", vehicle).then().statusCode(200);
    ForecourtServer.healthyValuationService();
    Vehicles.api().get("/vehicles/{id}/valuation", vehicle).then().statusCode(200);
    String metrics = Metrics.scrape();
    Set<String> named = new TreeSet<>();
    for (String expression : expressions) {
      Matcher m = SERIES.matcher(expression);
      while (m.find()) {
        named.add(m.group(1));
      }
    }
    assertFalse(named.isEmpty());
    List<String> missing =
        named.stream()
            .filter(
                series ->
                    metrics
                        .lines()
                        .noneMatch(l -> l.startsWith(series + "{") || l.startsWith(series + " ")))
            .toList();
    assertEquals(List.of(), missing, "series named by the monitoring files but not exported");
  }
}
