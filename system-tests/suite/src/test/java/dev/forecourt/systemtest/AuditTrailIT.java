package dev.forecourt.systemtest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Marketplaces;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit trail on the deployed EAR: every state-changing endpoint leaves exactly one record
 * (successes and failures, found by the request's correlation id), personal data is masked, the
 * hash chain verifies and reports a row altered or deleted in the database, retention purges old
 * records behind a checkpoint, CSV export, admin only.
 */
@ExtendWith(ForecourtServer.class)
class AuditTrailIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  /**
   * How far apart in time the retention test writes its older and its newer record: the purge's
   * cut-off falls between them, a second from each (time passing is the point: nothing to poll).
   */
  private static final Duration RECORDS_APART = Duration.ofSeconds(2);

  /** A state-changing call made with the given correlation id; answers its HTTP status. */
  private interface Call extends Function<String, Integer> {}

  private static RequestSpecification as(String who, String correlationId) {
    return Accounts.as(who).header("X-Correlation-Id", correlationId).contentType(ContentType.JSON);
  }

  static Stream<Arguments> stateChangingEndpoints() {
    return Stream.of(
        endpoint(
            "POST /vehicles",
            "vehicle",
            "create",
            "SUCCESS",
            201,
            c ->
                as("admin", c)
                    .body(Vehicles.draft(Vehicles.vin(), "9999.00"))
                    .post("/vehicles")
                    .statusCode()),
        endpoint(
            "PUT /vehicles/{id}",
            "vehicle",
            "update",
            "SUCCESS",
            200,
            c -> {
              long id = Vehicles.create("10000.00");
              String vin = Vehicles.api().get("/vehicles/{id}", id).jsonPath().getString("vin");
              return as("admin", c)
                  .header("If-Match", "\"0\"")
                  .body(Vehicles.draft(vin, "10500.00"))
                  .put("/vehicles/{id}", id)
                  .statusCode();
            }),
        endpoint(
            "DELETE /vehicles/{id}",
            "vehicle",
            "delete",
            "SUCCESS",
            204,
            c -> as("admin", c).delete("/vehicles/{id}", Vehicles.create("10000.00")).statusCode()),
        endpoint(
            "POST /leads",
            "lead",
            "create",
            "SUCCESS",
            201,
            c -> as("sales", c).body(Leads.draft("BER", null)).post("/leads").statusCode()),
        endpoint(
            "POST /leads (refused: dealership)",
            "lead",
            "create",
            "FAILURE",
            403,
            c -> as("sales", c).body(Leads.draft("VIE", null)).post("/leads").statusCode()),
        endpoint(
            "POST /leads/{id}/transitions",
            "lead",
            "transition",
            "SUCCESS",
            200,
            c ->
                Leads.transition(as("sales", c), Leads.create("sales"), "CONTACTED", null)
                    .statusCode()),
        endpoint(
            "POST /leads/{id}/transitions (illegal)",
            "lead",
            "transition",
            "FAILURE",
            409,
            c -> Leads.transition(as("sales", c), Leads.create("sales"), "WON", null).statusCode()),
        endpoint(
            "POST /leads/{id}/activities",
            "lead",
            "add-activity",
            "SUCCESS",
            201,
            c ->
                as("sales", c)
                    .body(Map.of("kind", "EMAIL", "note", "sent the brochure"))
                    .post("/leads/{id}/activities", Leads.create("sales"))
                    .statusCode()),
        endpoint(
            "PUT /leads/{id}/assignee",
            "lead",
            "assign",
            "SUCCESS",
            200,
            c -> {
              long lead = Leads.create("sales");
              return as("manager", c)
                  .header("If-Match", Leads.ifMatch("sales_lead", lead))
                  .body(Map.of("salesperson", "sales"))
                  .put("/leads/{id}/assignee", lead)
                  .statusCode();
            }),
        endpoint(
            "POST /test-drives",
            "test-drive",
            "schedule",
            "SUCCESS",
            201,
            c ->
                as("sales", c)
                    .body(
                        Leads.testDrive(
                            Leads.qualified("sales"), Vehicles.create("9000.00"), slot(), 30))
                    .post("/test-drives")
                    .statusCode()),
        endpoint(
            "POST /test-drives/{id}/cancel",
            "test-drive",
            "cancel",
            "SUCCESS",
            200,
            c -> {
              long drive =
                  Accounts.as("sales")
                      .contentType(ContentType.JSON)
                      .body(
                          Leads.testDrive(
                              Leads.qualified("sales"), Vehicles.create("9000.00"), slot(), 30))
                      .post("/test-drives")
                      .jsonPath()
                      .getLong("id");
              return as("sales", c).post("/test-drives/{id}/cancel", drive).statusCode();
            }),
        endpoint(
            "POST /deals",
            "deal",
            "create",
            "SUCCESS",
            201,
            c ->
                as("sales", c)
                    .body(
                        Leads.deal(Leads.qualified("sales"), Vehicles.create("9000.00"), "8800.00"))
                    .post("/deals")
                    .statusCode()),
        endpoint(
            "POST /deals/{id}/close",
            "deal",
            "close",
            "SUCCESS",
            200,
            c -> Leads.close(as("sales", c), newDeal()).statusCode()),
        endpoint(
            "POST /deals/{id}/cancel",
            "deal",
            "cancel",
            "SUCCESS",
            200,
            c -> Leads.cancel(as("sales", c), newDeal()).statusCode()),
        endpoint(
            "POST /api-keys",
            "api-key",
            "create",
            "SUCCESS",
            201,
            c ->
                as("admin", c)
                    .body(
                        Map.of(
                            "name",
                            "crm " + UUID.randomUUID(),
                            "scopes",
                            List.of("inventory:read"),
                            "dealerships",
                            List.of("BER")))
                    .post("/api-keys")
                    .statusCode()),
        endpoint(
            "POST /admin/audit/purge",
            "audit",
            "purge",
            "SUCCESS",
            200,
            c -> as("admin", c).post("/admin/audit/purge?olderThan=P3650D").statusCode()),
        endpoint(
            "DELETE /admin/response-cache",
            "response-cache-tag",
            "invalidate",
            "SUCCESS",
            204,
            c -> as("admin", c).delete("/admin/response-cache?tag=dealership:VIE").statusCode()),
        endpoint(
            "POST /webhooks",
            "webhook",
            "subscribe",
            "SUCCESS",
            201,
            c ->
                as("admin", c)
                    .body(
                        Map.of(
                            "url",
                            "https://crm.example/hooks",
                            "eventTypes",
                            List.of("deal.closed")))
                    .post("/webhooks")
                    .statusCode()),
        endpoint(
            "DELETE /webhooks/{id}",
            "webhook",
            "unsubscribe",
            "SUCCESS",
            204,
            c ->
                as("admin", c)
                    .delete(
                        "/webhooks/{id}",
                        Accounts.as("admin")
                            .contentType(ContentType.JSON)
                            .body(
                                Map.of(
                                    "url",
                                    "https://crm.example/hooks",
                                    "eventTypes",
                                    List.of("deal.closed")))
                            .post("/webhooks")
                            .jsonPath()
                            .getLong("id"))
                    .statusCode()),
        endpoint(
            "PUT /admin/maintenance (off)",
            "maintenance",
            "switch",
            "SUCCESS",
            200,
            c ->
                as("admin", c)
                    .body(Map.of("active", false))
                    .put("/admin/maintenance")
                    .statusCode()),
        endpoint(
            "DELETE /admin/dlq/{id} (none)",
            "dead-letter",
            "discard",
            "FAILURE",
            404,
            c ->
                as("admin", c)
                    .delete("/admin/dlq/{id}", UUID.randomUUID().toString())
                    .statusCode()),
        endpoint(
            "POST /integrations/leads/{source}",
            "lead",
            "receive",
            "SUCCESS",
            201,
            AuditTrailIT::inboundLead),
        endpoint(
            "POST /customers/{id}/erasure",
            "customer",
            "erase",
            "SUCCESS",
            200,
            c ->
                as("admin", c)
                    .post(
                        "/customers/{id}/erasure",
                        Accounts.as("sales")
                            .contentType(ContentType.JSON)
                            .body(Leads.draft("BER", null))
                            .post("/leads")
                            .jsonPath()
                            .getLong("customerId"))
                    .statusCode()));
  }

  /** A lead pushed by a marketplace (the source's secret configured here), signed. */
  private static int inboundLead(String correlationId) {
    String secret = Marketplaces.newSecret();
    ForecourtServer.configProperty("forecourt.integrations.audit-test.secret", secret);
    String body =
        Marketplaces.json(
            Map.of(
                "externalId",
                "AT-" + UUID.randomUUID(),
                "dealershipCode",
                "BER",
                "customer",
                Leads.draft("BER", null).get("customer")));
    return Marketplaces.signed(
            "msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), body, secret)
        .header("X-Correlation-Id", correlationId)
        .post("/integrations/leads/{source}", "audit-test")
        .statusCode();
  }

  private static Arguments endpoint(
      String name, String entity, String action, String outcome, int status, Call call) {
    return Arguments.of(name, entity, action, outcome, status, call);
  }

  private static String slot() {
    return Instant.now()
        .truncatedTo(ChronoUnit.HOURS)
        .plus(100 + (long) (Math.random() * 5000), ChronoUnit.HOURS)
        .toString();
  }

  private static long newDeal() {
    return Leads.openDeal(Leads.qualified("sales"), Vehicles.create("9000.00"), "8800.00");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateChangingEndpoints")
  void everyStateChangingCallLeavesExactlyOneRecord(
      String name, String entity, String action, String outcome, int status, Call call) {
    String correlationId = "audit-" + UUID.randomUUID();
    assertEquals(status, call.apply(correlationId), name);
    JsonPath records =
        Accounts.as("admin")
            .queryParam("correlationId", correlationId)
            .get("/admin/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, records.getList("items").size(), name);
    assertEquals(entity, records.getString("items[0].entityType"));
    assertEquals(action, records.getString("items[0].action"));
    assertEquals(outcome, records.getString("items[0].outcome"));
    assertEquals("127.0.0.1", records.getString("items[0].clientIp"));
    assertTrue(!records.getString("items[0].subject").isBlank());
    if (outcome.equals("FAILURE")) {
      assertThat(
          records.getString("items[0].error"),
          org.hamcrest.Matchers.oneOf("forbidden", "illegal-transition", "not-found"));
    } else if (!entity.equals("audit")) {
      assertTrue(
          records.getString("items[0].entityId") != null
              && !records.getString("items[0].entityId").isBlank(),
          name);
    }
  }

  @Test
  void personalDataAndSecretsAreMasked() {
    String correlationId = "audit-" + UUID.randomUUID();
    Map<String, Object> draft = Leads.draft("BER", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> customer = (Map<String, Object>) draft.get("customer");
    as("sales", correlationId).body(draft).post("/leads").then().statusCode(201);
    JsonPath record =
        Accounts.as("admin")
            .queryParam("correlationId", correlationId)
            .get("/admin/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String changes = record.getString("items[0].changes");
    assertThat(
        changes,
        org.hamcrest.Matchers.allOf(
            org.hamcrest.Matchers.containsString("\"dealershipCode\":\"BER\""),
            org.hamcrest.Matchers.containsString("\"source\":\"WEBSITE\""),
            org.hamcrest.Matchers.containsString("\"email\":\"***\""),
            org.hamcrest.Matchers.containsString("\"lastName\":\"***\""),
            not(org.hamcrest.Matchers.containsString(customer.get("email").toString())),
            not(org.hamcrest.Matchers.containsString(customer.get("lastName").toString()))));
    assertEquals("sales", record.getString("items[0].subject"));
    assertEquals("sales", record.getString("items[0].roles"));
  }

  @Test
  void theChainVerifiesAndReportsARowAlteredOrDeletedInTheDatabase() throws Exception {
    Leads.create("sales");
    Leads.create("sales");
    Accounts.as("admin")
        .get("/admin/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true));
    long victim = ForecourtServer.queryLong("select max(seq_no) - 1 from audit_record");
    String subject =
        ForecourtServer.queryString("select subject from audit_record where seq_no = " + victim);

    execute("update audit_record set subject = 'mallory' where seq_no = ?", victim);
    try {
      Accounts.as("admin")
          .get("/admin/audit/verify")
          .then()
          .statusCode(200)
          .body("intact", equalTo(false))
          .body("firstBrokenSeq", equalTo((int) victim))
          .body("problem", equalTo("record " + victim + " was altered"));
    } finally {
      execute(
          "update audit_record set subject = '" + subject.replace("'", "''") + "' where seq_no = ?",
          victim);
    }
    Accounts.as("admin").get("/admin/audit/verify").then().body("intact", equalTo(true));

    execute(
        "create table audit_record_saved as select * from audit_record where seq_no = ?", victim);
    try {
      execute("delete from audit_record where seq_no = ?", victim);
      Accounts.as("admin")
          .get("/admin/audit/verify")
          .then()
          .statusCode(200)
          .body("intact", equalTo(false))
          .body("problem", equalTo("record " + victim + " is missing"));
    } finally {
      execute("insert into audit_record select * from audit_record_saved where seq_no = ?", victim);
      execute("drop table audit_record_saved");
    }
    Accounts.as("admin").get("/admin/audit/verify").then().body("intact", equalTo(true));
  }

  @Test
  void retentionPurgesOldRecordsAndTheRestStillVerifies() {
    String older = "old-" + UUID.randomUUID();
    as("sales", older).body(Leads.draft("BER", null)).post("/leads").then().statusCode(201);
    long oldSeq =
        Accounts.as("admin")
            .queryParam("correlationId", older)
            .get("/admin/audit")
            .jsonPath()
            .getLong("items[0].seqNo");
    Poll.pause(RECORDS_APART);
    Instant midpoint = Instant.now().minus(RECORDS_APART.dividedBy(2));
    String newer = "new-" + UUID.randomUUID();
    as("sales", newer).body(Leads.draft("BER", null)).post("/leads").then().statusCode(201);

    Duration olderThan = Duration.between(midpoint, Instant.now());
    int purged =
        Accounts.as("admin")
            .post("/admin/audit/purge?olderThan=" + olderThan)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getInt("purged");
    assertTrue(purged >= 1, "purged " + purged);
    Accounts.as("admin")
        .queryParam("correlationId", older)
        .get("/admin/audit")
        .then()
        .body("items.size()", equalTo(0));
    Accounts.as("admin")
        .queryParam("correlationId", newer)
        .get("/admin/audit")
        .then()
        .body("items.size()", equalTo(1));
    Accounts.as("admin")
        .get("/admin/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true))
        .body("checkpointSeq", org.hamcrest.Matchers.greaterThanOrEqualTo((int) oldSeq));
    Leads.create("sales");
    Accounts.as("admin").get("/admin/audit/verify").then().body("intact", equalTo(true));
  }

  @Test
  void adminsQueryAndExportAsCsv() {
    String correlationId = "csv-" + UUID.randomUUID();
    as("sales", correlationId).body(Leads.draft("BER", null)).post("/leads").then().statusCode(201);
    String csv =
        Accounts.as("admin")
            .accept("text/csv")
            .queryParam("correlationId", correlationId)
            .get("/admin/audit")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    String[] lines = csv.split("\r\n");
    assertThat(
        lines[0],
        startsWith(
            "seq_no,occurred_at,subject,roles,api_key,entity_type,entity_id,action,changes"));
    assertEquals(2, lines.length, csv);
    assertThat(
        lines[1],
        org.hamcrest.Matchers.allOf(
            org.hamcrest.Matchers.containsString(",sales,sales,,lead,"),
            org.hamcrest.Matchers.containsString(correlationId),
            org.hamcrest.Matchers.containsString("\"{\"\"")));

    Accounts.as("sales")
        .get("/admin/audit")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    Accounts.as("manager").get("/admin/audit/verify").then().statusCode(403);
    Accounts.anonymous().get("/admin/audit").then().statusCode(401);
    Accounts.as("admin")
        .get("/admin/audit?from=yesterday")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    Accounts.as("admin")
        .get("/admin/audit?outcome=MAYBE")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    Accounts.as("admin")
        .post("/admin/audit/purge?olderThan=forever")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
  }

  @Test
  void anNdjsonExportStreamsEveryMatchingRecordAcrossPagesNewestFirst() throws Exception {
    // more than one page of 500
    while (ForecourtServer.queryLong("select count(*) from audit_record") <= 520) {
      Vehicles.create("8000.00");
    }
    Thread.sleep(20);
    Instant to = Instant.now();
    io.restassured.response.Response ndjson =
        Accounts.as("admin")
            .accept("application/x-ndjson")
            .queryParam("to", to.toString())
            .get("/admin/audit");
    ndjson
        .then()
        .statusCode(200)
        .contentType(startsWith("application/x-ndjson"))
        .header("Content-Disposition", equalTo("attachment; filename=\"forecourt-audit.ndjson\""));
    List<Long> seqs =
        ndjson.asString().lines().map(l -> JsonPath.from(l).getLong("seqNo")).toList();
    assertEquals(
        ForecourtServer.queryLong(
            "select count(*) from audit_record where occurred_at < '" + to + "'::timestamptz"),
        seqs.size());
    assertTrue(seqs.size() > 500, "more than one page: " + seqs.size());
    for (int i = 1; i < seqs.size(); i++) {
      assertTrue(seqs.get(i) < seqs.get(i - 1), "newest first, each once: " + seqs.get(i));
    }
  }

  @Test
  void aSigningKeyRotationIsRecordedWithTheNewAndTheRetiredKeyIdsAndNoKeyMaterial() {
    String retired =
        ForecourtServer.queryString("select kid from signing_key where retired_at is null");
    String correlationId = "audit-" + UUID.randomUUID();
    String kid =
        as("admin", correlationId)
            .post("/auth/signing-keys/rotate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("kid");
    JsonPath records =
        Accounts.as("admin")
            .queryParam("correlationId", correlationId)
            .get("/admin/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, records.getList("items").size());
    assertEquals("signing-key", records.getString("items[0].entityType"));
    assertEquals("rotate", records.getString("items[0].action"));
    assertEquals("SUCCESS", records.getString("items[0].outcome"));
    assertEquals("admin", records.getString("items[0].subject"));
    assertEquals(kid, records.getString("items[0].entityId"));
    String changes = records.getString("items[0].changes");
    assertThat(
        changes,
        org.hamcrest.Matchers.allOf(
            org.hamcrest.Matchers.containsString("\"newKid\":\"" + kid + "\""),
            org.hamcrest.Matchers.containsString("\"retiredKids\":[\"" + retired + "\"]")));
    String privateKey =
        ForecourtServer.queryString(
            "select private_key from signing_key where kid = '" + kid + "'");
    String publicJwk =
        ForecourtServer.queryString("select public_jwk from signing_key where kid = '" + kid + "'");
    String modulus = publicJwk.replaceAll(".*\"n\":\"([^\"]+)\".*", "$1");
    assertThat(changes, not(org.hamcrest.Matchers.containsString(privateKey.substring(0, 40))));
    assertThat(changes, not(org.hamcrest.Matchers.containsString(modulus.substring(0, 40))));
    Accounts.as("admin").get("/admin/audit/verify").then().body("intact", equalTo(true));
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = ForecourtServer.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }

  private static void execute(String sql, long parameter) throws Exception {
    try (Connection c = ForecourtServer.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, parameter);
      ps.execute();
    }
  }
}
