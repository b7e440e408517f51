package dev.forecourt.systemtest.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the demo users in (their password is the FORECOURT_DEMO_PASSWORD the server under test was
 * started with) and builds requests as them or as nobody.
 */
public final class Accounts {

  private static final Map<String, HeldToken> TOKENS = new ConcurrentHashMap<>();
  private static final java.util.Set<String> ISSUED = ConcurrentHashMap.newKeySet();

  private Accounts() {}

  public static String demoPassword() {
    return System.getProperty(
        "forecourt.systemtest.env.FORECOURT_DEMO_PASSWORD", "Demo-Password-1");
  }

  public static Response login(String username, String password) {
    return anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("username", username, "password", password))
        .post("/auth/login");
  }

  /**
   * An access token of the demo user (admin, manager, sales), kept per test JVM and signed in again
   * when less than a minute of its lifetime is left (a suite on a slow machine outlives a token).
   */
  public static String token(String username) {
    return TOKENS
        .compute(
            username,
            (u, held) -> held != null && Instant.now().isBefore(held.renewAt()) ? held : signIn(u))
        .value();
  }

  /** Forgets the tokens kept (e.g. after their signing key was taken out of use). */
  public static void forgetTokens() {
    TOKENS.clear();
  }

  /** Every access and refresh token the demo users were given in this JVM (for log checks). */
  public static java.util.Set<String> issuedTokens() {
    return java.util.Set.copyOf(ISSUED);
  }

  private static HeldToken signIn(String username) {
    Instant now = Instant.now();
    io.restassured.path.json.JsonPath answer =
        login(username, demoPassword()).then().statusCode(200).extract().jsonPath();
    ISSUED.add(answer.getString("access_token"));
    if (answer.getString("refresh_token") != null) {
      ISSUED.add(answer.getString("refresh_token"));
    }
    long lifetime = answer.getLong("expires_in");
    return new HeldToken(
        answer.getString("access_token"), now.plusSeconds(Math.max(0, lifetime - 60)));
  }

  private record HeldToken(String value, Instant renewAt) {}

  /**
   * Creates a local account straight in the database (faster than the user administration API,
   * which mails an invitation): bcrypt cost 12 like the application, one role, assigned to
   * dealership BER.
   */
  public static void createLocalUser(String username, String email, String password, String role) {
    String hash =
        at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(12, password.toCharArray());
    try (java.sql.Connection c = ForecourtServer.dataSource().getConnection()) {
      long id;
      try (java.sql.ResultSet rs =
          c.createStatement().executeQuery("select nextval('user_account_seq')")) {
        rs.next();
        id = rs.getLong(1);
      }
      try (java.sql.PreparedStatement ps =
          c.prepareStatement(
              "insert into user_account"
                  + " (id, username, email, password_hash, enabled, created_at, version) values (?, ?, ?, ?, true, now(), 0)")) {
        ps.setLong(1, id);
        ps.setString(2, username);
        ps.setString(3, email);
        ps.setString(4, hash);
        ps.executeUpdate();
      }
      try (java.sql.PreparedStatement ps =
          c.prepareStatement("insert into user_account_role (user_id, role) values (?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, role.toUpperCase(java.util.Locale.ROOT));
        ps.executeUpdate();
      }
      try (java.sql.PreparedStatement ps =
          c.prepareStatement(
              "insert into user_account_dealership (user_id, dealership_id)"
                  + " select ?, id from dealership where code = 'BER'")) {
        ps.setLong(1, id);
        ps.executeUpdate();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot create the test account " + username, e);
    }
  }

  /** A request to /api/v1 without credentials. */
  public static RequestSpecification anonymous() {
    return given().baseUri(ForecourtServer.baseUri().toString()).basePath("/api/v1");
  }

  /** A request to /api/v1 as the demo user. */
  public static RequestSpecification as(String username) {
    return bearer(token(username));
  }

  public static RequestSpecification bearer(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }
}
