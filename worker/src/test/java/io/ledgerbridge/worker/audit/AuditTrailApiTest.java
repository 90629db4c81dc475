package io.ledgerbridge.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.worker.RemoteApis;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail as an admin meets it: every change made through the API is there once, with who,
 * what, which target and from where; refused attempts are there without details, calls without a
 * token are not, and no secret of a request reaches it. Read back filtered and paged.
 */
class AuditTrailApiTest extends ApplicationTestSupport {
  private static final AtomicLong NEXT_REALM = new AtomicLong(4620816377000100L + (System.nanoTime() % 1000) * 100);
  private static final String ADMIN = "admin (bootstrap token)";

  @Autowired Sandbox sandbox;
  @Autowired JdbcTemplate jdbc;

  /** The events since the instant, oldest first. */
  private List<JsonNode> eventsSince(Instant since) {
    ApiResponse page = call("GET", "/api/audit?limit=500&from=" + since, null);
    assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    page.body().get("events").forEach(event -> events.add(0, event));
    return events;
  }

  private static List<String> actionsAndTargets(List<JsonNode> events) {
    return events.stream().map(event -> event.get("action").asText() + " " + event.path("target").asText("-")).toList();
  }

  private long openErrorId(String company, String sourceId) {
    new RecordErrorStore(jdbc).record(new RecordFailure(company, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE,
        sourceId, FailureType.VALIDATION, "CODE", "refused", "audit-test", "run-" + UUID.randomUUID()));
    return call("GET", "/api/errors?companyId=" + company + "&sourceId=" + sourceId, null)
        .body().get("items").get(0).get("id").asLong();
  }

