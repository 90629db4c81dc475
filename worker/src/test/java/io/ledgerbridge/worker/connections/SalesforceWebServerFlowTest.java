package io.ledgerbridge.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The Salesforce org connected by the web-server flow from the admin page, against the sandbox: connect, use,
 * a refresh token Salesforce stops taking, reconnect, disconnect. An application of its own (its own database),
 * as the flow is chosen at start.
 */
@TestPropertySource(properties = {
    "ledgerbridge.salesforce.auth-flow=web-server",
    "spring.datasource.url=jdbc:h2:mem:salesforce-web-server;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
})
class SalesforceWebServerFlowTest extends ApplicationTestSupport {
  private static final HttpClient BROWSER = HttpClient.newHttpClient();

  @Autowired Sandbox sandbox;
  @Autowired ConnectionStore store;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anAdminConnectsTheOrgItIsUsedAskedForAgainOnceRefusedReconnectedAndDisconnected() {
    Instant since = Instant.now();
    JsonNode before = salesforce();
    assertThat(before.path("authFlow").asText()).isEqualTo("web-server");
    assertThat(before.path("state").asText()).isEqualTo("NOT_CONNECTED");
    assertThat(before.path("reason").asText()).contains("Connect Salesforce");
    assertThat(before.path("disconnectable").asBoolean()).isFalse();
    assertThat(before.path("reconnectUrl").asText()).endsWith("/connect/salesforce");
    assertThat(call("GET", "/api/connections/salesforce/check", null).body().path("message").asText())
        .contains("is not connected");
    HttpResponse<String> entry = browse("/connect/salesforce");
    assertThat(entry.statusCode()).isEqualTo(303);
    assertThat(entry.headers().firstValue("Location")).hasValue("/#connections/connect-salesforce");

    connectSalesforce();

    String refreshToken = store.find(ConnectedSystem.SALESFORCE, accountId()).orElseThrow().refreshToken();
    assertThat(jdbc.queryForObject("SELECT refresh_token_encrypted FROM oauth_connection WHERE system = 'SALESFORCE'",
        String.class)).startsWith("v1:").doesNotContain(refreshToken);
    assertThat(call("GET", "/api/connections/salesforce/check", null).status()).isEqualTo(200);
    JsonNode connected = salesforce();
    assertThat(connected.path("state").asText()).isEqualTo("CONNECTED");
    assertThat(connected.hasNonNull("authorizedAt")).isTrue();
    assertThat(connected.path("disconnectable").asBoolean()).isTrue();
    assertThat(connected.toString()).doesNotContain(refreshToken);

    revokeAtSalesforce(refreshToken);

    assertThat(call("GET", "/api/connections/salesforce/check", null).status()).isEqualTo(502);
    JsonNode refused = salesforce();
    assertThat(refused.path("state").asText()).isEqualTo("NEEDS_REAUTHORIZATION");
    assertThat(refused.path("reason").asText()).contains("invalid_grant").contains("connect Salesforce again");
    long tokenRequests = tokenRequests();
    ApiResponse failedFast = call("GET", "/api/connections/salesforce/check", null);
    assertThat(failedFast.body().path("message").asText()).contains("needs re-authorization since");
    assertThat(tokenRequests()).as("no token request while it needs re-authorization").isEqualTo(tokenRequests);

    connectSalesforce();

    assertThat(salesforce().path("state").asText()).isEqualTo("CONNECTED");
    assertThat(call("GET", "/api/connections/salesforce/check", null).status()).isEqualTo(200);
    String current = store.find(ConnectedSystem.SALESFORCE, accountId()).orElseThrow().refreshToken();

    ApiResponse disconnected = call("DELETE", "/api/connections/salesforce", null);

    assertThat(disconnected.status()).as("%s", disconnected.body()).isEqualTo(200);
    assertThat(disconnected.body().path("revokedAtProvider").asBoolean()).isTrue();
    assertThat(store.find(ConnectedSystem.SALESFORCE, accountId())).isEmpty();
    assertThat(refresh(current).body()).contains("invalid_grant");
    assertThat(salesforce().path("state").asText()).isEqualTo("NOT_CONNECTED");
    assertThat(call("DELETE", "/api/connections/salesforce", null).status()).isEqualTo(404);

    JsonNode events = call("GET", "/api/audit?from=" + since, null).body().path("events");
    assertThat(events.toString()).doesNotContain(refreshToken).doesNotContain(current);
    assertThat(actions(events, "SALESFORCE_CONNECTED")).isEqualTo(2);
    assertThat(actions(events, "SALESFORCE_DISCONNECTED")).isEqualTo(2);
    for (JsonNode event : events) {
      // A refusal (the second disconnect's 404) names no target: its request may hold anything.
      if (event.path("action").asText().startsWith("SALESFORCE_") && event.path("outcome").asText().equals("SUCCEEDED")) {
        assertThat(event.path("target").asText()).isEqualTo("org " + accountId());
      }
    }
  }

