package io.ledgerbridge.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.worker.RemoteApis;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The connections view, disconnecting, Intuit's Reconnect URL, and a company whose refresh token Intuit
 * (the sandbox) stops taking, against the running application. Each test connects companies of its own,
 * so the demo company the other tests use stays connected.
 */
class ConnectionsApiTest extends ApplicationTestSupport {
  private static final AtomicLong NEXT_REALM = new AtomicLong(5730816365000100L + (System.nanoTime() % 1000) * 100);

  @Autowired Sandbox sandbox;
  @Autowired ConnectionStore store;
  /** Jobs this test made, deleted after it so their schedules stop in the application the test classes share. */
  private final List<String> jobs = new ArrayList<>();

  @AfterEach
  void deleteJobs() {
    jobs.forEach(job -> call("DELETE", "/api/jobs/" + job, null));
  }

  @Test
  void aRefusedRefreshTokenFailsTheCompanysRunsAtOnceWithOneReasonUntilItIsReconnectedThenItsScheduleRunsAgain() {
    String realm = Long.toString(NEXT_REALM.incrementAndGet());
    connectQuickBooks(realm);
    String job = createJob(realm);
    assertThat(runNow(job).path("status").asText()).isEqualTo("SUCCEEDED");

    JsonNode connected = quickBooks(realm);
    assertThat(connected.path("state").asText()).isEqualTo("CONNECTED");
    assertThat(connected.hasNonNull("reason")).isFalse();
    Instant authorizedAt = Instant.parse(connected.path("authorizedAt").asText());
    assertThat(Instant.parse(connected.path("authorizationCapAt").asText()))
        .isEqualTo(authorizedAt.atOffset(ZoneOffset.UTC).plusYears(5).toInstant());
    assertThat(Instant.parse(connected.path("accessTokenExpiresAt").asText())).isAfter(Instant.now());
    assertThat(Instant.parse(connected.path("refreshTokenExpiresAt").asText())).isAfter(Instant.now());
    assertThat(connected.hasNonNull("lastSuccessAt")).as("%s", connected).isTrue();
    assertThat(connected.path("disconnectable").asBoolean()).isTrue();
    assertThat(connected.path("reconnectUrl").asText()).endsWith("/connect/quickbooks/reconnect?realmId=" + realm);
    assertThat(connected.toString()).doesNotContain(refreshToken(realm));

    revokeAtIntuit(refreshToken(realm));

    JsonNode refused = runNow(job);
    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(refused.path("cause").asText()).contains("invalid_grant").contains("reconnect");
    JsonNode needsReauthorization = quickBooks(realm);
    assertThat(needsReauthorization.path("state").asText()).isEqualTo("NEEDS_REAUTHORIZATION");
    assertThat(needsReauthorization.path("reason").asText()).contains("invalid_grant");
    assertThat(needsReauthorization.path("lastFailureType").asText()).isEqualTo("AUTH");
    assertThat(needsReauthorization.hasNonNull("accessTokenExpiresAt")).isFalse();

    JsonNode failedFast = runNow(job);
    assertThat(failedFast.path("status").asText()).isEqualTo("FAILED");
    assertThat(failedFast.path("cause").asText())
        .contains("QuickBooks company " + realm + " needs re-authorization since").contains("invalid_grant");
    assertThat(failedFast.path("apiCalls").path("QUICKBOOKS").asLong(0))
        .as("nothing is sent to Intuit, not even a token refresh: %s", failedFast).isZero();
    assertThat(call("GET", "/api/jobs/" + job, null).body().path("state").asText()).isEqualTo("ACTIVE");

    HttpResponse<String> reconnect = browse("/connect/quickbooks/reconnect?realmId=" + realm);
    assertThat(reconnect.statusCode()).isEqualTo(303);
    assertThat(reconnect.headers().firstValue("Location")).hasValue("/#connections/reconnect/" + realm);
    connectQuickBooks(realm);

    assertThat(quickBooks(realm).path("state").asText()).isEqualTo("CONNECTED");
    // Its schedule runs it again with nothing more done: every minute from now, so the test need not wait long.
    Instant reconnected = Instant.now();
    assertThat(call("PUT", "/api/jobs/" + job, "{\"schedule\":{\"minute\":[\"*/1\"]}}").status()).isEqualTo(200);
    awaitJson("/api/runs?jobId=" + job, runs -> {
      for (JsonNode run : runs) {
        if (Instant.parse(run.path("startedAt").asText()).isAfter(reconnected) && run.path("status").asText().equals("SUCCEEDED")) {
          return true;
        }
      }
      return false;
    }, Duration.ofSeconds(150));
  }

