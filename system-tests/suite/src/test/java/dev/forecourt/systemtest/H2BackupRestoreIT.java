package dev.forecourt.systemtest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * server-config/backup.sh and restore.sh on the run command's embedded H2 database: the H2 jar that
 * ships with Payara, the run domain's JDBC URL settings and file layout ({@code
 * <domain>/lib/databases/forecourt.mv.db}), refusal while the domain runs (its pid file names a
 * live process), refusal of a non-empty target without --force, and a restore that brings back the
 * rows and the sequences as they were at the backup. Needs no server: only Payara's files.
 */
class H2BackupRestoreIT {

  private static final Path PAYARA_HOME =
      Path.of(System.getProperty("payara.home", "target/payara/payara6")).toAbsolutePath();
  private static final String URL_SETTINGS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  @TempDir Path work;

  @BeforeAll
  static void payaraInstalled() {
    Scripts.Result provision =
        Scripts.run("payara/provision.sh", Map.of("PAYARA_HOME", PAYARA_HOME.toString()));
    assertEquals(0, provision.exitCode(), provision.toString());
  }

  @Test
  void backupAndRestoreOfTheRunDomainsDatabase() throws IOException {
    Path domain = work.resolve("domains/forecourt");
    Path database = domain.resolve("lib/databases/forecourt");
    Files.createDirectories(domain.resolve("config"));
    h2(
        database,
        "create sequence vehicle_seq start with 50 increment by 50;"
            + " create table vehicle (id bigint primary key, vin varchar(17) not null, created_at timestamp with time zone);"
            + " insert into vehicle values (next value for vehicle_seq, 'WVWZZZ1JZXW000001', now()),"
            + " (next value for vehicle_seq, 'WVWZZZ1JZXW000002', now()), (next value for vehicle_seq, 'WVWZZZ1JZXW000003', now())");
    Map<String, String> env = env(work);
    Path backups = work.resolve("backups");

    Scripts.Result backup = Scripts.run("backup.sh", env, "--output-dir", backups.toString());
    assertEquals(0, backup.exitCode(), backup.toString());
    Path file = Path.of(backup.lastLine());
    assertThat(
        file.getFileName().toString(), matchesPattern("forecourt-h2-\\d{8}T\\d{6}Z\\.sql\\.gz"));
    assertEquals(List.of(file), Scripts.files(backups), "one file, no partial left behind");

    // the domain "runs": its pid file names a live process (this JVM)
    Path pid =
        Files.writeString(
            domain.resolve("config/pid"), Long.toString(ProcessHandle.current().pid()));
    Scripts.Result whileRunning = Scripts.run("backup.sh", env, "--output-dir", backups.toString());
    assertEquals(4, whileRunning.exitCode(), whileRunning.toString());
    assertThat(whileRunning.stderr(), containsString("the domain forecourt is running"));
    Scripts.Result restoreWhileRunning = Scripts.run("restore.sh", env, "--force", file.toString());
    assertEquals(4, restoreWhileRunning.exitCode(), restoreWhileRunning.toString());
    Files.delete(pid);

    h2(database, "delete from vehicle where vin = 'WVWZZZ1JZXW000002'");
    Scripts.Result refused = Scripts.run("restore.sh", env, file.toString());
    assertEquals(5, refused.exitCode(), refused.toString());
    assertThat(refused.stderr(), containsString("is not empty"));
    assertEquals("2", h2(database, "select count(*) from vehicle"), "refused: nothing changed");

    Scripts.Result restore = Scripts.run("restore.sh", env, "--force", file.toString());
    assertEquals(0, restore.exitCode(), restore.toString());
    assertThat(restore.stderr(), containsString("moved aside"));
    assertEquals("3", h2(database, "select count(*) from vehicle"), "the rows of the backup");
    assertEquals(
        "200",
        h2(database, "select next value for vehicle_seq"),
        "the sequence continues after 50, 100, 150");
    assertTrue(
        Scripts.files(database.getParent()).stream()
            .anyMatch(
                p -> p.getFileName().toString().startsWith("forecourt.mv.db.before-restore-")),
        "the old file kept");

    Path notH2 = Files.writeString(work.resolve("x.sql.gz"), "PGDMP");
    Scripts.Result wrongKind = Scripts.run("restore.sh", env, "--force", notH2.toString());
    assertEquals(6, wrongKind.exitCode(), wrongKind.toString());
  }

  @Test
  void backupOfAMissingDatabaseIsRefusedWithoutCreatingOne() {
    Scripts.Result missing =
        Scripts.run("backup.sh", env(work), "--output-dir", work.resolve("backups").toString());
    assertEquals(2, missing.exitCode(), missing.toString());
    assertThat(missing.stderr(), containsString("no H2 database at"));
    assertTrue(Files.notExists(work.resolve("domains/forecourt/lib/databases/forecourt.mv.db")));
  }

  private static Map<String, String> env(Path work) {
    Map<String, String> env = new HashMap<>();
    env.put("FORECOURT_DB_KIND", "h2");
    env.put("PAYARA_HOME", PAYARA_HOME.toString());
    env.put("FORECOURT_DOMAINS_DIR", work.resolve("domains").toString());
    return env;
  }

  /**
   * Runs SQL with H2's Shell tool and the run domain's URL settings; answers the first result
   * value.
   */
  private static String h2(Path database, String sql) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
                  "java",
                  "-cp",
                  PAYARA_HOME.resolve("h2db/bin/h2.jar").toString(),
                  "org.h2.tools.Shell",
                  "-url",
                  "jdbc:h2:" + database + URL_SETTINGS,
                  "-user",
                  "forecourt",
                  "-password",
                  "forecourt",
                  "-sql",
                  sql)
              .redirectErrorStream(true);
      Process p = pb.start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      assertTrue(!out.contains("Error:"), out);
      String[] lines = out.split("\n");
      return lines.length > 1 ? lines[1].strip() : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