  @Test
  void aCallbackWithAnErrorOrAStateNotIssuedConnectsNothing() {
    HttpResponse<String> denied = browse("/connect/salesforce/callback?error=access_denied"
        + "&error_description=end-user+denied+authorization");
    assertThat(denied.statusCode()).isEqualTo(400);
    assertThat(denied.body()).contains("access_denied").contains("end-user denied authorization")
        .contains("Start again from Connect Salesforce");

    HttpResponse<String> forged = browse("/connect/salesforce/callback?code=aPrx123&state=forged");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("unknown or expired OAuth state");
    assertThat(call("POST", "/api/connections/salesforce/authorizations", null, null).status())
        .as("a credential is needed").isEqualTo(401);
  }

  private long tokenRequests() {
    return sandbox.callCounts(SandboxApi.SALESFORCE).entrySet().stream()
        .filter(count -> count.getKey().contains("/services/oauth2/token")).mapToLong(Map.Entry::getValue).sum();
  }

  private static long actions(JsonNode events, String action) {
    long count = 0;
    for (JsonNode event : events) {
      if (event.path("action").asText().equals(action)) {
        count++;
      }
    }
    return count;
  }

  private String accountId() {
    return URI.create(sandbox.salesforceUrl()).getHost();
  }

  private JsonNode salesforce() {
    ApiResponse list = call("GET", "/api/connections", null);
    assertThat(list.status()).isEqualTo(200);
    JsonNode org = list.body().get(list.body().size() - 1);
    assertThat(org.path("system").asText()).isEqualTo("SALESFORCE");
    return org;
  }

  /** As the admin page does: the API's link, Salesforce's consent (the sandbox approves at once), the callback. */
  private void connectSalesforce() {
    ApiResponse begin = call("POST", "/api/connections/salesforce/authorizations", null);
    assertThat(begin.status()).as("%s", begin.body()).isEqualTo(200);
    String authorizationUrl = begin.body().path("authorizationUrl").asText();
    assertThat(authorizationUrl).startsWith(sandbox.salesforceUrl() + "/services/oauth2/authorize?")
        .contains("redirect_uri=" + URLEncoder.encode("http://localhost:8080/connect/salesforce/callback",
            StandardCharsets.UTF_8));
    HttpResponse<String> consent = send(HttpRequest.newBuilder(URI.create(authorizationUrl)).build());
    URI callback = URI.create(consent.headers().firstValue("Location").orElseThrow());
    assertThat(callback.getPath()).isEqualTo("/connect/salesforce/callback");
    HttpResponse<String> connected = browse(callback.getPath() + "?" + callback.getRawQuery());
    assertThat(connected.statusCode()).as(connected.body()).isEqualTo(303);
    assertThat(connected.headers().firstValue("Location")).hasValue("/?connected=salesforce");
  }

  /** What an admin does in Salesforce Setup when they revoke the app's access: the refresh token dies. */
  private void revokeAtSalesforce(String refreshToken) {
    HttpResponse<String> revoked = send(form("/services/oauth2/revoke", "token=" + encode(refreshToken)));
    assertThat(revoked.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> refresh(String refreshToken) {
    return send(form("/services/oauth2/token", "grant_type=refresh_token&refresh_token=" + encode(refreshToken)
        + "&client_id=" + Sandbox.SALESFORCE_CLIENT_ID));
  }

  private HttpRequest form(String path, String body) {
    return HttpRequest.newBuilder(URI.create(sandbox.salesforceUrl() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