  @Test
  void disconnectingRevokesTheTokenAtIntuitForgetsItAndIsAuditedWithoutSecrets() {
    String realm = Long.toString(NEXT_REALM.incrementAndGet());
    connectQuickBooks(realm);
    createJob(realm);
    String refreshToken = refreshToken(realm);
    Instant since = Instant.now();

    ApiResponse disconnected = call("DELETE", "/api/connections/quickbooks/" + realm, null);

    assertThat(disconnected.status()).as("%s", disconnected.body()).isEqualTo(200);
    assertThat(disconnected.body().path("revokedAtProvider").asBoolean()).isTrue();
    assertThat(store.find(ConnectedSystem.QUICKBOOKS, realm)).isEmpty();
    HttpResponse<String> refresh = new RemoteApis(sandbox).raw(tokenRequest("/oauth2/v1/tokens/bearer",
        "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)));
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(refresh.body()).contains("invalid_grant");
    JsonNode listed = quickBooks(realm);
    assertThat(listed.path("state").asText()).as("listed while a job names it").isEqualTo("NOT_CONNECTED");
    assertThat(listed.path("disconnectable").asBoolean()).isFalse();

    JsonNode events = call("GET", "/api/audit?action=CONNECTION_REMOVED&from=" + since, null).body().path("events");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("target").asText()).isEqualTo("company " + realm);
    assertThat(events.get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(events.get(0).toString()).contains("revokedAtProvider").doesNotContain(refreshToken);

    ApiResponse again = call("DELETE", "/api/connections/quickbooks/" + realm, null);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.body().path("message").asText()).contains("is not connected").contains("GET /api/connections");
  }

  @Test
  void badRequestsAreRefusedSayingWhatToDoAndChangeNothing() {
    ApiResponse notARealm = call("DELETE", "/api/connections/quickbooks/acme", null);
    assertThat(notARealm.status()).isEqualTo(400);
    assertThat(notARealm.body().path("message").asText()).contains("realmId: 'acme'").contains("digits only");

    ApiResponse unknown = call("DELETE", "/api/connections/quickbooks/1", null);
    assertThat(unknown.status()).isEqualTo(404);

    ApiResponse salesforce = call("DELETE", "/api/connections/salesforce", null);
    assertThat(salesforce.status()).isEqualTo(409);
    assertThat(salesforce.body().path("message").asText())
        .contains("client-credentials flow").contains("LEDGERBRIDGE_SALESFORCE_CLIENT_ID").contains("Salesforce Setup");
    ApiResponse connectLink = call("POST", "/api/connections/salesforce/authorizations", null);
    assertThat(connectLink.status()).isEqualTo(409);
    assertThat(connectLink.body().path("message").asText()).contains("LEDGERBRIDGE_SALESFORCE_AUTH_FLOW=web-server");

    assertThat(browse("/connect/quickbooks/reconnect?realmId=12%0A3").statusCode()).isEqualTo(400);
    HttpResponse<String> anyCompany = browse("/connect/quickbooks/reconnect");
    assertThat(anyCompany.statusCode()).isEqualTo(303);
    assertThat(anyCompany.headers().firstValue("Location")).hasValue("/#connections/reconnect");

    assertThat(quickBooks(Sandbox.DEMO_REALM_ID).path("state").asText()).isEqualTo("CONNECTED");
  }

  @Test
  void theCheckWithACompanySaysWhenItsCurrenciesWouldReachAnOrgThatCannotHoldThem() {
    String realm = Long.toString(NEXT_REALM.incrementAndGet());
    connectQuickBooks(realm);
    String invoices = "/api/connections/salesforce/check?object=Invoice&direction=QBO_TO_SALESFORCE";
    assertThat(call("GET", invoices + "&companyId=" + realm, null).body().path("ok").asBoolean()).isTrue();

    sandbox.configureQboCompany(realm, io.ledgerbridge.sandbox.QboCompanyProfile.us().withMultiCurrency());
    ApiResponse checked = call("GET", invoices + "&companyId=" + realm, null);

    assertThat(checked.status()).isEqualTo(200);
    assertThat(checked.body().path("ok").asBoolean()).isFalse();
    JsonNode problem = checked.body().path("problems").get(0);
    assertThat(problem.path("salesforceObject").asText()).isEqualTo("Invoice__c");
    assertThat(problem.path("field").asText()).isEqualTo("CurrencyIsoCode");
    assertThat(problem.path("problem").asText()).contains("QuickBooks company " + realm + " has multi-currency on");
    assertThat(call("GET", invoices, null).body().path("ok").asBoolean()).as("the org alone has what the mapping needs")
        .isTrue();
    String unconnected = Long.toString(NEXT_REALM.incrementAndGet());
    ApiResponse notConnected = call("GET", invoices + "&companyId=" + unconnected, null);
    assertThat(notConnected.status()).isEqualTo(502);
    assertThat(notConnected.body().toString()).contains("cannot run the check", unconnected);
  }

  @Test
  void theSalesforceOrgIsListedWithTheDailyApiCallsItsLastAnswerReported() {
    assertThat(call("GET", "/api/connections/salesforce/check", null).status()).isEqualTo(200);

    ApiResponse list = call("GET", "/api/connections", null);

    assertThat(list.status()).isEqualTo(200);
    JsonNode org = list.body().get(list.body().size() - 1);
    assertThat(org.path("system").asText()).isEqualTo("SALESFORCE");
    assertThat(org.path("accountId").asText()).isEqualTo(URI.create(sandbox.salesforceUrl()).getHost());
    assertThat(org.path("state").asText()).isEqualTo("CONNECTED");
    assertThat(org.hasNonNull("lastSuccessAt")).isTrue();
    assertThat(org.path("apiCallsLimit").asInt()).isPositive();
    assertThat(org.path("apiCallsLeft").asInt()).isLessThanOrEqualTo(org.path("apiCallsLimit").asInt());
    assertThat(org.path("disconnectable").asBoolean()).isFalse();
    assertThat(org.path("authFlow").asText()).isEqualTo("client-credentials");
    assertThat(org.hasNonNull("reconnectUrl")).isFalse();
    assertThat(call("GET", "/api/connections", null, null).status()).as("a credential is needed").isEqualTo(401);
  }

  private JsonNode quickBooks(String realm) {
    ApiResponse list = call("GET", "/api/connections", null);
    assertThat(list.status()).isEqualTo(200);
    for (JsonNode connection : list.body()) {
      if (connection.path("system").asText().equals("QUICKBOOKS") && connection.path("accountId").asText().equals(realm)) {
        return connection;
      }
    }
    throw new AssertionError("QuickBooks company " + realm + " is not listed: " + list.body());
  }

  private String createJob(String realm) {
    ApiResponse created = call("POST", "/api/jobs", """
        {"name":"connections %s","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
         "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}
        """.formatted(realm, realm));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    jobs.add(created.body().get("id").asText());
    return created.body().get("id").asText();
  }

  private JsonNode runNow(String job) {
    ApiResponse started = call("POST", "/api/jobs/" + job + "/run", null);
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    return awaitJson("/api/runs/" + started.body().get("runId").asText(),
        run -> !run.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
  }

  private String refreshToken(String realm) {
    return store.find(ConnectedSystem.QUICKBOOKS, realm).orElseThrow().refreshToken();
  }

  /** What a person does in QuickBooks when they disconnect the app there: Intuit forgets the authorization. */
  private void revokeAtIntuit(String refreshToken) {
    HttpResponse<String> revoked = new RemoteApis(sandbox).raw(tokenRequest("/v2/oauth2/tokens/revoke",
        "token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)));
    assertThat(revoked.statusCode()).isEqualTo(200);
  }

  private HttpRequest tokenRequest(String path, String form) {
    String basic = Base64.getEncoder().encodeToString(
        (Sandbox.QBO_CLIENT_ID + ":" + Sandbox.QBO_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(sandbox.quickBooksUrl() + path))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }
}
