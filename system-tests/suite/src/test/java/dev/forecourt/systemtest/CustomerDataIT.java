package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Customer data under the GDPR on the deployed EAR against PostgreSQL: the export holds everything
 * held about a customer; erasure leaves none of their personal data in any row of the database
 * while their deal, the revenue and the audit chain stay as they were; scoping and bad input.
 */
@ExtendWith(ForecourtServer.class)
class CustomerDataIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  /** Every column that may hold a customer's personal data or free text about them. */
  private static final List<String> TEXT_COLUMNS =
      List.of(
          "customer.first_name",
          "customer.last_name",
          "customer.email",
          "customer.phone",
          "lead_activity.note",
          "sales_lead.lost_reason",
          "audit_record.changes",
          "audit_record.error",
          "idempotency_record.response");

  /**
   * A customer with a won deal (lead, call, test drive, closed deal) and a second lead lost for a
   * reason naming them.
   */
  private record Customer(
      long id,
      String lastName,
      String email,
      String phone,
      long wonLead,
      long lostLead,
      long deal) {}

  private static Customer customerWithAWonDealAndALostLead() {
    long vehicle = Vehicles.create("25990.00");
    Map<String, Object> draft = Leads.draft("BER", vehicle);
    @SuppressWarnings("unchecked")
    Map<String, Object> person = (Map<String, Object>) draft.get("customer");
    String phone = "+49 30 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    person.put("phone", phone);
    JsonPath created =
        as("sales")
            .contentType(ContentType.JSON)
            .body(draft)
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    long lead = created.getLong("id");
    long customer = created.getLong("customerId");
    String lastName = person.get("lastName").toString();

    Leads.advance("sales", lead, "CONTACTED", "QUALIFIED");
    as("sales")
        .contentType(ContentType.JSON)
        .body(Map.of("kind", "CALL", "note", "Called " + lastName + " on " + phone))
        .post("/leads/{id}/activities", lead)
        .then()
        .statusCode(201);
    String slot =
        Instant.now()
            .truncatedTo(ChronoUnit.HOURS)
            .plus(300 + ThreadLocalRandom.current().nextInt(5000), ChronoUnit.HOURS)
            .toString();
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(lead, vehicle, slot, 30))
        .post("/test-drives")
        .then()
        .statusCode(201);
    long deal = Leads.closedDeal(lead, vehicle, "24990.00");

    Map<String, Object> again = new LinkedHashMap<>();
    again.put("customerId", customer);
    again.put("dealershipCode", "BER");
    again.put("source", "PHONE");
    again.put("note", "Rang back: " + lastName + " wants a smaller car");
    long lost =
        as("sales")
            .contentType(ContentType.JSON)
            .body(again)
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    Leads.transition(
            as("sales"), lost, "LOST", lastName + " bought from a neighbour, call " + phone)
        .then()
        .statusCode(200);
    return new Customer(
        customer, lastName, person.get("email").toString(), phone, lead, lost, deal);
  }

  /** Rows of the database holding {@code text} in any column that may hold personal data. */
  private static long rowsHolding(String text) {
    long rows = 0;
    for (String column : TEXT_COLUMNS) {
      String[] tableAndColumn = column.split("\\.");
      rows +=
          ForecourtServer.queryLong(
              "select count(*) from "
                  + tableAndColumn[0]
                  + " where "
                  + tableAndColumn[1]
                  + " like '%"
                  + text.replace("'", "''")
                  + "%'");
    }
    return rows;
  }

  @Test
  void theExportHoldsEverythingAndErasureKeepsOnlyTheBusiness() {
    Customer c = customerWithAWonDealAndALostLead();

    JsonPath export =
        as("manager")
            .get("/customers/{id}/export", c.id())
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .header(
                "Content-Disposition",
                equalTo("attachment; filename=\"customer-" + c.id() + ".json\""))
            .body("customer.id", equalTo((int) c.id()))
            .body("customer.firstName", equalTo("Erika"))
            .body("customer.lastName", equalTo(c.lastName()))
            .body("customer.email", equalTo(c.email()))
            .body("customer.phone", equalTo(c.phone()))
            .body("customer.consentContact", equalTo(true))
            .body("customer.consentMarketing", equalTo(false))
            .body("customer.createdAt", notNullValue())
            .body("customer.erasedAt", nullValue())
            .body("leads.lead.id", contains((int) c.wonLead(), (int) c.lostLead()))
            .extract()
            .jsonPath();
    String won = "leads.find { it.lead.id == " + c.wonLead() + " }";
    assertThat(export.getList(won + ".activities.kind"), contains("NOTE", "CALL"));
    assertThat(
        export.getList(won + ".activities.note"),
        hasItem("Called " + c.lastName() + " on " + c.phone()));
    assertEquals(1, export.getList(won + ".testDrives").size());
    assertEquals("SCHEDULED", export.getString(won + ".testDrives[0].status"));
    assertEquals((int) c.deal(), export.getInt(won + ".deals[0].id"));
    assertEquals("CLOSED", export.getString(won + ".deals[0].status"));
    assertEquals(24990.0f, export.getFloat(won + ".deals[0].salePrice"));
    assertEquals("WON", export.getString(won + ".lead.status"));
    String lost = "leads.find { it.lead.id == " + c.lostLead() + " }";
    assertThat(export.getString(lost + ".lead.lostReason"), containsString(c.lastName()));
    assertThat(
        "the database holds the personal data before the erasure",
        rowsHolding(c.lastName()),
        greaterThan(0L));
    assertThat(rowsHolding(c.phone()), greaterThan(0L));
    assertThat(rowsHolding(c.email()), greaterThan(0L));

    String deal =
        as("admin").get("/deals/{id}", c.deal()).then().statusCode(200).extract().asString();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    RequestSpecification revenue = as("admin").queryParam("from", today).queryParam("to", today);
    String revenueBefore =
        revenue.get("/reports/revenue").then().statusCode(200).extract().asString();

    JsonPath erasure =
        as("admin")
            .post("/customers/{id}/erasure", c.id())
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("customerId", equalTo((int) c.id()))
            .body("pseudonym", equalTo("customer-" + c.id()))
            .body("erasedAt", notNullValue())
            .body("leads", equalTo(2))
            .body("notesErased", equalTo(3)) // the first note of each lead and the call
            .body("lostReasonsErased", equalTo(1))
            .extract()
            .jsonPath();

    as("admin")
        .get("/customers/{id}/export", c.id())
        .then()
        .statusCode(200)
        .body("customer.firstName", equalTo("erased"))
        .body("customer.lastName", equalTo("customer-" + c.id()))
        .body("customer.email", nullValue())
        .body("customer.phone", nullValue())
        .body("customer.consentContact", equalTo(false))
        .body("customer.consentMarketing", equalTo(false))
        .body("customer.erasedAt", equalTo(erasure.getString("erasedAt")))
        .body("leads.activities.flatten().note", everyItem(equalTo("[erased]")))
        .body(lost + ".lead.lostReason", equalTo("[erased]"))
        .body(lost + ".lead.status", equalTo("LOST"))
        .body(won + ".lead.status", equalTo("WON"))
        .body(won + ".deals[0].status", equalTo("CLOSED"));
    for (String personal : List.of(c.lastName(), c.email(), c.phone())) {
      assertEquals(0, rowsHolding(personal), personal + " is still in the database");
    }
    assertEquals(
        deal, as("admin").get("/deals/{id}", c.deal()).then().statusCode(200).extract().asString());
    assertEquals(
        revenueBefore, revenue.get("/reports/revenue").then().statusCode(200).extract().asString());
    as("admin").get("/admin/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    as("admin")
        .queryParam("entityType", "customer")
        .queryParam("entityId", c.id())
        .queryParam("action", "erase")
        .get("/admin/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].outcome", equalTo("SUCCESS"))
        .body("items[0].subject", equalTo("admin"));

    // the erased customer takes no new lead
    as("sales")
        .contentType(ContentType.JSON)
        .body(Map.of("customerId", c.id(), "dealershipCode", "BER", "source", "PHONE"))
        .post("/leads")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("customerId"));

    // erasing again: 200, the same pseudonym and time, nothing left to blank
    as("admin")
        .post("/customers/{id}/erasure", c.id())
        .then()
        .statusCode(200)
        .body("pseudonym", equalTo("customer-" + c.id()))
        .body("erasedAt", equalTo(erasure.getString("erasedAt")))
        .body("notesErased", equalTo(0))
        .body("lostReasonsErased", equalTo(0));
  }

  @Test
  void managersExportOnlyCustomersWithALeadAtTheirDealerships() {
    long vienna =
        as("admin")
            .contentType(ContentType.JSON)
            .body(Leads.draft("VIE", null))
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("customerId");
    as("manager")
        .get("/customers/{id}/export", vienna)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("admin")
        .get("/customers/{id}/export", vienna)
        .then()
        .statusCode(200)
        .body("leads[0].lead.dealershipCode", equalTo("VIE"));
    // a failed export is audited too, and no personal data went into the trail
    as("admin")
        .queryParam("entityType", "customer")
        .queryParam("entityId", vienna)
        .queryParam("action", "export")
        .get("/admin/audit")
        .then()
        .statusCode(200)
        .body("items.outcome", hasItem("FAILURE"))
        .body("items.outcome", hasItem("SUCCESS"))
        .body("items.changes", everyItem(not(containsString("Erika"))));
  }

  static Stream<Arguments> badInput() {
    long unknown = 999_999_999L;
    return Stream.of(
        bad(
            "export of an unknown customer",
            404,
            "not-found",
            r -> as("admin").get("/customers/{id}/export", unknown)),
        bad(
            "erasure of an unknown customer",
            404,
            "not-found",
            r -> as("admin").post("/customers/{id}/erasure", unknown)),
        bad(
            "export, non-numeric id",
            404,
            "not-found",
            r -> as("admin").get("/customers/abc/export")),
        bad(
            "erasure, non-numeric id",
            404,
            "not-found",
            r -> as("admin").post("/customers/abc/erasure")),
        bad("export by sales", 403, "forbidden", r -> as("sales").get("/customers/{id}/export", r)),
        bad(
            "erasure by sales",
            403,
            "forbidden",
            r -> as("sales").post("/customers/{id}/erasure", r)),
        bad(
            "erasure by a manager",
            403,
            "forbidden",
            r -> as("manager").post("/customers/{id}/erasure", r)),
        bad(
            "export, anonymous",
            401,
            "unauthenticated",
            r -> anonymous().get("/customers/{id}/export", r)),
        bad(
            "erasure, anonymous",
            401,
            "unauthenticated",
            r -> anonymous().post("/customers/{id}/erasure", r)),
        bad(
            "erasure with GET",
            405,
            "method-not-allowed",
            r -> as("admin").get("/customers/{id}/erasure", r)));
  }

  private static Arguments bad(
      String name, int status, String type, Function<Long, io.restassured.response.Response> call) {
    return Arguments.of(name, status, type, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsAnsweredWithTheExactProblem(
      String name, int status, String type, Function<Long, io.restassured.response.Response> call) {
    long customer =
        as("sales")
            .contentType(ContentType.JSON)
            .body(Leads.draft("BER", null))
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("customerId");
    call.apply(customer)
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + type))
        .body("status", equalTo(status))
        .body(not(containsString("Exception")))
        .body(not(containsString("dev.forecourt")));
    as("admin")
        .get("/customers/{id}/export", customer)
        .then()
        .statusCode(200)
        .body("customer.erasedAt", nullValue());
  }
}
