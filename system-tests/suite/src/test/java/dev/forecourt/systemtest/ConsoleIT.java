package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.Browser;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.KeycloakServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.TcpForwarder;
import dev.forecourt.systemtest.support.Vehicles;
import dev.forecourt.systemtest.support.WebhookReceiver;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console ({@code /console/}) in a real browser (Debian's chromium, headless) against the
 * deployed EAR: local sign-in with the second factor, the session cookie's attributes, the
 * dashboards showing the API's numbers, a vehicle edited with its ETag, a configuration change
 * refused then accepted, CSRF (a forged cross-site POST is refused), the Content-Security-Policy
 * (no violation in the browser) and axe-core (no serious or critical violation). Screenshots of
 * each screen in target/console-screenshots.
 */
@ExtendWith(ForecourtServer.class)
class ConsoleIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final String RATE_KEY = "forecourt.rate-limit.anonymous.per-minute";

  /** Every screen of the console (an admin sees them all). */
  private static final List<String> SCREENS =
      List.of(
          "executive",
          "business",
          "technical",
          "sla",
          "inventory",
          "leads",
          "test-drives",
          "deals",
          "dead-letters",
          "webhooks",
          "access",
          "audit",
          "operations",
          "settings");

  /**
   * What a screen shows once its data is in: a table, the lead board, "no dead letters", or (on
   * WildFly, which serves /metrics on its management port only) the technical dashboard's notice.
   */
  private static final String SCREEN_CONTENT =
      "main table, main .board, #dlq-empty, #technical-unavailable";

  @Test
  void theAdministrationScreensActThroughTheApi() throws Exception {
    String user = "console-admin-" + UUID.randomUUID().toString().substring(0, 8);
    Accounts.createLocalUser(user, user + "@dealer.example", "Console-Password-1", "sales");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      long subscription = receiver.subscribe(() -> as("admin"), List.of("lead.created"));
      Leads.create("sales");
      Poll.until(Duration.ofSeconds(30), () -> !receiver.received().isEmpty(), "a delivery");
      signIn("admin", Accounts.demoPassword());

      // webhooks and a subscription's delivery log
      browser.open(console() + "#/webhooks/" + subscription);
      browser.textIn(By.id("deliveries-table"), "DELIVERED");
      browser.screenshot("webhooks");
      as("admin").delete("/webhooks/{id}", subscription);

      // an account disabled and enabled again
      browser.open(console() + "#/access");
      browser.click(By.cssSelector("button[data-user='" + user + "']"));
      browser.textIn(By.id("access-result"), user + " disabled");
      assertEquals(
          Boolean.FALSE,
          as("admin")
              .queryParam("q", user)
              .get("/users")
              .jsonPath()
              .getBoolean("items[0].enabled"));
      browser.click(By.cssSelector("button[data-user='" + user + "']"));
      browser.textIn(By.id("access-result"), user + " enabled");
      browser.screenshot("access");

      // the audit trail: its chain verified, its records exported as CSV
      browser.open(console() + "#/audit?subject=admin");
      browser.visible(By.id("audit-table"));
      browser.click(By.id("audit-verify"));
      browser.textIn(By.id("audit-result"), "The chain is intact");
      browser.click(By.id("audit-csv"));
      browser.visible(By.id("audit-csv-file"));
      // the page holds the export as a file to save (a blob: URL; its content is the API's CSV)
      assertTrue(browser.visible(By.id("audit-csv-file")).getAttribute("href").startsWith("blob:"));
      assertEquals(
          "forecourt-audit.csv", browser.visible(By.id("audit-csv-file")).getAttribute("download"));
      browser.screenshot("audit");

      // operations: a log level set and reset, a cache tag invalidated, maintenance on and off
      // the response cache's entries of one tag (a public search was just answered)
      anonymous().queryParam("limit", 3).get("/vehicles").then().statusCode(200);
      browser.open(console() + "#/operations?tag=vehicles");
      List<List<String>> cached = browser.rows(By.id("cache-entries"));
      assertFalse(cached.isEmpty(), "entries tagged vehicles");
      assertTrue(cached.stream().allMatch(r -> r.get(1).contains("vehicles")), cached::toString);
      browser.type(By.id("log-logger"), "dev.forecourt.consoletest");
      new org.openqa.selenium.support.ui.Select(browser.visible(By.id("log-level")))
          .selectByValue("FINE");
      browser.click(By.id("log-set"));
      browser.textIn(By.id("ops-result"), "dev.forecourt.consoletest logs at FINE");
      as("admin")
          .get("/admin/log-levels")
          .then()
          .body("find { it.logger == 'dev.forecourt.consoletest' }.level", equalTo("FINE"));
      browser.click(By.cssSelector("button[data-logger='dev.forecourt.consoletest']"));
      browser.textIn(By.id("ops-result"), "follows the server's logging configuration again");
      browser.type(By.id("cache-tag"), "vehicles");
      browser.click(By.id("cache-invalidate"));
      browser.textIn(By.id("ops-result"), "Answers tagged vehicles are stale on every node");
      try {
        browser.type(By.id("maintenance-message"), "Console test");
        browser.click(By.id("maintenance-toggle"));
        browser.textIn(By.id("ops-result"), "Maintenance started");
        as("admin").get("/admin/maintenance").then().body("active", equalTo(true));
        browser.screenshot("operations");
        browser.click(By.id("maintenance-toggle"));
        browser.textIn(By.id("ops-result"), "Maintenance ended");
        as("admin").get("/admin/maintenance").then().body("active", equalTo(false));
      } finally {
        as("admin")
            .contentType(ContentType.JSON)
            .body(Map.of("active", false))
            .put("/admin/maintenance");
      }
    }
  }

  @Test
  void usersApiKeysAndWebhooksAreCreatedFromTheConsole() {
    String user = "invited-" + UUID.randomUUID().toString().substring(0, 8);
    signIn("admin", Accounts.demoPassword());
    browser.open(console() + "#/access");
    // a refused invitation says why (the API's field message), and nothing is created
    browser.type(By.id("invite-username"), "not valid!");
    browser.type(By.id("invite-email"), user + "@dealer.example");
    browser.click(By.id("invite-submit"));
    browser.textIn(By.cssSelector("#access-result .alert"), "username: must be letters");
    browser.type(By.id("invite-username"), user);
    browser.type(By.id("invite-dealerships"), "BER, MUC");
    browser.click(By.id("invite-submit"));
    browser.textIn(By.id("access-result"), user + " invited");
    as("admin")
        .queryParam("q", user)
        .get("/users")
        .then()
        .body("items[0].username", equalTo(user))
        .body("items[0].roles", equalTo(List.of("sales")))
        .body("items[0].dealerships", containsInAnyOrder("BER", "MUC"));

    // an API key: its secret shown once, and it works
    String keyName = "console-key-" + user;
    browser.type(By.id("key-name"), keyName);
    browser.type(By.id("key-dealerships"), "BER");
    browser.click(By.id("key-submit"));
    String key = browser.visible(By.id("new-key")).getText();
    browser.textIn(By.id("access-result"), "not shown again");
    browser.textIn(By.id("keys-table"), keyName);
    anonymous()
        .header("Authorization", "ApiKey " + key)
        .get("/vehicles?limit=1")
        .then()
        .statusCode(200);

    // a webhook subscription: its signing secret shown once signs the deliveries
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      browser.open(console() + "#/webhooks");
      browser.type(By.id("webhook-url"), receiver.url().toString());
      browser.click(By.cssSelector("#webhook-form input[value='deal.closed']"));
      browser.click(By.cssSelector("#webhook-form input[value='lead.created']"));
      browser.click(By.id("webhook-submit"));
      receiver.secret(browser.visible(By.id("new-webhook-secret")).getText());
      long subscription =
          as("admin")
              .get("/webhooks")
              .jsonPath()
              .getLong("find { it.url == '" + receiver.url() + "' && it.active }.id");
      try {
        as("admin")
            .get("/webhooks")
            .then()
            .body(
                "find { it.id == " + subscription + " }.eventTypes",
                equalTo(List.of("lead.created")));
        Leads.create("sales");
        Poll.until(
            Duration.ofSeconds(30),
            () -> receiver.received().stream().anyMatch(WebhookReceiver.Delivery::signatureValid),
            "a delivery signed with the secret the console showed");
      } finally {
        as("admin").delete("/webhooks/{id}", subscription);
      }
    }
  }

  private static Browser browser;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void signOutOfTheBrowser(TestInfo test) {
    // what the browser showed last, and said, for a test that failed
    browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName());
    browser.consoleMessages().forEach(m -> System.out.println("[browser] " + m));
    browser.clearCookies();
  }

  private static String console() {
    return ForecourtServer.baseUri() + "/console/";
  }

  /** Signs in through the console's form; answers when the console shows the caller. */
  private static void signIn(String username, String password) {
    signIn(ForecourtServer.baseUri().toString(), username, password);
  }

  private static void signIn(String origin, String username, String password) {
    browser.open("about:blank"); // a fresh page: the console reads its session anew
    browser.open(origin + "/console/#/sign-in");
    browser.type(By.id("username"), username);
    browser.type(By.id("password"), password);
    browser.click(By.id("sign-in"));
    browser.textIn(By.id("who"), "Signed in as " + username);
    // and the console has gone on to the caller's first screen (else a #fragment the test opens
    // next could be overtaken by that move)
    // (read in one script: the heading is replaced as the screen renders)
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .until(
            d ->
                Boolean.TRUE.equals(
                    browser
                        .driver()
                        .executeScript(
                            "const h1 = document.querySelector('main h1');"
                                + " return !location.hash.startsWith('#/sign-in')"
                                + " && h1 !== null && !h1.textContent.startsWith('Sign in')")));
  }

  @Test
  void localSignInAsksForTheSecondFactorAndSetsAStrictHttpOnlyCookie() throws Exception {
    String user = "console-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "Console-Password-1";
    Accounts.createLocalUser(user, user + "@dealer.example", password, "sales");
    String token = Accounts.login(user, password).then().extract().path("access_token");
    String secret = Accounts.bearer(token).post("/auth/2fa/enrol").path("secret");
    long step = System.currentTimeMillis() / 30_000;
    Accounts.bearer(token)
        .contentType(ContentType.JSON)
        .body(Map.of("code", code(secret, step)))
        .post("/auth/2fa/confirm")
        .then()
        .statusCode(200);

    browser.open(console());
    browser.visible(By.id("username"));
    browser.screenshot("sign-in");
    browser.type(By.id("username"), user);
    browser.type(By.id("password"), "not the password");
    browser.click(By.id("sign-in"));
    browser.textIn(By.id("sign-in-error"), "Wrong username or password");

    browser.type(By.id("password"), password);
    browser.click(By.id("sign-in"));
    // the password was right: the console asks for the one-time code
    browser.type(By.id("totp"), code(secret, step + 1));
    browser.screenshot("sign-in-second-factor");
    browser.click(By.id("sign-in"));
    browser.textIn(By.id("who"), "Signed in as " + user);
    // sales staff land on the inventory and see no admin screen
    browser.textIn(By.cssSelector("main h1"), "Inventory");
    assertFalse(browser.driver().findElement(By.cssSelector("a[href='#/settings']")).isDisplayed());

    Cookie session = browser.driver().manage().getCookieNamed("forecourt-session");
    assertNotNull(session, "the session cookie");
    assertTrue(session.isHttpOnly(), "HttpOnly");
    assertEquals("Strict", session.getSameSite());
    assertEquals("/", session.getPath());
    assertFalse(session.isSecure(), "plain HTTP here: Secure only behind TLS");
    // the page's scripts cannot read it
    Object visible =
        browser.driver().executeScript("return document.cookie.includes('forecourt-session')");
    assertEquals(Boolean.FALSE, visible);

    // signing out ends the session on the server too: the refresh token is revoked
    browser.click(By.id("sign-out"));
    browser.visible(By.id("username"));
    assertEquals(null, browser.driver().manage().getCookieNamed("forecourt-session"));
  }

  @Test
  void singleSignOnThroughKeycloaksLoginPageWithPkce() {
    URI callback = URI.create(ForecourtServer.baseUri() + "/api/v1/auth/sso/callback");
    KeycloakServer.allowRedirect(KeycloakServer.CONSOLE_CLIENT_ID, callback);
    browser.open("about:blank");
    browser.open(console());
    browser.click(By.id("sso"));
    String login = browser.urlStartingWith(KeycloakServer.baseUri().toString());
    assertTrue(login.contains("code_challenge_method=S256"), login);
    assertTrue(login.contains("code_challenge=") && login.contains("state="), login);
    assertTrue(login.contains("client_id=" + KeycloakServer.CONSOLE_CLIENT_ID), login);
    browser.type(By.id("username"), "kc-manager");
    browser.type(By.id("password"), "Forecourt-Test-1");
    browser.screenshot("sign-in-keycloak");
    browser.click(By.id("kc-login"));
    browser.textIn(By.id("who"), "Signed in as kc-manager");
    browser.textIn(By.cssSelector("main h1"), "Executive dashboard");
    browser.visible(By.id("revenue-table"));

    // the session holds the provider's access token: the API's own issuer check applies
    Cookie session = browser.driver().manage().getCookieNamed("forecourt-session");
    assertTrue(session.isHttpOnly());
    assertEquals("Strict", session.getSameSite());
    RestAssured.given()
        .baseUri(ForecourtServer.baseUri().toString())
        .cookie("forecourt-session", session.getValue())
        .get("/api/v1/auth/session")
        .then()
        .statusCode(200)
        .body("name", equalTo("kc-manager"))
        .body("issuer", equalTo(KeycloakServer.issuer()));
    // and the manager's scope: BER and MUC
    assertTrue(
        browser.rows(By.id("revenue-table")).stream().noneMatch(r -> r.get(1).equals("VIE")));

    // the provider's refresh token, kept as the session's refresh cookie, renews the session: once
    // the access token's cookie is gone (its max-age is the token's lifetime), a reload of the
    // console stays signed in, with a new access token from the provider, and no provider page
    Map<String, Object> refresh = browser.cookie("forecourt-sso-refresh");
    assertEquals(true, refresh.get("httpOnly"), refresh::toString);
    assertEquals("Strict", refresh.get("sameSite"), refresh::toString);
    assertEquals("/api/v1/auth/session", refresh.get("path"), refresh::toString);
    browser.deleteCookie("forecourt-session", "/");
    browser.open("about:blank");
    browser.open(console());
    browser.textIn(By.id("who"), "Signed in as kc-manager");
    assertTrue(browser.driver().getCurrentUrl().startsWith(ForecourtServer.baseUri().toString()));
    String renewed = (String) browser.cookie("forecourt-session").get("value");
    assertNotEquals(session.getValue(), renewed, "a new access token");
    RestAssured.given()
        .baseUri(ForecourtServer.baseUri().toString())
        .cookie("forecourt-session", renewed)
        .get("/api/v1/auth/session")
        .then()
        .statusCode(200)
        .body("name", equalTo("kc-manager"))
        .body("issuer", equalTo(KeycloakServer.issuer()));
    // a refresh cookie the provider did not issue renews nothing
    RestAssured.given()
        .baseUri(ForecourtServer.baseUri().toString())
        .cookie("forecourt-sso-refresh", "not-a-refresh-token")
        .post("/api/v1/auth/session/refresh")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("https://forecourt.dev/problems/unauthenticated"));

    // a callback without the flow's cookie, or with another state, signs nobody in
    for (String query : List.of("?code=x&state=y", "?error=access_denied", "")) {
      RestAssured.given()
          .baseUri(ForecourtServer.baseUri().toString())
          .redirects()
          .follow(false)
          .cookie("forecourt-sso", "z.verifier")
          .get("/api/v1/auth/sso/callback" + query)
          .then()
          .statusCode(303)
          .header("Location", endsWith("/console/#/sign-in?sso=failed"))
          .header("Set-Cookie", not(containsString("forecourt-session")));
    }
  }

  @Test
  void theDashboardsShowTheApisNumbers() {
    closedDealAtBerlinThisMonth();
    signIn("manager", Accounts.demoPassword());
    browser.textIn(By.cssSelector("main h1"), "Executive dashboard");
    browser.visible(By.id("revenue-table"));

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate first = today.withDayOfMonth(1).minusMonths(5);
    LocalDate last = today.withDayOfMonth(today.lengthOfMonth());
    long deals = 0;
    for (LocalDate month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      List<Map<String, Object>> lines =
          as("manager")
              .queryParam("from", month.toString())
              .queryParam("to", month.withDayOfMonth(month.lengthOfMonth()).toString())
              .get("/reports/revenue")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      for (Map<String, Object> line : lines) {
        deals += ((Number) line.get("deals")).longValue();
      }
    }
    assertTrue(deals > 0, "the deal closed above is in the report");
    assertEquals(String.valueOf(deals), browser.visible(By.id("deals-total")).getText());
    Map<String, Object> funnel = as("manager").get("/reports/funnel").jsonPath().getMap("$");
    assertEquals(
        String.format("%,d", ((Number) funnel.get("total")).longValue()),
        browser.visible(By.id("leads-total")).getText());
    // this month's Berlin line, as the API answers it
    Map<String, Object> berlin =
        as("manager")
            .queryParam("from", today.withDayOfMonth(1).toString())
            .queryParam("to", last.toString())
            .queryParam("dealership", "BER")
            .get("/reports/revenue")
            .jsonPath()
            .getMap("[0]");
    List<String> row =
        browser.rows(By.id("revenue-table")).stream()
            .filter(r -> r.get(0).equals(today.toString().substring(0, 7)))
            .filter(r -> r.get(1).equals("BER"))
            .findFirst()
            .orElseThrow();
    assertEquals(String.valueOf(berlin.get("deals")), row.get(2));
    assertEquals(
        String.format("%,.2f", new BigDecimal(berlin.get("revenue").toString()))
                .replaceAll("\\.00$", "")
            + " EUR",
        row.get(3));
    // a manager sees their dealerships only (BER and MUC)
    assertTrue(
        browser.rows(By.id("revenue-table")).stream().noneMatch(r -> r.get(1).equals("VIE")));
    browser.screenshot("executive-dashboard");

    browser.click(By.cssSelector("a[href='#/business']"));
    browser.textIn(By.cssSelector("main h1"), "Business dashboard");
    @SuppressWarnings("unchecked")
    Map<String, Object> byStage = (Map<String, Object>) funnel.get("leadsByStage");
    Map<String, Object> now =
        as("manager").get("/reports/funnel").jsonPath().getMap("leadsByStage");
    for (List<String> stage : browser.rows(By.id("funnel-table"))) {
      assertEquals(
          String.format("%,d", ((Number) now.get(stage.get(0))).longValue()),
          stage.get(1),
          stage.get(0) + " (before the page: " + byStage.get(stage.get(0)) + ")");
    }
    Map<String, Object> bySource =
        as("manager").get("/reports/funnel").jsonPath().getMap("leadsBySource");
    List<List<String>> sources = browser.rows(By.id("sources-table"));
    assertEquals(bySource.size(), sources.size());
    for (List<String> source : sources) {
      assertEquals(
          String.format("%,d", ((Number) bySource.get(source.get(0))).longValue()),
          source.get(1),
          source.get(0));
    }
    browser.visible(By.id("interest-table"));
    browser.screenshot("business-dashboard");
  }

  @Test
  void theSlaDashboardShowsTheObjectivesAndThisNodesFigures() {
    signIn("admin", Accounts.demoPassword());
    browser.click(By.cssSelector("a[href='#/sla']"));
    browser.textIn(By.cssSelector("main h1"), "SLA");
    List<List<String>> windows = browser.rows(By.id("sla-windows"));
    Map<String, Object> sla = as("admin").get("/admin/sla").jsonPath().getMap("$");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> apiWindows = (List<Map<String, Object>>) sla.get("windows");
    assertEquals(apiWindows.size(), windows.size());
    for (int i = 0; i < windows.size(); i++) {
      assertEquals(apiWindows.get(i).get("window"), windows.get(i).get(0));
      long answers = Long.parseLong(windows.get(i).get(1).replace(",", ""));
      assertTrue(answers > 0, "answers counted: " + windows.get(i));
    }
    browser.visible(By.id("sla-budget-table"));
    browser.screenshot("sla-dashboard");

    browser.click(By.cssSelector("a[href='#/technical']"));
    browser.textIn(By.cssSelector("main h1"), "Technical dashboard");
    if (ForecourtServer.onWildFly()) {
      // WildFly serves /metrics on its management interface only: the dashboard says so
      browser.textIn(By.cssSelector("main [role=alert]"), "management interface");
      return;
    }
    long requests =
        Long.parseLong(browser.visible(By.id("tech-requests")).getText().replace(",", ""));
    assertTrue(requests > 0, "requests counted: " + requests);
    List<List<String>> endpoints = browser.rows(By.id("endpoints-table"));
    assertFalse(endpoints.isEmpty());
    for (List<String> endpoint : endpoints) {
      assertTrue(endpoint.get(4).endsWith(" ms"), "p99 of " + endpoint);
    }
    String node = as("admin").get("/status").path("node");
    assertTrue(
        browser.rows(By.id("nodes-table")).stream().anyMatch(r -> r.get(0).startsWith(node)),
        "this node listed");
    browser.screenshot("technical-dashboard");
  }

  @Test
  void aVehicleIsListedAndEditedWithItsETagAndGetsAPhoto() throws Exception {
    signIn("manager", Accounts.demoPassword());
    browser.open(console() + "#/inventory?model=Octavia&dealership=BER");
    browser.textIn(By.cssSelector("main h1"), "Inventory");
    // listed from the form: a VIN whose check digit is wrong is refused with the field's reason
    String vin = Vehicles.vin();
    browser.click(By.cssSelector("#listing summary"));
    String wrongCheckDigit =
        vin.substring(0, 8) + (vin.charAt(8) == 'X' ? '0' : 'X') + vin.substring(9);
    browser.type(By.id("listing-vin"), wrongCheckDigit);
    Map<String, String> filled =
        Map.of(
            "make",
            "Skoda",
            "model",
            "Octavia",
            "modelYear",
            "2021",
            "mileage",
            "34000",
            "price",
            "18750.00",
            "dealership",
            "BER");
    filled.forEach((name, value) -> browser.type(By.id("listing-" + name), value));
    browser.click(By.id("listing-submit"));
    browser.textIn(By.cssSelector("#listing-result .alert"), "vin:");
    assertEquals(
        0L,
        ForecourtServer.queryLong(
            "select count(*) from vehicle where vin = '" + wrongCheckDigit + "'"));
    browser.type(By.id("listing-vin"), vin);
    browser.click(By.id("listing-submit"));
    browser.visible(By.id("vehicle-mileage"));
    long id = ForecourtServer.queryLong("select id from vehicle where vin = '" + vin + "'");
    assertTrue(
        browser.driver().getCurrentUrl().endsWith("#/inventory/" + id), "the new vehicle's page");
    as("manager")
        .get("/vehicles/{id}", id)
        .then()
        .body("model", equalTo("Octavia"))
        .body("mileage", equalTo(34000))
        .body("dealershipCode", equalTo("BER"))
        .body("status", equalTo("AVAILABLE"));
    browser.visible(By.id("test-drives-table"));

    // a photo: uploaded from a file, shown; a file that only claims to be a photo is refused
    Path photo = Files.createDirectories(Path.of("target/console-files")).resolve("golf.png");
    Files.write(photo, PhotosIT.image("png", 320, 200));
    browser.driver().findElement(By.id("photo-file")).sendKeys(photo.toAbsolutePath().toString());
    browser.click(By.id("photo-upload"));
    browser.textIn(By.id("photo-result"), "Photo added");
    // the photo shows, once the browser has loaded it
    long width =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
            .until(
                d -> {
                  Object w =
                      browser
                          .driver()
                          .executeScript(
                              "const img = document.querySelector('#photos img');"
                                  + " return img && img.complete ? img.naturalWidth : 0");
                  return ((Number) w).longValue() > 0 ? ((Number) w).longValue() : null;
                });
    assertEquals(320L, width, "the photo shows");
    as("manager").get("/vehicles/{id}/photos", id).then().body("width", hasItem(320));
    Path fake = photo.resolveSibling("not-a-photo.jpg");
    Files.writeString(fake, "MZ this is a program, not a photo");
    browser.driver().findElement(By.id("photo-file")).sendKeys(fake.toAbsolutePath().toString());
    browser.click(By.id("photo-upload"));
    browser.textIn(By.id("photo-result"), "not a JPEG, PNG or WebP image");
    assertEquals(1, as("manager").get("/vehicles/{id}/photos", id).jsonPath().getList("$").size());
    browser.screenshot("vehicle");
    browser.type(By.id("vehicle-mileage"), "4321");
    browser.type(By.id("vehicle-price"), "13990.00");
    browser.click(By.id("vehicle-save"));
    browser.textIn(By.id("vehicle-result"), "Saved");
    as("manager").get("/vehicles/{id}", id).then().body("mileage", equalTo(4321));
    // the price history: the first listing, then this change
    browser.textIn(By.id("price-history-table"), "13,990 EUR");
    List<List<String>> prices = browser.rows(By.id("price-history-table"));
    assertEquals(2, prices.size(), prices::toString);
    assertEquals("first listing", prices.get(0).get(1));
    assertEquals("13,990 EUR", prices.get(1).get(2));
    as("manager").get("/vehicles/{id}/price-history", id).then().body("size()", equalTo(2));

    // someone else changes it meanwhile: the console's save is refused (412) and reloaded
    Vehicles.put(id, Map.of("mileage", 5000)).then().statusCode(200);
    browser.type(By.id("vehicle-mileage"), "4400");
    browser.click(By.id("vehicle-save"));
    browser.textIn(By.id("vehicle-result"), "Someone changed this vehicle meanwhile");
    assertEquals("5000", browser.visible(By.id("vehicle-mileage")).getAttribute("value"));
    as("manager").get("/vehicles/{id}", id).then().body("mileage", equalTo(5000));
  }

  @Test
  void aLeadIsMovedAlongTheFunnelBoard() {
    long lead = Leads.create("sales");
    signIn("sales", Accounts.demoPassword());
    browser.open(console() + "#/leads?dealership=BER");
    browser.visible(By.cssSelector("#leads-NEW #lead-" + lead));
    browser.screenshot("leads");
    browser.click(By.cssSelector("#lead-" + lead + " button[data-to='CONTACTED']"));
    browser.textIn(By.id("lead-result"), "Lead #" + lead + " moved to CONTACTED");
    browser.visible(By.cssSelector("#leads-CONTACTED #lead-" + lead));
    browser.click(By.cssSelector("#lead-" + lead + " button[data-to='QUALIFIED']"));
    browser.textIn(By.id("lead-result"), "moved to QUALIFIED");
    as("sales").get("/leads/{id}", lead).then().body("status", equalTo("QUALIFIED"));

    // moved by someone else meanwhile: refused (412), the board shows the lead's real stage
    Leads.advance("sales", lead, "TEST_DRIVE");
    browser.click(By.cssSelector("#lead-" + lead + " button[data-to='LOST']"));
    browser.driver().switchTo().alert().sendKeys("Bought elsewhere");
    browser.driver().switchTo().alert().accept();
    browser.textIn(By.id("lead-result"), "was changed by someone else meanwhile");
    browser.visible(By.cssSelector("#leads-TEST_DRIVE #lead-" + lead));
    as("sales").get("/leads/{id}", lead).then().body("status", equalTo("TEST_DRIVE"));

    // the lead's page: an activity recorded
    browser.click(By.cssSelector("#lead-" + lead + " a[href='#/leads/" + lead + "']"));
    browser.textIn(By.cssSelector("main h1"), "Lead #" + lead);
    new org.openqa.selenium.support.ui.Select(browser.visible(By.id("activity-kind")))
        .selectByValue("CALL");
    browser.type(By.id("activity-note"), "Called back about the trade-in");
    browser.click(By.id("activity-add"));
    browser.textIn(By.id("lead-detail-result"), "CALL added");
    browser.textIn(By.id("activities-table"), "Called back about the trade-in");
    as("sales")
        .get("/leads/{id}/activities", lead)
        .then()
        .body("note", hasItem("Called back about the trade-in"));
  }

  @Test
  void aTestDriveIsCancelledAndDealsAreClosedFromTheirScreens() {
    long vehicle = Vehicles.createAt("BER", "Passat", "23500.00");
    long lead = Leads.qualified("sales");
    String startsAt =
        Instant.now().truncatedTo(ChronoUnit.HOURS).plus(24 + 63, ChronoUnit.HOURS).toString();
    long drive = Leads.bookedTestDrive(lead, vehicle, startsAt, 30);
    signIn("sales", Accounts.demoPassword());
    browser.open(console() + "#/test-drives?from=" + startsAt.substring(0, 10));
    browser.visible(By.cssSelector("#drives-table button[data-drive='" + drive + "']"));
    assertTrue(
        browser.rows(By.id("drives-table")).stream()
            .anyMatch(
                row ->
                    row.get(0).equals(startsAt)
                        && row.get(2).equals("#" + vehicle)
                        && row.get(6).equals("SCHEDULED")),
        "the booking's row");
    browser.screenshot("test-drives");
    browser.click(By.cssSelector("#drives-table button[data-drive='" + drive + "']"));
    browser.textIn(By.id("drives-result"), "Test drive #" + drive + " cancelled");
    as("sales")
        .queryParam("vehicleId", vehicle)
        .get("/test-drives")
        .then()
        .body("id", not(hasItem((int) drive)));

    // a deal closed from the list: the vehicle is sold
    long deal = Leads.openDeal(lead, vehicle, "23000.00");
    browser.open(console() + "#/deals?status=RESERVED");
    browser.visible(By.cssSelector("button.close-deal[data-deal='" + deal + "']"));
    browser.screenshot("deals");
    browser.click(By.cssSelector("button.close-deal[data-deal='" + deal + "']"));
    browser.textIn(By.id("deal-result"), "Deal #" + deal + " closed");
    as("sales").get("/deals/{id}", deal).then().body("status", equalTo("CLOSED"));
    as("sales").get("/vehicles/{id}", vehicle).then().body("status", equalTo("SOLD"));

    // cancelled by someone else meanwhile: refused (412), the list shows the deal as it is
    long other =
        Leads.openDeal(
            Leads.qualified("sales"), Vehicles.createAt("BER", "Polo", "15500.00"), "15000.00");
    // another address than the list above (the same one would not load the screen again)
    browser.open(console() + "#/deals?status=RESERVED&dealership=BER");
    browser.visible(By.cssSelector("button.close-deal[data-deal='" + other + "']"));
    Leads.cancel(as("sales"), other).then().statusCode(200);
    browser.click(By.cssSelector("button.close-deal[data-deal='" + other + "']"));
    browser.textIn(By.id("deal-result"), "was changed by someone else meanwhile");
    as("sales").get("/deals/{id}", other).then().body("status", equalTo("CANCELLED"));
  }

  @Test
  void aDeadLetterIsRedeliveredFromTheConsole() {
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.limit", "1");
    try (WebhookReceiver receiver = new WebhookReceiver().failing(d -> true)) {
      long subscription = receiver.subscribe(() -> as("admin"), List.of("lead.created"));
      long lead = Leads.create("sales");
      String eventId =
          ForecourtServer.queryString(
              "select id from outbox_event where type = 'lead.created' and aggregate_id = '"
                  + lead
                  + "'");
      Poll.until(
          Duration.ofSeconds(60),
          () -> as("admin").get("/admin/dlq").jsonPath().getList("eventId").contains(eventId),
          "a dead letter for event " + eventId);
      String jobId =
          as("admin")
              .get("/admin/dlq")
              .jsonPath()
              .getString("find { it.eventId == '" + eventId + "' }.jobId");
      receiver.failing(d -> false);

      signIn("admin", Accounts.demoPassword());
      browser.open(console() + "#/dead-letters");
      browser.textIn(By.cssSelector("main h1"), "Dead letters");
      browser.screenshot("dead-letters");
      browser.click(By.cssSelector("button.redeliver[data-job='" + jobId + "']"));
      browser.textIn(By.id("dlq-result"), "redelivered");
      Poll.until(
          Duration.ofSeconds(30),
          () -> receiver.processed().contains(eventId),
          "the redelivered event reaches the receiver");
      as("admin").get("/admin/dlq").then().body("jobId", not(hasItem(jobId)));
      as("admin").delete("/webhooks/{id}", subscription);
    } finally {
      ForecourtServer.removeConfigProperty("forecourt.webhooks.redelivery.limit");
    }
  }

  @Test
  void aConfigurationChangeIsRefusedWithTheReasonThenAccepted() {
    signIn("admin", Accounts.demoPassword());
    browser.click(By.cssSelector("a[href='#/settings']"));
    browser.textIn(By.cssSelector("main h1"), "Settings");
    new org.openqa.selenium.support.ui.Select(browser.visible(By.id("setting-key")))
        .selectByValue(RATE_KEY);
    browser.type(By.id("setting-value"), "-5");
    browser.click(By.id("setting-save"));
    browser.textIn(By.id("setting-result"), "Refused");
    assertTrue(
        browser.visible(By.id("setting-result")).getText().contains(RATE_KEY),
        "the reason names the key: " + browser.visible(By.id("setting-result")).getText());
    browser.screenshot("settings-refused");
    RestAssured.given()
        .baseUri(ForecourtServer.baseUri().toString())
        .get("/api/v1/ping")
        .then()
        .header("RateLimit-Limit", not(equalTo("-5")));

    try {
      browser.type(By.id("setting-value"), "777");
      browser.click(By.id("setting-save"));
      browser.textIn(By.id("setting-result"), RATE_KEY + " changed");
      List<String> row =
          browser.rows(By.id("settings-table")).stream()
              .filter(r -> r.get(0).equals(RATE_KEY))
              .findFirst()
              .orElseThrow();
      assertEquals("777", row.get(2));
      as("admin")
          .get("/admin/settings")
          .then()
          .body("find { it.key == '" + RATE_KEY + "' }.value", equalTo("777"));
      browser.screenshot("settings-accepted");
      browser.click(By.id("setting-reset"));
      browser.textIn(By.id("setting-result"), "server’s value again");
    } finally {
      as("admin").delete("/admin/settings/{key}", RATE_KEY);
    }
  }

  @Test
  void aRequestThatChangesStateNeedsTheSessionsCsrfToken() throws Exception {
    // the API: the cookie alone does not change anything
    Response signedIn =
        RestAssured.given()
            .baseUri(ForecourtServer.baseUri().toString())
            .contentType(ContentType.JSON)
            .body(Map.of("username", "admin", "password", Accounts.demoPassword()))
            .post("/api/v1/auth/session");
    signedIn.then().statusCode(200).header("Cache-Control", containsString("no-store"));
    String cookie = signedIn.getCookie("forecourt-session");
    String csrf = signedIn.path("csrfToken");
    assertTrue(
        signedIn.getHeaders().getValues("Set-Cookie").stream()
            .allMatch(c -> c.contains("HttpOnly") && c.contains("SameSite=Strict")),
        signedIn.getHeaders().getValues("Set-Cookie")::toString);
    assertFalse(signedIn.asString().contains(cookie), "the token is in no body");
    for (String sent : new String[] {null, "", "forged", csrf + "x"}) {
      var request =
          RestAssured.given()
              .baseUri(ForecourtServer.baseUri().toString())
              .cookie("forecourt-session", cookie)
              .contentType(ContentType.JSON)
              .body(Map.of("value", "778"));
      if (sent != null) {
        request.header("X-CSRF-Token", sent);
      }
      request
          .put("/api/v1/admin/settings/{key}", RATE_KEY)
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("type", equalTo(PROBLEMS + "csrf-token-invalid"));
    }
    as("admin")
        .get("/admin/settings")
        .then()
        .body("find { it.key == '" + RATE_KEY + "' }.value", not(equalTo("778")));
    // a read needs no token; with the token the change goes through
    RestAssured.given()
        .baseUri(ForecourtServer.baseUri().toString())
        .cookie("forecourt-session", cookie)
        .get("/api/v1/auth/session")
        .then()
        .statusCode(200)
        .body("name", equalTo("admin"))
        .body("csrfToken", equalTo(csrf));
    try {
      RestAssured.given()
          .baseUri(ForecourtServer.baseUri().toString())
          .cookie("forecourt-session", cookie)
          .header("X-CSRF-Token", csrf)
          .contentType(ContentType.JSON)
          .body(Map.of("value", "778"))
          .put("/api/v1/admin/settings/{key}", RATE_KEY)
          .then()
          .statusCode(200);
    } finally {
      as("admin").delete("/admin/settings/{key}", RATE_KEY);
    }

    // the browser: a page of another origin posts a form to Forecourt while the admin is signed
    // in; the browser sends the cookie along (same site), the server refuses it without the token
    signIn("admin", Accounts.demoPassword());
    long enrolments = enrolments("admin");
    HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page =
        ("<!DOCTYPE html><html lang=en><title>Win a car</title><form id=f method=post action='"
                + ForecourtServer.baseUri()
                + "/api/v1/auth/2fa/enrol'><button id=go>Claim</button></form></html>")
            .getBytes(StandardCharsets.UTF_8);
    attacker.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    attacker.start();
    try {
      browser.open("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
      browser.click(By.id("go"));
      browser.textIn(By.tagName("body"), "csrf-token-invalid");
      assertEquals(enrolments, enrolments("admin"), "nothing changed");
    } finally {
      attacker.stop(0);
    }
  }

  @Test
  void theConsoleIsServedUnderAStrictContentSecurityPolicy() {
    Response page =
        RestAssured.given().baseUri(ForecourtServer.baseUri().toString()).get("/console/");
    page.then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
    String policy = page.getHeader("Content-Security-Policy");
    assertTrue(policy.contains("script-src 'self'") && policy.contains("style-src 'self'"), policy);
    assertFalse(policy.contains("unsafe-"), policy);
    String html = page.asString();
    assertFalse(html.contains("<script>") || html.contains(" style="), "no inline script or style");
    String chart = html.replaceAll("(?s).*src=\"(lib/chart\\.js/[^\"]+)\".*", "$1");
    RestAssured.given()
        .baseUri(ForecourtServer.baseUri().toString())
        .get("/console/" + chart)
        .then()
        .statusCode(200)
        .header("Cache-Control", containsString("immutable"));

    // the browser's side (no CSP message over every screen): with axe-core's walk below
  }

  @Test
  @SuppressWarnings("unchecked")
  void installableAndThePublicInventoryReadsOfflineAsLastSeen() {
    // installable: a manifest with the icons a browser asks for, a service worker
    RestAssured.given()
        .baseUri(ForecourtServer.baseUri().toString())
        .get("/console/manifest.webmanifest")
        .then()
        .statusCode(200)
        .body("start_url", equalTo("/console/"))
        .body("display", equalTo("standalone"))
        .body("icons.sizes", hasItem("512x512"));
    long id = Vehicles.createAt("MUC", "Corolla", "23456.00");
    // the browser reaches the server through a port that can be closed: "offline"
    try (TcpForwarder link = new TcpForwarder(ForecourtServer.baseUri())) {
      String origin = "http://127.0.0.1:" + link.port();
      signIn(origin, "manager", Accounts.demoPassword());
      String inventory = origin + "/console/#/inventory?model=Corolla&dealership=MUC";
      browser.open(inventory);
      browser.visible(By.cssSelector("#vehicles-table a[href='#/inventory/" + id + "']"));
      new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      browser
                          .driver()
                          .executeScript("return navigator.serviceWorker.controller !== null")));
      browser.driver().navigate().refresh(); // now through the service worker
      browser.visible(By.cssSelector("#vehicles-table a[href='#/inventory/" + id + "']"));
      new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
          .until(d -> cachedUrls().stream().anyMatch(u -> u.contains("model=Corolla")));

      link.close();
      browser.driver().navigate().refresh();
      browser.textIn(By.id("stale"), "Offline");
      browser.visible(By.cssSelector("#vehicles-table a[href='#/inventory/" + id + "']"));
      browser.screenshot("offline-inventory");
      // nothing a signed-in caller got is in the caches: only the shell and public reads
      for (String url : cachedUrls()) {
        assertTrue(
            !url.contains("/api/") || url.matches(".*/api/v1/(vehicles|dealerships)([/?].*)?"),
            url);
      }
    }
  }

  /** Every URL in the console's caches (service worker). */
  @SuppressWarnings("unchecked")
  private static List<String> cachedUrls() {
    return (List<String>)
        browser
            .driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "caches.keys().then(names => Promise.all(names.map(n => caches.open(n)"
                    + ".then(c => c.keys())))).then(all => done(all.flat().map(r => r.url)))"
                    + ".catch(e => done([String(e)]));");
  }

  /**
   * Every screen, once: axe-core finds no serious or critical violation, and the browser reports no
   * Content-Security-Policy violation on the way.
   */
  @Test
  void everyScreenPassesAxeCoreWithoutACspViolation() {
    browser.consoleMessages(); // forget earlier messages
    browser.open("about:blank");
    browser.open(console());
    browser.visible(By.id("username"));
    assertEquals(List.of(), browser.seriousAccessibilityViolations(), "sign-in");
    signIn("admin", Accounts.demoPassword());
    for (String screen : SCREENS) {
      browser.open(console() + "#/" + screen);
      browser.visible(By.cssSelector("main h1"));
      browser.visible(By.cssSelector(SCREEN_CONTENT));
      assertEquals(List.of(), browser.seriousAccessibilityViolations(), screen);
    }
    List<String> messages = browser.consoleMessages();
    assertTrue(
        messages.stream().noneMatch(m -> m.contains("Content Security Policy")),
        messages::toString);
  }

  private static void closedDealAtBerlinThisMonth() {
    long vehicle = Vehicles.createAt("BER", "Golf", "21990.00");
    long lead = Leads.qualified("sales");
    Leads.closedDeal(lead, vehicle, "21490.00");
  }

  private static long enrolments(String username) {
    return ForecourtServer.queryLong(
        "select count(*) from user_account where username = '"
            + username
            + "' and totp_secret is not null");
  }

  private static String code(String secret, long step) throws Exception {
    return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
  }
}
