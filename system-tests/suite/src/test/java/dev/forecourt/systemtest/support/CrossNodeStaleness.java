package dev.forecourt.systemtest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Whether a change on one node is read stale on another (the Payara cluster's and the two WildFly
 * servers' test): each round, node 1 reads a vehicle twice (its response cache and second-level
 * cache hold it), node 0 changes the price, and node 1's very next read must show the new price.
 */
public final class CrossNodeStaleness {

  /** What the rounds found. */
  public record Result(
      int stale,
      int rounds,
      long firstReadMedianMillis,
      long firstReadMaxMillis,
      double responseCacheHits,
      double secondLevelCacheHits) {

    @Override
    public String toString() {
      return String.format(
          "cross-node staleness: %d of %d reads on node 2 right after a change on node 1 were"
              + " stale; the change was visible at node 2's first read in every other round (that"
              + " read took median %d ms, max %d ms); node 2's cache hits meanwhile: response"
              + " cache %.0f, second-level cache %.0f",
          stale,
          rounds,
          firstReadMedianMillis,
          firstReadMaxMillis,
          responseCacheHits,
          secondLevelCacheHits);
    }

    /** No stale read, and node 2 answered the repeated reads from its caches. */
    public void assertCoherentAndCached() {
      assertEquals(0, stale, "reads of an old value on the other node");
      assertTrue(
          responseCacheHits + secondLevelCacheHits >= rounds,
          "node 2 answered from its caches ("
              + responseCacheHits
              + " + "
              + secondLevelCacheHits
              + " hits)");
    }
  }

  private CrossNodeStaleness() {}

  /**
   * {@code on.apply(n)}: a signed-in admin's request to node n's API (0 or 1); {@code
   * metricsOfNode1}: node 1's metrics text.
   */
  public static Result measure(
      IntFunction<RequestSpecification> on, Supplier<String> metricsOfNode1, int rounds) {
    long id = Vehicles.create(on.apply(0), "20000.00");
    String before = metricsOfNode1.get();
    List<Long> firstReadMillis = new ArrayList<>();
    int stale = 0;
    for (int round = 1; round <= rounds; round++) {
      on.apply(1).get("/vehicles/{id}", id).then().statusCode(200);
      on.apply(1).get("/vehicles/{id}", id).then().statusCode(200);
      String price = new BigDecimal(20_000 + round).setScale(2).toPlainString();
      Response read = on.apply(0).get("/vehicles/{id}", id);
      Map<String, Object> body =
          new HashMap<>(Vehicles.draft(read.jsonPath().getString("vin"), price));
      body.put("status", read.jsonPath().getString("status"));
      on.apply(0)
          .contentType(ContentType.JSON)
          .header("If-Match", read.header("ETag"))
          .body(body)
          .put("/vehicles/{id}", id)
          .then()
          .statusCode(200);
      // node 0 has answered: node 1's very next read must show the change
      long begin = System.nanoTime();
      String seen =
          on.apply(1)
              .get("/vehicles/{id}", id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("price");
      firstReadMillis.add((System.nanoTime() - begin) / 1_000_000);
      if (new BigDecimal(seen).compareTo(new BigDecimal(price)) != 0) {
        stale++;
      }
    }
    String after = metricsOfNode1.get();
    Collections.sort(firstReadMillis);
    return new Result(
        stale,
        rounds,
        firstReadMillis.get(rounds / 2),
        firstReadMillis.get(rounds - 1),
        increase(before, after, "forecourt_response_cache_hits"),
        increase(before, after, "forecourt_l2_cache_hits"));
  }

  private static double increase(String before, String after, String series) {
    return Metrics.sum(after, series, Map.of()) - Metrics.sum(before, series, Map.of());
  }
}
