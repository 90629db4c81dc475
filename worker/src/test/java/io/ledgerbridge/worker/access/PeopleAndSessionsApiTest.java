package io.ledgerbridge.worker.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * People as an admin adds them and as they sign in to the admin page: passwords stored as BCrypt
 * hashes only, a session cookie that scripts and other sites cannot use (HttpOnly, SameSite=Strict)
 * and that needs the CSRF token for changes, the person's role on every request, sign-out, and a
 * disabled person or a new password ending their sessions. The trail names the person, never a password.
 */
class PeopleAndSessionsApiTest extends ApplicationTestSupport {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PASSWORD = "correct horse battery";
  private static final ZoneOffset UTC = ZoneOffset.UTC;

  @Autowired JdbcTemplate jdbc;

  private record Person(long id, String email, String name) {}

  /** A signed-in browser: its cookie and the CSRF token its page holds. */
  private record Browser(String cookie, String csrfToken) {}

  private Person add(String role) {
    String who = "p" + UUID.randomUUID().toString().substring(0, 8);
    ApiResponse added = call("POST", "/api/people", """
        {"name":"Person %s","email":"%s@Example.com","role":"%s","password":"%s"}""".formatted(who, who, role, PASSWORD));
    assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
    return new Person(added.body().get("id").asLong(), added.body().get("email").asText(), added.body().get("name").asText());
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> signInResponse(String email, String password) {
    return send("POST", "/api/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  private Browser signIn(Person person) {
    HttpResponse<String> signedIn = signInResponse(person.email().toUpperCase(), PASSWORD);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    return new Browser(setCookie.split(";", 2)[0], json(signedIn).get("csrfToken").asText());
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPersonSignsInWithAnHttpOnlyStrictCookieAndActsWithTheirRole() {
    Instant since = Instant.now();
    Person operator = add("OPERATOR");

    HttpResponse<String> signedIn = signInResponse(operator.email(), PASSWORD);
    String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("ledgerbridge_session=lbs_").contains("; Path=/").contains("; HttpOnly")
        .contains("; SameSite=Strict").as("plain http here: Secure only behind https").doesNotContain("Secure");
    JsonNode body = json(signedIn);
    assertThat(body.get("role").asText()).isEqualTo("OPERATOR");
    assertThat(body.get("actor").get("label").asText()).isEqualTo(operator.name() + " (person)");
    assertThat(body.toString()).as("the session id is in the cookie only").doesNotContain(setCookie.split("[=;]")[1]);
    Browser browser = signIn(operator);

    JsonNode current = json(send("GET", "/api/session", null, "Cookie", browser.cookie()));
    assertThat(current.get("csrfToken").asText()).isEqualTo(browser.csrfToken());
    assertThat(current.get("role").asText()).isEqualTo("OPERATOR");
    assertThat(send("GET", "/api/jobs", null, "Cookie", browser.cookie()).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/jobs/no-such-job/pause", null, "Cookie", browser.cookie(), "X-CSRF-Token",
        browser.csrfToken()).statusCode()).as("an operator pauses (the job is unknown)").isEqualTo(404);
    HttpResponse<String> create = send("POST", "/api/jobs", "{}", "Cookie", browser.cookie(), "X-CSRF-Token", browser.csrfToken());
    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(json(create).get("message").asText()).contains("needs the ADMIN role")
        .contains(operator.name() + " (person) has the OPERATOR role");

    List<JsonNode> events = new ArrayList<>();
    call("GET", "/api/audit?limit=500&from=" + since, null).body().get("events").forEach(events::add);
    assertThat(events).filteredOn(event -> event.get("action").asText().equals("JOB_PAUSED"))
        .singleElement().satisfies(event -> {
          assertThat(event.get("actor").get("kind").asText()).isEqualTo("PERSON");
          assertThat(event.get("actor").get("name").asText()).isEqualTo(operator.name());
        });
    assertThat(events).filteredOn(event -> event.get("action").asText().equals("SIGNED_IN")).hasSize(2)
        .allSatisfy(event -> assertThat(event.get("target").asText()).isEqualTo("person " + operator.id()));
    assertThat(events.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void aChangeWithTheCookieNeedsTheCsrfTokenAndABearerTokenDoesNot() {
    Browser browser = signIn(add("ADMIN"));

    HttpResponse<String> without = send("POST", "/api/jobs/no-such-job/pause", null, "Cookie", browser.cookie());
    HttpResponse<String> wrong = send("POST", "/api/jobs/no-such-job/pause", null, "Cookie", browser.cookie(),
        "X-CSRF-Token", browser.csrfToken() + "x");
    HttpResponse<String> right = send("POST", "/api/jobs/no-such-job/pause", null, "Cookie", browser.cookie(),
        "X-CSRF-Token", browser.csrfToken());

    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(json(without).get("message").asText()).startsWith("missing or wrong X-CSRF-Token header");
    assertThat(json(without).get("error").asText()).isEqualTo("forbidden");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(right.statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/people", null, "Cookie", browser.cookie()).statusCode()).as("reads need none").isEqualTo(200);
    assertThat(call("POST", "/api/jobs/no-such-job/pause", null).status()).as("a bearer token needs none").isEqualTo(404);
  }

  @Test
  void signingOutEndsTheSessionAndClearsTheCookie() {
    Browser browser = signIn(add("VIEWER"));

    HttpResponse<String> out = send("DELETE", "/api/session", null, "Cookie", browser.cookie(), "X-CSRF-Token", browser.csrfToken());

    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("ledgerbridge_session=;").contains("Max-Age=0");
    HttpResponse<String> after = send("GET", "/api/jobs", null, "Cookie", browser.cookie());
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(json(after).get("message").asText()).contains("sign in again");
  }

  @Test
  void aSessionSlidesWhileUsedUpToSevenDaysAndEndsWhenIdle() {
    Person person = add("VIEWER");
    Browser browser = signIn(person);
    String idHash = Secrets.hash(browser.cookie().substring(browser.cookie().indexOf('=') + 1));
    // The databases keep microseconds.
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    jdbc.update("UPDATE person_session SET expires_at = ? WHERE id_hash = ?", now.plusSeconds(3600).atOffset(UTC), idHash);
    assertThat(send("GET", "/api/jobs", null, "Cookie", browser.cookie()).statusCode()).isEqualTo(200);
    assertThat(expiresAt(idHash)).as("moved on to 8 hours from this request")
        .isBetween(now.plus(Sessions.IDLE).minusSeconds(5), Instant.now().plus(Sessions.IDLE).plusSeconds(5));

    Instant signedIn = now.minus(Sessions.LONGEST).plusSeconds(600);
    jdbc.update("UPDATE person_session SET created_at = ?, expires_at = ? WHERE id_hash = ?", signedIn.atOffset(UTC),
        now.plusSeconds(60).atOffset(UTC), idHash);
    assertThat(send("GET", "/api/jobs", null, "Cookie", browser.cookie()).statusCode()).isEqualTo(200);
    assertThat(expiresAt(idHash)).as("never past 7 days after sign-in").isEqualTo(signedIn.plus(Sessions.LONGEST));

    jdbc.update("UPDATE person_session SET expires_at = ? WHERE id_hash = ?", now.minusSeconds(1).atOffset(UTC), idHash);
    HttpResponse<String> ended = send("GET", "/api/jobs", null, "Cookie", browser.cookie());
    assertThat(ended.statusCode()).isEqualTo(401);
    assertThat(json(ended).get("message").asText()).startsWith("your session has ended");
  }

  private Instant expiresAt(String idHash) {
    return jdbc.queryForObject("SELECT expires_at FROM person_session WHERE id_hash = ?", java.time.OffsetDateTime.class, idHash)
        .toInstant();
  }

  @Test
  void wrongPasswordsUnknownEmailsAndDisabledPeopleGetTheSame401() {
    Person person = add("VIEWER");
    Browser browser = signIn(person);

    HttpResponse<String> wrongPassword = signInResponse(person.email(), PASSWORD + "!");
    HttpResponse<String> unknown = signInResponse("nobody@example.com", PASSWORD);
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(json(wrongPassword).get("message").asText()).isEqualTo(json(unknown).get("message").asText())
        .startsWith("wrong email or password");

    ApiResponse disabled = call("POST", "/api/people/" + person.id() + "/disable", null);
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.body().get("disabled").asBoolean()).isTrue();
    assertThat(send("GET", "/api/jobs", null, "Cookie", browser.cookie()).statusCode()).as("signed out").isEqualTo(401);
    assertThat(signInResponse(person.email(), PASSWORD).statusCode()).isEqualTo(401);
    assertThat(call("POST", "/api/people/" + person.id() + "/disable", null).status()).isEqualTo(409);
    assertThat(call("POST", "/api/people/987654321/disable", null).status()).isEqualTo(404);
    assertThat(send("POST", "/api/session", "{\"email\":\"x@example.com\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void fiveWrongPasswordsLockTheEmailForFifteenMinutesEvenForTheRightOne() {
    Person person = add("VIEWER");
    Person other = add("VIEWER");
    for (int i = 0; i < SignInThrottle.FAILURES_ALLOWED; i++) {
      assertThat(signInResponse(person.email(), PASSWORD + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> locked = signInResponse(person.email().toUpperCase(), PASSWORD);

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(json(locked).get("message").asText()).startsWith("too many wrong passwords for this email")
        .contains("ask an admin to set a new password");
    assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(SignInThrottle.LOCKED_FOR.toSeconds() - 60, SignInThrottle.LOCKED_FOR.toSeconds() + 1);
    assertThat(signInResponse("nobody-" + person.email(), PASSWORD).statusCode())
        .as("an email nobody has is counted apart, and alike").isEqualTo(401);
    signIn(other);

    // Fifteen minutes on: the lock and its window have ended.
    jdbc.update("UPDATE sign_in_failure SET first_failure_at = ?, locked_until = ? WHERE email = ?",
        OffsetDateTime.now(UTC).minus(SignInThrottle.WINDOW).minusSeconds(1), OffsetDateTime.now(UTC).minusSeconds(1),
        person.email());
    signIn(person);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sign_in_failure WHERE email = ?", Integer.class, person.email()))
        .as("a right password forgets the wrong ones").isZero();
  }

  @Test
  void aNewRoleAppliesAtOnceAndANewPasswordEndsTheSessions() {
    Instant since = Instant.now();
    Person person = add("VIEWER");
    Browser browser = signIn(person);
    assertThat(send("POST", "/api/jobs/no-such-job/pause", null, "Cookie", browser.cookie(), "X-CSRF-Token",
        browser.csrfToken()).statusCode()).isEqualTo(403);

    ApiResponse promoted = call("PUT", "/api/people/" + person.id(), "{\"role\":\"OPERATOR\"}");
    assertThat(promoted.status()).as("%s", promoted.body()).isEqualTo(200);
    assertThat(promoted.body().get("role").asText()).isEqualTo("OPERATOR");
    assertThat(send("POST", "/api/jobs/no-such-job/pause", null, "Cookie", browser.cookie(), "X-CSRF-Token",
        browser.csrfToken()).statusCode()).isEqualTo(404);

    String newPassword = "a much better passphrase";
    assertThat(call("PUT", "/api/people/" + person.id(), "{\"password\":\"" + newPassword + "\"}").status()).isEqualTo(200);
    assertThat(send("GET", "/api/jobs", null, "Cookie", browser.cookie()).statusCode()).isEqualTo(401);
    assertThat(signInResponse(person.email(), PASSWORD).statusCode()).isEqualTo(401);
    assertThat(signInResponse(person.email(), newPassword).statusCode()).isEqualTo(200);

    JsonNode changes = call("GET", "/api/audit?action=PERSON_CHANGED&from=" + since, null).body().get("events");
    assertThat(changes.toString()).contains("\"role\":\"OPERATOR\"").contains("\"passwordChanged\":true")
        .doesNotContain(newPassword);
  }

  @Test
  void passwordsAreStoredAsBcryptHashesOnly() {
    Person person = add("VIEWER");

    String hash = jdbc.queryForObject("SELECT password_hash FROM person WHERE id = ?", String.class, person.id());

    assertThat(hash).startsWith("$2a$12$").doesNotContain(PASSWORD);
    assertThat(call("GET", "/api/people", null).body().toString()).contains(person.email()).doesNotContain(hash)
        .doesNotContain("password");
    assertThat(person.email()).as("emails are kept in lower case").isEqualTo(person.email().toLowerCase());
  }

  @Test
  void badPeopleRequestsAreRefusedSayingWhatToFix() {
    Person taken = add("VIEWER");
    assertRefused("POST", "/api/people", "{\"email\":\"a@example.com\",\"role\":\"VIEWER\",\"password\":\"" + PASSWORD + "\"}",
        400, "name: required");
    assertRefused("POST", "/api/people", "{\"name\":\"A\",\"email\":\"not an email\",\"role\":\"VIEWER\",\"password\":\""
        + PASSWORD + "\"}", 400, "email: 'not an email' is not an email address");
    assertRefused("POST", "/api/people", "{\"name\":\"A\",\"email\":\"a@example.com\",\"password\":\"" + PASSWORD + "\"}",
        400, "role: required");
    assertRefused("POST", "/api/people", "{\"name\":\"A\",\"email\":\"a@example.com\",\"role\":\"VIEWER\",\"password\":\"short\"}",
        400, "password: at least 12 characters; this one has 5");
    assertRefused("POST", "/api/people", "{\"name\":\"A\",\"email\":\"a@example.com\",\"role\":\"VIEWER\",\"password\":\""
        + "x".repeat(73) + "\"}", 400, "password: at most 72 bytes");
    assertRefused("POST", "/api/people", "{\"name\":\"A\",\"email\":\"" + taken.email().toUpperCase()
        + "\",\"role\":\"VIEWER\",\"password\":\"" + PASSWORD + "\"}", 409, "someone has " + taken.email() + " already");
    assertRefused("PUT", "/api/people/" + taken.id(), "{}", 400, "name at least one of name, role, password");
    assertRefused("PUT", "/api/people/987654321", "{\"role\":\"ADMIN\"}", 404, "no person with id 987654321");
  }

  private void assertRefused(String method, String path, String body, int status, String message) {
    ApiResponse refused = call(method, path, body);
    assertThat(refused.status()).as(body).isEqualTo(status);
    assertThat(refused.body().get("message").asText()).as(body).contains(message);
  }
}
