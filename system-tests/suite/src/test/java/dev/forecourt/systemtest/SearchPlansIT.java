package dev.forecourt.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.QueryPlans;
import dev.forecourt.systemtest.support.QueryPlans.Plan;
import dev.forecourt.systemtest.support.VehicleGenerator;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The searches' plans at a catalogue where the planner has a choice: 40 000 generated vehicles in
 * the shared server's PostgreSQL, statistics analysed, then the common lists asked of the deployed
 * application through the API (anonymous and staff, filters, sorts, deep keyset pages) while
 * PostgreSQL's auto_explain logs the plan of each statement the application sent. No plan of a
 * search reads {@code vehicle} sequentially; a keyset page's index scan starts where the page does
 * (the cursor is an index condition, not a filter over every row before it). The generated rows are
 * deleted afterwards and the response cache's {@code vehicles} tag invalidated.
 */
@ExtendWith(ForecourtServer.class)
class SearchPlansIT {

  private static final String PREFIX = "PLANS";
  private static final int VEHICLES = 40_000;

  /** The tie-breaker of a keyset page's condition: {@code v1_0.id<$5}. */
  private static final java.util.regex.Pattern CURSOR =
      java.util.regex.Pattern.compile("\\.id ?[<>] ?\\$");

  @BeforeAll
  static void aCatalogueWhereTheIndexesMatter() {
    removeGenerated();
    VehicleGenerator.generate(VEHICLES, PREFIX);
    analyze();
    invalidateLists();
  }

  @AfterAll
  static void removeTheGeneratedVehicles() {
    removeGenerated();
    analyze();
    invalidateLists();
  }

  @Test
  void theCommonListsUseAnIndexAndNeverReadTheVehicleTableSequentially() {
    List<String> asked = new ArrayList<>();
    List<Plan> plans =
        QueryPlans.during(
            () -> {
              for (String query :
                  List.of(
                      "",
                      "make=Toyota",
                      "make=Toyota&model=RAV4",
                      "priceMin=20000&priceMax=30000&sort=price",
                      "yearFrom=2020&yearTo=2021",
                      "dealership=BER",
                      "sort=-mileage",
                      "sort=modelYear")) {
                asked.add("anonymous " + query);
                get(Accounts::anonymous, "/vehicles?limit=20&" + query);
              }
              for (String query : List.of("", "status=RESERVED", "dealership=MUC&sort=-price")) {
                asked.add("manager " + query);
                get(() -> Accounts.as("manager"), "/vehicles?limit=20&" + query);
              }
              // anonymous pages served stale once are refreshed in the background: inside the
              // window
              sleep(1000);
            });
    List<Plan> searches =
        plans.stream()
            .filter(p -> p.query() != null)
            .filter(p -> p.query().startsWith("select") && p.query().contains(" from vehicle "))
            .filter(p -> p.query().contains(" order by "))
            .toList();
    assertTrue(
        searches.size() >= asked.size(),
        "a plan for each search asked ("
            + asked
            + "), logged: "
            + searches.stream().map(Plan::query).toList()
            + "; every statement logged: "
            + plans.stream().map(Plan::query).toList());
    for (Plan plan : searches) {
      List<Map<String, Object>> reads = plan.scansOf("vehicle");
      assertFalse(reads.isEmpty(), plan.query());
      for (Map<String, Object> read : reads) {
        assertTrue(
            String.valueOf(read.get("Node Type")).contains("Index"),
            "vehicle read by " + read.get("Node Type") + " in: " + plan.query());
      }
    }
  }

  @Test
  void aDeepKeysetPageStartsItsIndexScanAtTheCursor() {
    List<Plan> plans =
        QueryPlans.during(
            () -> {
              for (String sort : List.of("", "&sort=price", "&sort=modelYear")) {
                String next = "/vehicles?limit=100" + sort;
                for (int page = 0; page < 5; page++) {
                  String path = next;
                  // an anonymous page cached before the catalogue grew may be served stale once,
                  // while it is refreshed (stale-while-revalidate): ask until the fresh one comes
                  Response answer =
                      Poll.until(
                          Duration.ofSeconds(10),
                          () -> Accounts.anonymous().get(path),
                          r -> r.statusCode() == 200 && r.getHeader("Link") != null,
                          "a page with a next link: " + path);
                  String link = answer.getHeader("Link");
                  assertTrue(link != null && link.contains("rel=\"next\""), next);
                  next = link.substring(link.indexOf("/vehicles"), link.indexOf('>'));
                }
              }
            });
    List<Plan> pages =
        plans.stream()
            .filter(p -> p.query() != null && p.query().contains(" from vehicle "))
            .filter(p -> p.query().contains(" order by "))
            .filter(p -> CURSOR.matcher(p.query()).find())
            .toList();
    assertTrue(pages.size() >= 3, "keyset pages logged: " + pages.size());
    for (Plan plan : pages) {
      List<Map<String, Object>> reads = plan.scansOf("vehicle");
      assertEquals(1, reads.size(), plan.query());
      Map<String, Object> read = reads.get(0);
      assertTrue(
          String.valueOf(read.get("Node Type")).startsWith("Index"),
          read.get("Node Type") + " in: " + plan.query());
      String condition = String.valueOf(read.get("Index Cond"));
      assertTrue(
          condition.contains("<=") || condition.contains(">="),
          "the cursor bounds the scan: Index Cond " + condition + " in: " + plan.query());
    }
  }

  private static void get(Supplier<RequestSpecification> who, String path) {
    who.get().get(path).then().statusCode(200);
  }

  private static void removeGenerated() {
    ForecourtServer.update("delete from vehicle where vin like '" + PREFIX + "%'");
  }

  private static void analyze() {
    ForecourtServer.update("analyze vehicle");
  }

  private static void invalidateLists() {
    Accounts.as("admin").delete("/admin/response-cache?tag=vehicles").then().statusCode(204);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
