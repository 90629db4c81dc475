package io.ledgerbridge.worker.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * API tokens as an admin and a script meet them: the secret is shown once and stored only as its
 * SHA-256, it acts with its role and name until it expires or is revoked, then gets 401 saying
 * which; bad requests are refused saying what to fix; the trail records creating and revoking,
 * never the secret.
 */
class ApiTokensApiTest extends ApplicationTestSupport {
  @Autowired JdbcTemplate jdbc;

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private JsonNode create(String name, String role) {
    ApiResponse created = call("POST", "/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"expiresInDays\":30}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body();
  }

  @Test
  void theSecretIsShownOnceStoredHashedAndActsWithItsNameAndRole() {
    Instant since = Instant.now();
    String name = unique("nightly-export");
    JsonNode created = create(name, "OPERATOR");
    String secret = created.get("secret").asText();
    long id = created.get("token").get("id").asLong();

    assertThat(secret).startsWith("lbt_").hasSizeGreaterThanOrEqualTo(4 + 43);
    assertThat(created.get("token").get("state").asText()).isEqualTo("ACTIVE");
    assertThat(created.get("token").get("createdBy").asText()).isEqualTo("admin (bootstrap token)");
    assertThat(Instant.parse(created.get("token").get("expiresAt").asText()))
        .isBetween(since.plusSeconds(30L * 86400 - 5), Instant.now().plusSeconds(30L * 86400 + 5));
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM api_token WHERE id = ?", id);
    assertThat(row.get("token_hash")).isEqualTo(Secrets.hash(secret));
    assertThat(row.values()).as("no column holds the secret").noneMatch(value -> String.valueOf(value).contains(secret));
    String list = call("GET", "/api/tokens", null).body().toString();
    assertThat(list).contains(name).doesNotContain(secret).doesNotContain(Secrets.hash(secret));

    JsonNode who = call("GET", "/api/session", null, "Bearer " + secret).body();
    assertThat(who.get("role").asText()).isEqualTo("OPERATOR");
    assertThat(who.get("actor").get("label").asText()).isEqualTo(name + " (API token)");
    assertThat(call("POST", "/api/jobs/no-such-job/pause", null, "Bearer " + secret).status()).isEqualTo(404);
    assertThat(call("GET", "/api/tokens", null, "Bearer " + secret).status()).as("an operator lists no tokens").isEqualTo(403);

    List<JsonNode> events = new ArrayList<>();
    call("GET", "/api/audit?limit=500&from=" + since, null).body().get("events").forEach(events::add);
    JsonNode paused = events.stream().filter(event -> event.get("action").asText().equals("JOB_PAUSED")).findFirst().orElseThrow();
    assertThat(paused.get("actor").get("name").asText()).isEqualTo(name);
    assertThat(paused.get("actor").get("kind").asText()).isEqualTo("API_TOKEN");
    JsonNode createdEvent = events.stream().filter(event -> event.get("action").asText().equals("TOKEN_CREATED"))
        .findFirst().orElseThrow();
    assertThat(createdEvent.get("target").asText()).isEqualTo("token " + id);
    assertThat(createdEvent.get("details").get("name").asText()).isEqualTo(name);
    assertThat(createdEvent.get("details").get("role").asText()).isEqualTo("OPERATOR");
    assertThat(call("GET", "/api/audit?limit=500", null).body().toString()).doesNotContain(secret);
  }

  @Test
  void aRevokedTokenGets401SayingSoAndStaysListed() {
    Instant since = Instant.now();
    String name = unique("revoked");
    JsonNode created = create(name, "VIEWER");
    String secret = created.get("secret").asText();
    long id = created.get("token").get("id").asLong();

    assertThat(call("DELETE", "/api/tokens/" + id, null).status()).isEqualTo(204);

    ApiResponse refused = call("GET", "/api/jobs", null, "Bearer " + secret);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().get("message").asText()).startsWith("API token '" + name + "' was revoked at ")
        .contains("ask an admin for a new one");
    assertThat(call("DELETE", "/api/tokens/" + id, null).body().get("message").asText()).contains("revoked already");
    assertThat(call("DELETE", "/api/tokens/" + id, null).status()).isEqualTo(409);
    assertThat(call("DELETE", "/api/tokens/987654321", null).status()).isEqualTo(404);
    JsonNode listed = listed(id);
    assertThat(listed.get("state").asText()).isEqualTo("REVOKED");
    assertThat(listed.get("revokedAt").isTextual()).isTrue();
    JsonNode revokedEvents = call("GET", "/api/audit?action=TOKEN_REVOKED&from=" + since, null).body().get("events");
    assertThat(revokedEvents.get(revokedEvents.size() - 1).get("target").asText()).isEqualTo("token " + id);
    assertThat(revokedEvents.get(revokedEvents.size() - 1).get("details").get("name").asText()).isEqualTo(name);
  }

