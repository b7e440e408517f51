package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static dev.forecourt.systemtest.support.Accounts.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * User administration of local accounts on the deployed EAR: an admin creates an account, its
 * holder sets a password through the mailed invitation and signs in; managers create and change
 * sales staff of their own dealerships only; a change of roles refuses the older access tokens and
 * a refresh carries the new roles; a disabled account cannot sign in or refresh and its access
 * tokens are refused (at once on this node, within the token cut-off cache TTL when another node
 * changed it); enabling restores sign-in; a second factor is reset; the list is searched and paged;
 * every bad input gets its exact status and problem type; every change is audited.
 */
@ExtendWith(ForecourtServer.class)
class UserAdministrationIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final Pattern LINK =
      Pattern.compile("reset-password\\?token=(fcp_[A-Za-z0-9_-]{43})");
  private static final String PASSWORD = "Users-Password-1";

  /**
   * forecourt.security.token-cutoffs.cache-ttl (PT10S by default) plus a margin for a busy machine.
   */
  private static final Duration CUTOFF_BOUND = Duration.ofSeconds(10 + 10);

  @Test
  void anInvitedUserSetsAPasswordThroughTheMailedLinkAndSignsIn() throws Exception {
    String name = unique("invited");
    Response created =
        as("admin")
            .contentType(ContentType.JSON)
            .body(draft(name, name + "@dealer.example", List.of("sales"), List.of("BER")))
            .post("/users");
    created
        .then()
        .statusCode(201)
        .header("ETag", notNullValue())
        .header("Location", containsString("/api/v1/users/"))
        .body("username", equalTo(name))
        .body("email", equalTo(name + "@dealer.example"))
        .body("roles", equalTo(List.of("sales")))
        .body("dealerships", equalTo(List.of("BER")))
        .body("enabled", equalTo(true))
        .body("twoFactor", equalTo(false));
    long id = created.jsonPath().getLong("id");
    as("admin")
        .get(created.header("Location"))
        .then()
        .statusCode(200)
        .body("username", equalTo(name))
        .header("ETag", equalTo(created.header("ETag")));

    MimeMessage mail = mailTo(name + "@dealer.example");
    assertEquals("Your Forecourt account", mail.getSubject());
    String body = bodyOf(mail);
    assertTrue(
        body.contains("admin has created a Forecourt account for you")
            && body.contains("within 3 days"),
        body);
    Matcher link = LINK.matcher(body);
    assertTrue(link.find(), "the invitation holds the set-password link: " + body);
    String token = link.group(1);

    Accounts.login(name, PASSWORD)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "authentication-failed"));
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("token", token, "newPassword", PASSWORD))
        .post("/auth/password-reset/confirm")
        .then()
        .statusCode(204);
    String access =
        Accounts.login(name, PASSWORD).then().statusCode(200).extract().path("access_token");
    bearer(access)
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("groups", equalTo(List.of("sales")));
    // the link works once
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("token", token, "newPassword", "Other-Password-2"))
        .post("/auth/password-reset/confirm")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-reset-token"));

    audited(id, "create", "SUCCESS", "admin");
  }

  @Test
  void managersManageTheSalesStaffOfTheirOwnDealershipsOnly() {
    // the demo manager has BER and MUC
    String name = unique("mgd");
    Response created =
        as("manager")
            .contentType(ContentType.JSON)
            .body(draft(name, name + "@dealer.example", List.of("sales"), List.of("BER")))
            .post("/users");
    created.then().statusCode(201).body("roles", equalTo(List.of("sales")));
    long id = created.jsonPath().getLong("id");
    audited(id, "create", "SUCCESS", "manager");

    String other = unique("mgd-refused");
    as("manager")
        .contentType(ContentType.JSON)
        .body(draft(other, other + "@dealer.example", List.of("sales"), List.of("VIE")))
        .post("/users")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager")
        .contentType(ContentType.JSON)
        .body(draft(other, other + "@dealer.example", List.of("admin"), List.of("BER")))
        .post("/users")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager")
        .contentType(ContentType.JSON)
        .body(draft(other, other + "@dealer.example", List.of("sales", "manager"), List.of("BER")))
        .post("/users")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager")
        .contentType(ContentType.JSON)
        .body(draft(other, other + "@dealer.example", List.of("sales"), List.of()))
        .post("/users")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors[0].field", equalTo("dealerships"));
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from user_account where username = '" + other + "'"));
    assertTrue(
        ForecourtServer.queryLong(
                "select count(*) from audit_record where subject = 'manager' and entity_type = 'user'"
                    + " and action = 'create' and outcome = 'FAILURE' and error = 'forbidden'")
            >= 3,
        "refused creations are audited");

    // moving their salesperson between their own dealerships works, to another one does not
    String etag =
        as("manager").get("/users/{id}", id).then().statusCode(200).extract().header("ETag");
    Response moved =
        as("manager")
            .contentType(ContentType.JSON)
            .header("If-Match", etag)
            .body(Map.of("roles", List.of("sales"), "dealerships", List.of("MUC")))
            .put("/users/{id}/access", id);
    moved.then().statusCode(200).body("dealerships", equalTo(List.of("MUC")));
    as("manager")
        .contentType(ContentType.JSON)
        .header("If-Match", moved.header("ETag"))
        .body(Map.of("roles", List.of("sales"), "dealerships", List.of("VIE")))
        .put("/users/{id}/access", id)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager")
        .contentType(ContentType.JSON)
        .header("If-Match", moved.header("ETag"))
        .body(Map.of("roles", List.of("manager"), "dealerships", List.of("MUC")))
        .put("/users/{id}/access", id)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager")
        .post("/users/{id}/disable", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false));
    as("manager")
        .post("/users/{id}/enable", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true));

    // accounts that are not sales staff of their dealerships are out of reach
    long admin = ForecourtServer.queryLong("select id from user_account where username = 'admin'");
    long manager =
        ForecourtServer.queryLong("select id from user_account where username = 'manager'");
    long vienna = createAsAdmin(unique("vie"), List.of("sales"), List.of("VIE")).getLong("id");
    for (long out : List.of(admin, manager, vienna)) {
      as("manager")
          .get("/users/{id}", out)
          .then()
          .statusCode(403)
          .body("type", equalTo(PROBLEMS + "forbidden"));
      as("manager")
          .post("/users/{id}/disable", out)
          .then()
          .statusCode(403)
          .body("type", equalTo(PROBLEMS + "forbidden"));
      as("manager")
          .delete("/users/{id}/two-factor", out)
          .then()
          .statusCode(403)
          .body("type", equalTo(PROBLEMS + "forbidden"));
    }
    assertEquals(
        1,
        ForecourtServer.queryLong(
            "select count(*) from user_account where username = 'admin' and enabled"));

    // sales staff and anonymous callers administer nobody
    as("sales").get("/users").then().statusCode(403).body("type", equalTo(PROBLEMS + "forbidden"));
    as("sales")
        .get("/users/{id}", id)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("sales")
        .contentType(ContentType.JSON)
        .body(draft(other, other + "@dealer.example", List.of("sales"), List.of("BER")))
        .post("/users")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    anonymous()
        .get("/users")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    anonymous()
        .post("/users/{id}/disable", id)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
  }

  @Test
  void aChangeOfRolesRefusesOlderTokensAndARefreshCarriesTheNewRoles() {
    String name = unique("roles");
    long id = localUser(name);
    JsonPath pair = Accounts.login(name, PASSWORD).then().statusCode(200).extract().jsonPath();
    String before = pair.getString("access_token");
    bearer(before).get("/users").then().statusCode(403);

    String etag =
        as("admin").get("/users/{id}", id).then().statusCode(200).extract().header("ETag");
    Response changed =
        as("admin")
            .contentType(ContentType.JSON)
            .header("If-Match", etag)
            .body(Map.of("roles", List.of("manager"), "dealerships", List.of("BER", "MUC")))
            .put("/users/{id}/access", id);
    changed
        .then()
        .statusCode(200)
        .body("roles", equalTo(List.of("manager")))
        .body("dealerships", equalTo(List.of("BER", "MUC")));
    assertNotEquals(etag, changed.header("ETag"));
    audited(id, "change-access", "SUCCESS", "admin");

    awaitRefused(before);
    String after =
        anonymous()
            .contentType(ContentType.JSON)
            .body(Map.of("refresh_token", pair.getString("refresh_token")))
            .post("/auth/refresh")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    bearer(after)
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("groups", equalTo(List.of("manager")));
    bearer(after).get("/users").then().statusCode(200);

    // If-Match: required, and stale is refused
    Map<String, Object> access = Map.of("roles", List.of("sales"), "dealerships", List.of("BER"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(access)
        .put("/users/{id}/access", id)
        .then()
        .statusCode(428)
        .body("type", equalTo(PROBLEMS + "precondition-required"));
    as("admin")
        .contentType(ContentType.JSON)
        .header("If-Match", etag)
        .body(access)
        .put("/users/{id}/access", id)
        .then()
        .statusCode(412)
        .body("type", equalTo(PROBLEMS + "precondition-failed"));
    as("admin")
        .contentType(ContentType.JSON)
        .header("If-Match", "\"not-a-version\"")
        .body(access)
        .put("/users/{id}/access", id)
        .then()
        .statusCode(412)
        .body("type", equalTo(PROBLEMS + "precondition-failed"));
    // nobody changes their own access here
    long admin = ForecourtServer.queryLong("select id from user_account where username = 'admin'");
    String adminTag =
        as("admin").get("/users/{id}", admin).then().statusCode(200).extract().header("ETag");
    as("admin")
        .contentType(ContentType.JSON)
        .header("If-Match", adminTag)
        .body(access)
        .put("/users/{id}/access", admin)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "conflict"));
  }

  @Test
  void aDisabledUserCannotSignInRefreshOrUseTheirTokensUntilEnabled() {
    String name = unique("disabled");
    long id = localUser(name);
    JsonPath pair = Accounts.login(name, PASSWORD).then().statusCode(200).extract().jsonPath();
    String access = pair.getString("access_token");
    bearer(access).get("/auth/me").then().statusCode(200);

    as("admin")
        .post("/users/{id}/disable", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("disabledAt", notNullValue());
    audited(id, "disable", "SUCCESS", "admin");
    Accounts.login(name, PASSWORD)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "authentication-failed"));
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("refresh_token", pair.getString("refresh_token")))
        .post("/auth/refresh")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from refresh_token t join user_account u on u.id = t.user_id"
                + " where u.username = '"
                + name
                + "' and t.revoked_at is null"),
        "every refresh token is revoked");
    awaitRefused(access);
    as("admin")
        .queryParam("status", "disabled")
        .queryParam("q", name)
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.username", equalTo(List.of(name)));

    as("admin")
        .post("/users/{id}/enable", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true));
    audited(id, "enable", "SUCCESS", "admin");
    String fresh =
        Accounts.login(name, PASSWORD).then().statusCode(200).extract().path("access_token");
    bearer(fresh).get("/auth/me").then().statusCode(200).body("name", equalTo(name));
    bearer(access)
        .get("/auth/me")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));

    // nobody disables their own account
    long admin = ForecourtServer.queryLong("select id from user_account where username = 'admin'");
    as("admin")
        .post("/users/{id}/disable", admin)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "conflict"));
  }

  @Test
  void aDisableMadeByAnotherNodeRefusesTokensWithinTheCacheLifetime() {
    String name = unique("elsewhere");
    long id = localUser(name);
    String access =
        Accounts.login(name, PASSWORD).then().statusCode(200).extract().path("access_token");
    bearer(access).get("/auth/me").then().statusCode(200);
    // what another node's disable leaves in the shared database, without this node's invalidation
    try (java.sql.Connection c = ForecourtServer.dataSource().getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "update user_account set enabled = false, disabled_at = now(), token_generation = token_generation + 1,"
                    + " tokens_changed_at = now() where id = ?")) {
      ps.setLong(1, id);
      assertEquals(1, ps.executeUpdate());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    awaitRefused(access);
    as("admin")
        .post("/users/{id}/enable", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true));
    String fresh =
        Accounts.login(name, PASSWORD).then().statusCode(200).extract().path("access_token");
    bearer(fresh).get("/auth/me").then().statusCode(200);
  }

  @Test
  void anAdminOrTheirManagerResetsTheSecondFactor() throws Exception {
    String name = unique("totp");
    long id = localUser(name);
    String access =
        Accounts.login(name, PASSWORD).then().statusCode(200).extract().path("access_token");
    String secret =
        bearer(access).post("/auth/2fa/enrol").then().statusCode(200).extract().path("secret");
    long step = System.currentTimeMillis() / 30_000;
    bearer(access)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "code", new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step)))
        .post("/auth/2fa/confirm")
        .then()
        .statusCode(200);
    Accounts.login(name, PASSWORD)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "totp-required"));
    as("admin").get("/users/{id}", id).then().statusCode(200).body("twoFactor", equalTo(true));

    // the demo manager has BER, the account's only dealership
    as("manager").delete("/users/{id}/two-factor", id).then().statusCode(204);
    audited(id, "2fa-reset", "SUCCESS", "manager");
    as("admin").get("/users/{id}", id).then().statusCode(200).body("twoFactor", equalTo(false));
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from recovery_code r join user_account u on u.id = r.user_id"
                + " where u.username = '"
                + name
                + "'"),
        "the recovery codes are gone");
    Accounts.login(name, PASSWORD).then().statusCode(200);
    as("admin").delete("/users/{id}/two-factor", id).then().statusCode(204);
  }

  @Test
  void theListIsSearchedAndPaged() {
    String tag = "srch" + UUID.randomUUID().toString().substring(0, 6);
    // ids as JSON numbers read them (Integer, the test database's ids are small)
    int a = createAsAdmin(tag + "-a", List.of("sales"), List.of("BER")).getInt("id");
    int b = createAsAdmin(tag + "-b", List.of("manager"), List.of("MUC")).getInt("id");
    int c = createAsAdmin(tag + "-c", List.of("sales"), List.of("VIE")).getInt("id");

    as("admin")
        .queryParam("q", tag.toUpperCase())
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(c, b, a)));
    as("admin")
        .queryParam("q", "@" + tag)
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of()));
    as("admin")
        .queryParam("q", tag)
        .queryParam("role", "manager")
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(b)));
    as("admin")
        .queryParam("q", tag)
        .queryParam("dealership", "VIE")
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(c)));
    as("admin")
        .queryParam("q", tag)
        .queryParam("status", "ENABLED")
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(c, b, a)));
    as("admin")
        .queryParam("q", tag)
        .queryParam("status", "disabled")
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of()));
    // a fragment of the address; LIKE wildcards are taken literally
    as("admin")
        .queryParam("q", tag + "-a@dealer")
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(a)));
    as("admin")
        .queryParam("q", tag + "_a")
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of()));
    as("admin")
        .queryParam("q", "%")
        .get("/users")
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()));

    Response first = as("admin").queryParam("q", tag).queryParam("limit", 2).get("/users");
    first
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(c, b)))
        .header("Link", containsString("rel=\"next\""));
    String cursor = first.path("nextCursor");
    as("admin")
        .queryParam("q", tag)
        .queryParam("limit", 2)
        .queryParam("cursor", cursor)
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(a)));

    // a manager (BER, MUC) sees sales staff of their dealerships only
    as("manager")
        .queryParam("q", tag)
        .get("/users")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(a)));
    as("manager")
        .get("/users?limit=100")
        .then()
        .statusCode(200)
        .body("items.roles", everyItem(equalTo(List.of("sales"))))
        .body("items.dealerships.flatten()", everyItem(in(Set.of("BER", "MUC"))))
        .body("items.username", not(hasItem("admin")));
    as("manager")
        .get("/users?dealership=VIE")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
  }

  @Test
  void everyBadInputGetsItsStatusAndProblemType() {
    String name = unique("bad");
    createAsAdmin(name, List.of("sales"), List.of("BER"));
    Supplier<RequestSpecification> admin = () -> as("admin").contentType(ContentType.JSON);

    assertValidation(
        admin.get().body("{}").post("/users"), "dealerships", "email", "roles", "username");
    assertValidation(
        admin
            .get()
            .body(draft(unique("x"), "not-an-address", List.of("sales"), List.of("BER")))
            .post("/users"),
        "email");
    assertValidation(
        admin
            .get()
            .body(
                draft(
                    "has space", unique("x") + "@dealer.example", List.of("sales"), List.of("BER")))
            .post("/users"),
        "username");
    assertValidation(
        admin
            .get()
            .body(
                draft(
                    "x".repeat(101),
                    unique("x") + "@dealer.example",
                    List.of("sales"),
                    List.of("BER")))
            .post("/users"),
        "username");
    assertValidation(
        admin
            .get()
            .body(draft(unique("x"), unique("x") + "@dealer.example", List.of(), List.of("BER")))
            .post("/users"),
        "roles");
    assertValidation(
        admin
            .get()
            .body(
                draft(
                    unique("x"),
                    unique("x") + "@dealer.example",
                    List.of("wizard"),
                    List.of("BER")))
            .post("/users"),
        "roles");
    assertValidation(
        admin
            .get()
            .body(
                draft(
                    unique("x"),
                    unique("x") + "@dealer.example",
                    List.of("integrator"),
                    List.of("BER")))
            .post("/users"),
        "roles");
    assertValidation(
        admin
            .get()
            .body(
                draft(
                    unique("x"), unique("x") + "@dealer.example", List.of("sales"), List.of("XXX")))
            .post("/users"),
        "dealerships");
    admin
        .get()
        .body("")
        .post("/users")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    admin
        .get()
        .body("{\"username\": ")
        .post("/users")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    admin
        .get()
        .body("{\"username\": \"x\", \"roles\": \"sales\"}")
        .post("/users")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));

    // duplicates: the username in any case, the address in any case
    admin
        .get()
        .body(
            draft(
                name.toUpperCase(),
                unique("x") + "@dealer.example",
                List.of("sales"),
                List.of("BER")))
        .post("/users")
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "duplicate"));
    admin
        .get()
        .body(
            draft(
                unique("x"),
                name.toUpperCase() + "@DEALER.example",
                List.of("sales"),
                List.of("BER")))
        .post("/users")
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "duplicate"));

    // unknown accounts
    long unknown = 999_999_999_999L;
    as("admin")
        .get("/users/{id}", unknown)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .post("/users/{id}/disable", unknown)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .post("/users/{id}/enable", unknown)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .delete("/users/{id}/two-factor", unknown)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    admin
        .get()
        .header("If-Match", "\"0\"")
        .body(Map.of("roles", List.of("sales"), "dealerships", List.of("BER")))
        .put("/users/{id}/access", unknown)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .get("/users/abc")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));

    // a bad change of access
    long id =
        ForecourtServer.queryLong("select id from user_account where username = '" + name + "'");
    String etag =
        as("admin").get("/users/{id}", id).then().statusCode(200).extract().header("ETag");
    assertNotNull(etag);
    assertValidation(
        admin.get().header("If-Match", etag).body("{}").put("/users/{id}/access", id),
        "dealerships",
        "roles");
    assertValidation(
        admin
            .get()
            .header("If-Match", etag)
            .body(Map.of("roles", List.of("boss"), "dealerships", List.of("BER")))
            .put("/users/{id}/access", id),
        "roles");

    // list parameters
    for (List<String> query :
        List.of(
            List.of("limit", "0"),
            List.of("limit", "101"),
            List.of("limit", "x"),
            List.of("cursor", "abc"),
            List.of("cursor", "0"),
            List.of("role", "wizard"),
            List.of("role", "integrator"),
            List.of("status", "maybe"),
            List.of("q", "x".repeat(101)))) {
      as("admin")
          .queryParam(query.get(0), query.get(1))
          .get("/users")
          .then()
          .statusCode(400)
          .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    }
    as("admin")
        .get("/users?dealership=XXX")
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()));
  }

  private static void assertValidation(Response response, String... fields) {
    response
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field.unique().sort()", equalTo(List.of(fields)));
  }

  /** A local account with {@link #PASSWORD} created through the API (invitation, then the link). */
  private static long localUser(String name) {
    long id = createAsAdmin(name, List.of("sales"), List.of("BER")).getLong("id");
    Matcher link = LINK.matcher(bodyOf(mailTo(name + "@dealer.example")));
    assertTrue(link.find());
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("token", link.group(1), "newPassword", PASSWORD))
        .post("/auth/password-reset/confirm")
        .then()
        .statusCode(204);
    return id;
  }

  private static JsonPath createAsAdmin(String name, List<String> roles, List<String> dealerships) {
    return as("admin")
        .contentType(ContentType.JSON)
        .body(draft(name, name + "@dealer.example", roles, dealerships))
        .post("/users")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> draft(
      String username, String email, List<String> roles, List<String> dealerships) {
    return Map.of("username", username, "email", email, "roles", roles, "dealerships", dealerships);
  }

  /**
   * Polls until the access token is refused (401 invalid-token), failing after {@link
   * #CUTOFF_BOUND}.
   */
  private static void awaitRefused(String accessToken) {
    long deadline = System.nanoTime() + CUTOFF_BOUND.toNanos();
    int status;
    do {
      status = bearer(accessToken).get("/auth/me").statusCode();
      if (status == 401) {
        bearer(accessToken)
            .get("/auth/me")
            .then()
            .statusCode(401)
            .body("type", equalTo(PROBLEMS + "invalid-token"));
        return;
      }
      assertEquals(200, status, "until refused, the token is accepted");
      pause();
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "The access token was still accepted " + CUTOFF_BOUND.toSeconds() + " s after the change");
  }

  /** One record of the change in the audit trail, with its outcome and who made it. */
  private static void audited(long id, String action, String outcome, String subject) {
    as("admin")
        .queryParam("entityType", "user")
        .queryParam("entityId", id)
        .queryParam("action", action)
        .get("/admin/audit")
        .then()
        .statusCode(200)
        .body("items.outcome", hasItem(outcome))
        .body("items.subject", hasItem(subject));
  }

  /** The mail to {@code address}, waiting up to 20 s for it. */
  private static MimeMessage mailTo(String address) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      MimeMessage found =
          Arrays.stream(ForecourtServer.mailServer().getReceivedMessages())
              .filter(m -> GreenMailUtil.getAddressList(recipients(m)).contains(address))
              .findFirst()
              .orElse(null);
      if (found != null) {
        return found;
      }
      pause();
    }
    throw new AssertionError("No mail reached " + address + " within 20 s");
  }

  private static String bodyOf(MimeMessage mail) {
    return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
  }

  private static jakarta.mail.Address[] recipients(MimeMessage m) {
    try {
      return m.getAllRecipients();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The poll interval of the waits above (they end at a deadline, not after a fixed time). */
  private static void pause() {
    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