  @Test
  void everyChangeIsRecordedOnceWithWhoWhatTargetAndSourceAndNoSecret() {
    Instant since = Instant.now();
    String realm = Long.toString(NEXT_REALM.incrementAndGet());

    // Connecting a company: the API's link, Intuit's consent, the callback from the admin's browser.
    ApiResponse begin = call("POST", "/api/connections/quickbooks/authorizations", null);
    String consentUrl = begin.body().get("authorizationUrl").asText() + "&realmId=" + realm;
    RemoteApis remote = new RemoteApis(sandbox);
    HttpResponse<String> consent = remote.raw(HttpRequest.newBuilder(URI.create(consentUrl)).GET().build());
    URI callback = URI.create(consent.headers().firstValue("Location").orElseThrow());
    String code = queryParameter(callback, "code");
    String state = queryParameter(callback, "state");
    HttpResponse<String> connected = remote.raw(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/oauth/quickbooks/callback?" + callback.getRawQuery())).GET().build());
    assertThat(connected.statusCode()).as(connected.body()).isEqualTo(303);

    ApiResponse created = call("POST", "/api/jobs", """
        {"name":"Audit %s","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
         "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}
        """.formatted(realm, realm));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String job = created.body().get("id").asText();
    assertThat(call("PUT", "/api/jobs/" + job, "{\"pullMissingParents\":true}").status()).isEqualTo(200);
    assertThat(call("POST", "/api/jobs/" + job + "/pause", null).status()).isEqualTo(200);
    assertThat(call("POST", "/api/jobs/" + job + "/resume", null).status()).isEqualTo(200);
    ApiResponse run = call("POST", "/api/jobs/" + job + "/run", null);
    assertThat(run.status()).as("%s", run.body()).isEqualTo(202);
    ApiResponse reconciliation = call("POST", "/api/reconciliations", "{\"companyId\":\"" + realm + "\"}");
    assertThat(reconciliation.status()).as("%s", reconciliation.body()).isEqualTo(202);

    long dismissed = openErrorId(realm, "101");
    long retried = openErrorId(realm, "102");
    openErrorId(realm, "103");
    assertThat(call("POST", "/api/errors/" + dismissed + "/dismiss", null).status()).isEqualTo(200);
    assertThat(call("POST", "/api/errors/" + retried + "/retry", null).status()).isEqualTo(202);
    assertThat(call("POST", "/api/errors/retry", "{\"companyId\":\"" + realm + "\",\"sourceId\":\"103\"}").status())
        .isEqualTo(202);
    assertThat(call("POST", "/api/errors/dismiss", "{\"companyId\":\"" + realm + "\",\"object\":\"customer\"}").status())
        .isEqualTo(200);
    assertThat(call("DELETE", "/api/jobs/" + job, null).status()).isEqualTo(204);

    List<JsonNode> events = eventsSince(since);
    assertThat(actionsAndTargets(events)).containsExactly(
        "CONNECTION_AUTHORIZATION_STARTED -",
        "CONNECTION_ADDED company " + realm,
        "JOB_CREATED job " + job,
        "JOB_CHANGED job " + job,
        "JOB_PAUSED job " + job,
        "JOB_RESUMED job " + job,
        "JOB_RUN job " + job,
        "RECONCILIATION_STARTED company " + realm,
        "ERROR_DISMISSED error " + dismissed,
        "ERROR_RETRIED error " + retried,
        "ERRORS_RETRIED errors companyId=" + realm + " sourceId=103",
        "ERRORS_DISMISSED errors companyId=" + realm + " object=Customer",
        "JOB_DELETED job " + job);
    for (JsonNode event : events) {
      assertThat(event.get("actor").get("label").asText()).as("%s", event).isEqualTo(ADMIN);
      assertThat(event.get("actor").get("kind").asText()).isEqualTo("BOOTSTRAP_TOKEN");
      assertThat(event.get("sourceAddress").asText()).isEqualTo("127.0.0.1");
      assertThat(event.get("outcome").asText()).as("%s", event).isEqualTo("SUCCEEDED");
      assertThat(Instant.parse(event.get("occurredAt").asText())).isAfterOrEqualTo(since);
    }
    assertThat(events.get(1).get("httpStatus").asInt()).isEqualTo(303);
    JsonNode createdDetails = events.get(2).get("details");
    assertThat(createdDetails.get("name").asText()).isEqualTo("Audit " + realm);
    assertThat(createdDetails.get("objects").get(0).asText()).isEqualTo("Customer");
    assertThat(events.get(3).get("details").toString()).as("a change names the fields it set")
        .isEqualTo("{\"pullMissingParents\":true}");
    assertThat(events.get(6).get("details").get("runId").asText()).isEqualTo(run.body().get("runId").asText());
    assertThat(events.get(7).get("details").get("reconciliationId").asText())
        .isEqualTo(reconciliation.body().get("id").asText());
    assertThat(events.get(11).get("details").get("dismissed").asInt()).isPositive();

    String trail = call("GET", "/api/audit?limit=500", null).body().toString();
    assertThat(trail).as("the authorization code, the one-time state and the admin token")
        .doesNotContain(code).doesNotContain(state).doesNotContain(ADMIN_TOKEN);
  }

  @Test
  void aRefusedAttemptIsRecordedWithoutItsRequestAndOneWithoutATokenIsNot() {
    Instant since = Instant.now();
    String secret = "sk_live_" + UUID.randomUUID();
    ApiResponse refused = call("POST", "/api/jobs", """
        {"name":"with a secret","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
         "schedule":{},"clientSecret":"%s"}
        """.formatted(Sandbox.DEMO_REALM_ID, secret));
    assertThat(refused.status()).isEqualTo(400);
    ApiResponse secretAsValue = call("PUT", "/api/jobs/demo-customers", "{\"pullMissingParents\":\"" + secret + "\"}");
    assertThat(secretAsValue.status()).isEqualTo(400);
    assertThat(call("POST", "/api/jobs/no-such-job/pause", null).status()).isEqualTo(404);
    assertThat(call("POST", "/api/jobs/no-such-job/resume", null, null).status()).isEqualTo(401);
    assertThat(call("POST", "/api/jobs/no-such-job/resume", null, "Bearer " + secret).status()).isEqualTo(401);

    List<JsonNode> events = eventsSince(since);
    assertThat(actionsAndTargets(events)).containsExactly(
        "JOB_CREATED -", "JOB_CHANGED job demo-customers", "JOB_PAUSED job no-such-job");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.get("outcome").asText()).isEqualTo("REFUSED");
      assertThat(event.has("details")).as("a refusal carries no details").isFalse();
    });
    assertThat(events.stream().map(event -> event.get("httpStatus").asInt()).toList()).containsExactly(400, 400, 404);
    assertThat(call("GET", "/api/audit?limit=500", null).body().toString()).doesNotContain(secret);
  }

  @Test
  void theSourceIsTheClientsAddressNotWhatAForwardedHeaderClaims() throws Exception {
    Instant since = Instant.now();
    HttpResponse<String> forged = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs/forwarded-from/pause"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .header("X-Forwarded-For", "203.0.113.9")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(404);

    List<JsonNode> events = eventsSince(since);
    assertThat(actionsAndTargets(events)).containsExactly("JOB_PAUSED job forwarded-from");
    assertThat(events.get(0).get("sourceAddress").asText())
        .as("no forwarded-headers setting is on, so the header is not trusted").isEqualTo("127.0.0.1");
  }

  @Test
  void theTrailIsReadNewestFirstFilteredAndPagedByCursor() {
    Instant since = Instant.now();
    String prefix = "audit-paging-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i <= 5; i++) {
      assertThat(call("POST", "/api/jobs/" + prefix + "-" + i + "/pause", null).status()).isEqualTo(404);
    }
    String filter = "/api/audit?target=" + prefix.toUpperCase() + "&action=JOB_PAUSED&actor=admin";

    JsonNode first = call("GET", filter + "&limit=2", null).body();
    JsonNode second = call("GET", filter + "&limit=2&cursor=" + first.get("nextCursor").asLong(), null).body();
    JsonNode last = call("GET", filter + "&limit=2&cursor=" + second.get("nextCursor").asLong(), null).body();
    List<String> targets = new ArrayList<>();
    for (JsonNode page : List.of(first, second, last)) {
      page.get("events").forEach(event -> targets.add(event.get("target").asText()));
    }
    assertThat(targets).containsExactly(
        "job " + prefix + "-5", "job " + prefix + "-4", "job " + prefix + "-3", "job " + prefix + "-2", "job " + prefix + "-1");
    assertThat(last.has("nextCursor")).as("the last page leads nowhere").isFalse();

    assertThat(call("GET", filter.replace("JOB_PAUSED", "JOB_RESUMED"), null).body().get("events")).isEmpty();
    assertThat(call("GET", filter.replace("actor=admin", "actor=someone"), null).body().get("events")).isEmpty();
    assertThat(call("GET", filter + "&to=" + since, null).body().get("events")).isEmpty();
    assertThat(call("GET", filter + "&from=" + since + "&to=" + Instant.now().plusSeconds(1), null)
        .body().get("events")).hasSize(5);
  }

  @Test
  void badFiltersAreRefusedSayingWhatIsWrongAndHowToFixIt() {
    assertRefused("action=JOB_EXPLODED", "action: 'JOB_EXPLODED' is not one of JOB_CREATED, JOB_CHANGED");
    assertRefused("from=yesterday", "from: 'yesterday' is not an instant; write it ISO-8601 with an offset, e.g.");
    assertRefused("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "is not before to");
    assertRefused("limit=0", "limit: 0 is not between 1 and 500");
    assertRefused("limit=501", "limit: 501 is not between 1 and 500");
    assertRefused("cursor=0", "cursor: 0 is not a cursor; pass the nextCursor of the page before");
    assertRefused("cursor=abc", "cursor: 'abc' is not a whole number");
    assertThat(call("GET", "/api/audit", null, null).status()).as("the trail needs the token").isEqualTo(401);
  }

  private void assertRefused(String query, String message) {
    ApiResponse response = call("GET", "/api/audit?" + query, null);
    assertThat(response.status()).as(query).isEqualTo(400);
    assertThat(response.body().get("error").asText()).isEqualTo("bad_request");
    assertThat(response.body().get("message").asText()).contains(message);
  }

  private static String queryParameter(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }
}