  @Test
  void anExpiredTokenGets401SayingWhenItExpired() {
    String name = unique("expired");
    JsonNode created = create(name, "ADMIN");
    long id = created.get("token").get("id").asLong();
    jdbc.update("UPDATE api_token SET expires_at = ? WHERE id = ?",
        Instant.now().minusSeconds(60).atOffset(java.time.ZoneOffset.UTC), id);

    ApiResponse refused = call("GET", "/api/jobs", null, "Bearer " + created.get("secret").asText());

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().get("message").asText()).startsWith("API token '" + name + "' expired at ");
    assertThat(listed(id).get("state").asText()).isEqualTo("EXPIRED");
    assertThat(call("GET", "/api/jobs", null, "Bearer lbt_" + "x".repeat(43)).body().get("message").asText())
        .startsWith("wrong admin token or API token");
  }

  @Test
  void anActiveNameIsTakenButARevokedOnesIsFree() {
    String name = unique("twice");
    long id = create(name, "VIEWER").get("token").get("id").asLong();

    ApiResponse taken = call("POST", "/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"VIEWER\"}");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body().get("message").asText()).contains("an active token is already called");
    call("DELETE", "/api/tokens/" + id, null);
    ApiResponse again = call("POST", "/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"VIEWER\"}");
    assertThat(again.status()).isEqualTo(201);
    assertThat(Instant.parse(again.body().get("token").get("expiresAt").asText()))
        .as("90 days when no expiry is given").isAfter(Instant.now().plusSeconds(89L * 86400));
  }

  @Test
  void badRequestsAreRefusedSayingWhatToFix() {
    String in400Days = Instant.now().plusSeconds(400L * 86400).toString();
    assertRefused("{\"role\":\"VIEWER\"}", "name: required");
    assertRefused("{\"name\":\"x\"}", "role: required; one of VIEWER, OPERATOR, ADMIN");
    assertRefused("{\"name\":\"x\",\"role\":\"ROOT\"}", "role: 'ROOT' is not one of VIEWER, OPERATOR, ADMIN");
    assertRefused("{\"name\":\"x\",\"role\":\"VIEWER\",\"expiresInDays\":0}", "expiresInDays: 0 is not between 1 and 366");
    assertRefused("{\"name\":\"x\",\"role\":\"VIEWER\",\"expiresInDays\":367}", "expiresInDays: 367 is not between 1 and 366");
    assertRefused("{\"name\":\"x\",\"role\":\"VIEWER\",\"expiresInDays\":1,\"expiresAt\":\"2027-01-01T00:00:00Z\"}",
        "give one of them, not both");
    assertRefused("{\"name\":\"x\",\"role\":\"VIEWER\",\"expiresAt\":\"tomorrow\"}", "expiresAt: 'tomorrow' is not an instant");
    assertRefused("{\"name\":\"x\",\"role\":\"VIEWER\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "is not in the next 366 days");
    assertRefused("{\"name\":\"x\",\"role\":\"VIEWER\",\"expiresAt\":\"" + in400Days + "\"}", "is not in the next 366 days");
    assertRefused("{\"name\":\"x\\ny\",\"role\":\"VIEWER\"}", "name: ");
    assertRefused("{\"name\":\"x\",\"role\":\"VIEWER\",\"secret\":\"mine\"}", "secret: unknown field");
  }

  private void assertRefused(String body, String message) {
    ApiResponse refused = call("POST", "/api/tokens", body);
    assertThat(refused.status()).as(body).isEqualTo(400);
    assertThat(refused.body().get("message").asText()).as(body).contains(message);
  }

  private JsonNode listed(long id) {
    for (JsonNode token : call("GET", "/api/tokens", null).body()) {
      if (token.get("id").asLong() == id) {
        return token;
      }
    }
    throw new AssertionError("token " + id + " is not listed");
  }
}
