package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static dev.forecourt.systemtest.support.Accounts.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.LocalKeys;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may do what, on the deployed EAR with tokens of the local accounts: anonymous callers read
 * AVAILABLE stock only; sales, manager and admin list, change and value vehicles; a signed-in
 * caller without a staff role is forbidden (403), an anonymous one unauthenticated (401).
 */
@ExtendWith(ForecourtServer.class)
class AuthorizationIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  @BeforeAll
  static void aHealthyValuationService() {
    ForecourtServer.healthyValuationService();
  }

  private static RequestSpecification caller(String who) {
    return switch (who) {
      case "anonymous" -> anonymous();
      case "no-role" -> bearer(LocalKeys.sign(LocalKeys.claims("visitor", List.of()).build()));
      default -> as(who);
    };
  }

  @ParameterizedTest(name = "{0}: create {1}, valuation {2}, sold stock {3}")
  @CsvSource({
    "anonymous, 401, 401, 401",
    "no-role,   403, 403, 401",
    "sales,     201, 200, 200",
    "manager,   201, 200, 200",
    "admin,     201, 200, 200"
  })
  void accessMatrix(String who, int create, int valuation, int soldStock) {
    Supplier<RequestSpecification> request = () -> caller(who);
    request
        .get()
        .contentType(ContentType.JSON)
        .body(Vehicles.draft(Vehicles.vin(), "15500.00"))
        .post("/vehicles")
        .then()
        .statusCode(create)
        .body(
            create == 201 ? "status" : "type",
            equalTo(
                create == 201
                    ? "AVAILABLE"
                    : PROBLEMS + (create == 401 ? "unauthenticated" : "forbidden")));
    long available = firstAvailable();
    request
        .get()
        .get("/vehicles/{id}/valuation", available)
        .then()
        .statusCode(valuation)
        .body(
            valuation == 200 ? "source" : "type",
            equalTo(
                valuation == 200
                    ? "valuation-service"
                    : PROBLEMS + (valuation == 401 ? "unauthenticated" : "forbidden")));
    request.get().get("/vehicles?status=SOLD&limit=5").then().statusCode(soldStock);
    // everyone reads the public stock
    request.get().get("/vehicles/{id}", available).then().statusCode(200);
    request.get().get("/dealerships").then().statusCode(200);
  }

  @Test
  void anonymousCallersSeeAvailableVehiclesOnly() {
    anonymous()
        .get("/vehicles?limit=100")
        .then()
        .statusCode(200)
        .body("items.status", everyItem(equalTo("AVAILABLE")));
    long sold = Vehicles.createWithStatus("BER", "SOLD");
    anonymous()
        .get("/vehicles/{id}", sold)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("sales").get("/vehicles/{id}", sold).then().statusCode(200).body("status", equalTo("SOLD"));
    // staff see the sold stock of their own dealerships only (sales: BER)
    long soldElsewhere = Vehicles.createWithStatus("VIE", "SOLD");
    as("sales")
        .get("/vehicles/{id}", soldElsewhere)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .get("/vehicles/{id}", soldElsewhere)
        .then()
        .statusCode(200)
        .body("status", equalTo("SOLD"));
    as("sales")
        .get("/vehicles?status=SOLD&limit=100")
        .then()
        .statusCode(200)
        .body("items.dealershipCode", everyItem(equalTo("BER")));
  }

  @Test
  void anUnauthenticatedWriteSaysHowToAuthenticate() {
    anonymous()
        .contentType(ContentType.JSON)
        .body(Vehicles.draft(Vehicles.vin(), "1.00"))
        .post("/vehicles")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Bearer"))
        .contentType("application/problem+json");
    anonymous().delete("/vehicles/{id}", firstAvailable()).then().statusCode(401);
    // authentication comes before validation: an invalid body tells an anonymous caller nothing
    anonymous()
        .contentType(ContentType.JSON)
        .body("{\"vin\":\"nope\"}")
        .post("/vehicles")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    as("sales")
        .contentType(ContentType.JSON)
        .body("{\"vin\":\"nope\"}")
        .post("/vehicles")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"));
  }

  @Test
  void salesAndManagersChangeOnlyTheirDealershipsVehicles() {
    // demo assignments: sales → BER; manager → BER, MUC; admin → all
    as("sales")
        .contentType(ContentType.JSON)
        .body(draftAt("MUC"))
        .post("/vehicles")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"))
        .body("detail", containsString("MUC"));
    long muc = firstAvailable("MUC");
    String etag =
        as("admin").get("/vehicles/{id}", muc).then().statusCode(200).extract().header("ETag");
    as("sales")
        .contentType(ContentType.JSON)
        .header("If-Match", etag)
        .body(draftAt("MUC"))
        .put("/vehicles/{id}", muc)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("sales")
        .delete("/vehicles/{id}", muc)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("sales")
        .get("/vehicles/{id}/valuation", muc)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    // moving a BER vehicle of one's own to another rooftop is a change at that rooftop too
    long ber = Vehicles.create("9900.00");
    String berTag =
        as("sales").get("/vehicles/{id}", ber).then().statusCode(200).extract().header("ETag");
    java.util.Map<String, Object> moved =
        Vehicles.draft(
            as("sales").get("/vehicles/{id}", ber).jsonPath().getString("vin"), "9900.00");
    moved.put("dealershipCode", "VIE");
    as("sales")
        .contentType(ContentType.JSON)
        .header("If-Match", berTag)
        .body(moved)
        .put("/vehicles/{id}", ber)
        .then()
        .statusCode(403);

    as("manager")
        .contentType(ContentType.JSON)
        .body(draftAt("MUC"))
        .post("/vehicles")
        .then()
        .statusCode(201);
    as("manager")
        .contentType(ContentType.JSON)
        .body(draftAt("VIE"))
        .post("/vehicles")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(draftAt("VIE"))
        .post("/vehicles")
        .then()
        .statusCode(201);
    // reading public stock is not scoped
    as("sales").get("/vehicles/{id}", muc).then().statusCode(200);
    as("sales")
        .get("/vehicles?dealership=MUC&limit=5")
        .then()
        .statusCode(200)
        .body("items.dealershipCode", everyItem(equalTo("MUC")))
        .body("items.status", everyItem(equalTo("AVAILABLE")));
  }

  private static java.util.Map<String, Object> draftAt(String dealership) {
    java.util.Map<String, Object> body = Vehicles.draft(Vehicles.vin(), "12345.00");
    body.put("dealershipCode", dealership);
    return body;
  }

  private static long firstAvailable() {
    return firstAvailable("BER");
  }

  private static long firstAvailable(String dealership) {
    return ForecourtServer.queryLong(
        "select min(v.id) from vehicle v join dealership d on d.id = v.dealership_id "
            + "where v.status = 'AVAILABLE' and d.code = '"
            + dealership
            + "'");
  }
}
