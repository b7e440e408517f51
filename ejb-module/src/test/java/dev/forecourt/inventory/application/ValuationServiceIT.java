package dev.forecourt.inventory.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.testing.Deployments;
import dev.forecourt.testing.TestData;
import dev.forecourt.testing.ValuationServiceStub;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The valuation EJB's fault-tolerance policy in the container, against a real HTTP server: retry,
 * fallback (last known, list price) and the circuit breaker, counted at the server. (The system
 * test ValuationFaultToleranceIT proves the same on the deployed EAR, with the timeout.)
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValuationServiceIT {

  @Deployment
  static WebArchive deployment() {
    int port = ValuationServiceStub.freePort();
    // a second config source beside the module's own: the stub's address and a short breaker delay
    JavaArchive config =
        ShrinkWrap.create(JavaArchive.class, "valuation-it-config.jar")
            .addAsResource(
                new StringAsset(
                    "forecourt.valuation.url=http://127.0.0.1:"
                        + port
                        + "\n"
                        + "forecourt.test.valuation-port="
                        + port
                        + "\n"
                        + "dev.forecourt.inventory.application.ValuationService/estimate/CircuitBreaker/delay=1000\n"),
                "META-INF/microprofile-config.properties");
    return Deployments.inventory("valuation-it").addAsLibrary(config);
  }

  @Inject InventoryService inventory;
  @Inject ValuationService valuation;
  @Inject TestData data;

  @Inject
  @ConfigProperty(name = "forecourt.test.valuation-port")
  int port;

  private VehicleView vehicle(String price) {
    return inventory.list(
        new VehicleDraft(
            TestData.vin(),
            "Toyota",
            "Corolla",
            "Hybrid",
            2021,
            40_000,
            "white",
            new BigDecimal(price),
            "EUR",
            null,
            data.dealership()));
  }

  @Test
  @Order(1)
  void transientFailuresAreRetried() {
    ValuationServiceStub stub = ValuationServiceStub.on(port);
    stub.answer(200, 503, 500);
    ValuationView v = valuation.estimate(vehicle("20000"));
    assertEquals(ValuationView.SOURCE_SERVICE, v.source());
    assertEquals(0, new BigDecimal("17500").compareTo(v.amount()));
    assertEquals(3, stub.calls());
  }

  @Test
  @Order(2)
  void theFallbackUsesTheLastKnownValuationThenTheListPrice() {
    ValuationServiceStub stub = ValuationServiceStub.on(port);
    VehicleView known = vehicle("20000");
    stub.answer(200);
    valuation.estimate(known);

    stub.answer(500);
    ValuationView lastKnown = valuation.estimate(known);
    assertEquals(ValuationView.SOURCE_FALLBACK, lastKnown.source());
    assertEquals("last-known", lastKnown.basis());
    assertEquals(0, new BigDecimal("17500").compareTo(lastKnown.amount()));
    assertEquals(3, stub.calls());

    ValuationView listPrice = valuation.estimate(vehicle("10000"));
    assertEquals("list-price", listPrice.basis());
    assertEquals(0, new BigDecimal("9200").compareTo(listPrice.amount()));
  }

  @Test
  @Order(3)
  void aServiceThatKeepsFailingOpensTheCircuit() throws InterruptedException {
    ValuationServiceStub stub = ValuationServiceStub.on(port);
    VehicleView v = vehicle("20000");
    // whatever the earlier tests left: once the breaker's delay (1 s here) has passed, a success
    // closes it (until then the fallback answers without calling the service); then successes fill
    // its window of 10
    stub.answer(200);
    Instant deadline = Instant.now().plusSeconds(10);
    while (!ValuationView.SOURCE_SERVICE.equals(valuation.estimate(v).source())) {
      assertTrue(
          Instant.now().isBefore(deadline), "the breaker did not let a call through within 10 s");
      Thread.sleep(100); // the poll's interval
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(ValuationView.SOURCE_SERVICE, valuation.estimate(v).source());
    }

    stub.answer(500);
    valuation.estimate(v); // 3 failed attempts: 30 % of the window
    valuation.estimate(v); // 2 more: 50 %, the breaker opens and the last retry is not made
    assertEquals(5, stub.calls());
    for (int i = 0; i < 5; i++) {
      assertEquals(ValuationView.SOURCE_FALLBACK, valuation.estimate(v).source());
    }
    assertEquals(5, stub.calls(), "an open circuit does not call the service");
  }
}
