package dev.forecourt.systemtest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Scripts;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * server-config/backup.sh and restore.sh against the server's PostgreSQL, as an operator uses them:
 * data is written through the API, backed up while the server runs, restored into a fresh database,
 * the JDBC pool is pointed at it and the domain restarted; the API then serves the same vehicles,
 * leads and audit records, the audit chain verifies, and new writes land in the restored database.
 * The server stays on the restored database (identical data) for the classes after this one.
 *
 * <p>It leaves the shared server on the restored database, so it runs after the classes that set
 * the server up again ({@link ClusterIT} points the domain's pool at the harness's database; a
 * pool's database changed under a running server breaks it until a restart: see
 * configure-domain.sh).
 */
@ExtendWith(ForecourtServer.class)
@Order(Integer.MAX_VALUE - 1)
class BackupRestoreIT {

  private static final Logger LOG = Logger.getLogger(BackupRestoreIT.class.getName());
  private static final String SOURCE = "forecourt";
  private static final String RESTORED = "forecourt_restored";

  @TempDir Path backups;

  @Test
  void aBackupRestoredIntoAFreshDatabaseServesTheSameDataWithAnIntactAuditChain() {
    long vehicle = Vehicles.create("18990.00");
    long lead = Leads.create("sales");
    Leads.advance("sales", lead, "CONTACTED");
    Counts before = counts();
    assertTrue(before.intact(), "the audit chain verifies before the backup");

    Scripts.Result backup =
        Scripts.run(
            "backup.sh",
            ForecourtServer.databaseSettings(SOURCE),
            "--output-dir",
            backups.toString());
    assertEquals(0, backup.exitCode(), backup.toString());
    Path file = Path.of(backup.lastLine());
    assertThat(
        file.getFileName().toString(),
        matchesPattern("forecourt-postgresql-forecourt-\\d{8}T\\d{6}Z\\.dump"));
    assertEquals(List.of(file), Scripts.files(backups), "one file, no partial left behind");
    assertEquals(
        before,
        counts(),
        "nothing else wrote while the backup ran (else the comparison below is moot)");

    ForecourtServer.createDatabase(RESTORED);
    Scripts.Result restore =
        Scripts.run("restore.sh", ForecourtServer.databaseSettings(RESTORED), file.toString());
    assertEquals(0, restore.exitCode(), restore.toString());
    assertThat(restore.stderr(), containsString("Restored " + file + " into database " + RESTORED));
    // a second restore into the now non-empty database is refused and changes nothing
    Scripts.Result again =
        Scripts.run("restore.sh", ForecourtServer.databaseSettings(RESTORED), file.toString());
    assertEquals(5, again.exitCode(), again.toString());
    assertThat(again.stderr(), containsString("is not empty"));

    ForecourtServer.switchDatabase(RESTORED);

    assertEquals(
        before, counts(), "vehicles, leads and audit records served from the restored database");
    Accounts.as("admin")
        .get("/vehicles/{id}", vehicle)
        .then()
        .statusCode(200)
        .body("make", equalTo("Skoda"));
    Accounts.as("sales")
        .get("/leads/{id}", lead)
        .then()
        .statusCode(200)
        .body("status", equalTo("CONTACTED"));

    // a new write works, lands in the restored database only, and extends the intact chain
    long newLead =
        Accounts.as("sales")
            .contentType(ContentType.JSON)
            .body(Leads.draft("BER", vehicle))
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(newLead, greaterThan(lead));
    assertEquals(
        1,
        ForecourtServer.queryLong("select count(*) from sales_lead where id = " + newLead),
        "in " + RESTORED);
    assertEquals(
        0,
        count(SOURCE, "select count(*) from sales_lead where id = " + newLead),
        "not in " + SOURCE);
    JsonPath verified =
        Accounts.as("admin").get("/admin/audit/verify").then().statusCode(200).extract().jsonPath();
    assertTrue(verified.getBoolean("intact"), verified.prettify());
    assertThat(verified.getLong("lastSeq"), greaterThan(before.lastAuditSeq()));
    LOG.info(
        () ->
            "Backup "
                + file.getFileName()
                + ": "
                + size(file)
                + " bytes; restored and served "
                + before);
  }

  @Test
  void badInputIsRefusedWithTheDocumentedExitCodes() throws IOException {
    Map<String, String> db = ForecourtServer.databaseSettings(SOURCE);
    Scripts.Result unknown = Scripts.run("backup.sh", db, "--bogus");
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertThat(unknown.stderr(), containsString("unknown argument: --bogus"));

    Scripts.Result noFile =
        Scripts.run("restore.sh", db, backups.resolve("missing.dump").toString());
    assertEquals(6, noFile.exitCode(), noFile.toString());
    Path text = Files.writeString(backups.resolve("notes.dump"), "not a dump\n");
    Scripts.Result wrongKind = Scripts.run("restore.sh", db, text.toString());
    assertEquals(6, wrongKind.exitCode(), wrongKind.toString());
    assertThat(wrongKind.stderr(), containsString("is not a pg_dump custom-format archive"));

    Map<String, String> noTools = new HashMap<>(db);
    noTools.put("PG_BIN", backups.toString());
    Scripts.Result tools = Scripts.run("backup.sh", noTools, "--output-dir", backups.toString());
    assertEquals(3, tools.exitCode(), tools.toString());
    assertThat(tools.stderr(), containsString("has no pg_dump, pg_restore and psql"));

    // (the embedded PostgreSQL trusts local connections, so a wrong password would not be refused)
    Scripts.Result denied =
        Scripts.run(
            "backup.sh",
            ForecourtServer.databaseSettings("no_such_database"),
            "--output-dir",
            backups.toString());
    assertEquals(1, denied.exitCode(), denied.toString());
    assertThat(denied.stderr(), containsString("cannot connect to database no_such_database"));
    assertEquals(List.of(text), Scripts.files(backups), "no backup file from a failed backup");

    Scripts.Result kind =
        Scripts.run(
            "backup.sh", Map.of("FORECOURT_DB_KIND", "sqlite"), "--output-dir", backups.toString());
    assertEquals(2, kind.exitCode(), kind.toString());
  }

  // ---------------------------------------------------------------------------------------------

  /** What the API shows: every vehicle and lead (as admin, all pages) and the audit chain. */
  record Counts(long vehicles, long leads, long auditRecords, long lastAuditSeq, boolean intact) {}

  private static Counts counts() {
    JsonPath verify =
        Accounts.as("admin").get("/admin/audit/verify").then().statusCode(200).extract().jsonPath();
    return new Counts(
        pages("/vehicles", 100),
        pages("/leads", 100),
        pages("/admin/audit", 500),
        verify.getLong("lastSeq"),
        verify.getBoolean("intact"));
  }

  /** Items of every page of a keyset-paginated list, following nextCursor. */
  private static long pages(String path, int limit) {
    long items = 0;
    String cursor = null;
    do {
      var request = Accounts.as("admin").queryParam("limit", limit);
      if (cursor != null) {
        request = request.queryParam("cursor", cursor);
      }
      JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
      items += page.getList("items").size();
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return items;
  }

  private static long count(String database, String sql) {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    Map<String, String> db = ForecourtServer.databaseSettings(database);
    ds.setServerNames(new String[] {db.get("FORECOURT_DB_HOST")});
    ds.setPortNumbers(new int[] {Integer.parseInt(db.get("FORECOURT_DB_PORT"))});
    ds.setDatabaseName(database);
    ds.setUser(db.get("FORECOURT_DB_USER"));
    ds.setPassword(db.get("FORECOURT_DB_PASSWORD"));
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
