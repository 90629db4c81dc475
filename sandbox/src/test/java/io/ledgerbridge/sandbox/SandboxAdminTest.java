package io.ledgerbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fault injection, counters, token revocation and reset, through the Java API and the admin HTTP API. */
class SandboxAdminTest {
  private static final String QBO_COUNT = "/v3/company/" + Sandbox.DEMO_REALM_ID + "/query?query="
      + ContractClient.encode("select count(*) from Customer");
  private static final String SF_QUERY = "/services/data/v62.0/query?q=" + ContractClient.encode("SELECT Id FROM Account");
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static ContractClient sf;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(5).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    sf = new ContractClient(sandbox.salesforceUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none());
    sandbox.injectFaults(SandboxApi.SALESFORCE, FaultInjection.none());
  }

  @Test
  void injectedServerErrorsSpeakEachApisFormat() {
    String[] qboAuth = {"Authorization", "Bearer " + qboToken()};
    String[] sfAuth = {"Authorization", "Bearer " + sfToken()};
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withRate(FaultKind.SERVER_ERROR, 1.0));
    sandbox.injectFaults(SandboxApi.SALESFORCE, FaultInjection.none().withRate(FaultKind.THROTTLED, 1.0));

    ContractClient.Reply qboReply = qbo.get(QBO_COUNT, qboAuth);
    assertThat(qboReply.status()).isEqualTo(500);
    assertThat(qboReply.json().at("/Fault/type").asText()).isEqualTo("SystemFault");
    ContractClient.Reply sfReply = sf.get(SF_QUERY, sfAuth);
    assertThat(sfReply.status()).isEqualTo(403);
    assertThat(sfReply.json().at("/0/errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
  }

  @Test
  void droppedConnectionGivesTheClientAnIoError() {
    String[] auth = {"Authorization", "Bearer " + qboToken()};
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withRate(FaultKind.DROPPED_CONNECTION, 1.0));
    assertThatThrownBy(() -> qbo.get(QBO_COUNT, auth)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void latencyAndPathPrefixApplyOnlyWhereAsked() {
    String[] auth = {"Authorization", "Bearer " + qboToken()};
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withLatency(Duration.ofMillis(300))
        .withRate(FaultKind.UNAVAILABLE, 1.0).onlyForPathsStartingWith("/v3/company/" + Sandbox.DEMO_REALM_ID + "/cdc"));
    long started = System.nanoTime();
    assertThat(qbo.get(QBO_COUNT, auth).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));

    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withLatency(Duration.ofMillis(300)));
    started = System.nanoTime();
    assertThat(qbo.get(QBO_COUNT, auth).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void adminHttpSetsFaultsAndReportsCounters() {
    String[] auth = {"Authorization", "Bearer " + sfToken()};
    ContractClient.Reply set = sf.send("PUT", "/__sandbox/faults", "{\"rates\":{\"503\":1.0}}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().at("/rates/503").asDouble()).isEqualTo(1.0);
    assertThat(sf.get(SF_QUERY, auth).json().at("/0/errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");
    assertThat(sf.delete("/__sandbox/faults").status()).isEqualTo(204);
    assertThat(sf.get(SF_QUERY, auth).status()).isEqualTo(200);

    JsonNode counters = sf.get("/__sandbox/counters").json();
    assertThat(counters.at("/calls/GET ~1services~1data~1{version}~1query").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(counters.at("/statuses/503").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(sandbox.callCounts(SandboxApi.SALESFORCE)).containsKey("POST /services/oauth2/token");
    assertThat(sf.send("PUT", "/__sandbox/faults", "{\"rates\":{\"nonsense\":1}}").status()).isEqualTo(400);
  }

  @Test
  void revokeTokensEndsEverySession() {
    String token = sfToken();
    String[] auth = {"Authorization", "Bearer " + token};
    assertThat(sf.get(SF_QUERY, auth).status()).isEqualTo(200);
    assertThat(sf.postForm("/__sandbox/revoke-tokens", Map.of()).status()).isEqualTo(204);
    assertThat(sf.get(SF_QUERY, auth).status()).isEqualTo(401);

    String qboToken = qboToken();
    sandbox.revokeTokens();
    assertThat(qbo.get(QBO_COUNT, "Authorization", "Bearer " + qboToken).status()).isEqualTo(401);
  }

  @Test
  void resetRestoresTheSeededData() {
    String[] auth = {"Authorization", "Bearer " + qboToken()};
    qbo.postJson("/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer", Map.of("DisplayName", "Reset Me Co"), auth);
    assertThat(qbo.get(QBO_COUNT, auth).json().at("/QueryResponse/totalCount").asInt()).isEqualTo(6);
    assertThat(qbo.postForm("/__sandbox/reset", Map.of()).status()).isEqualTo(204);
    assertThat(qbo.get(QBO_COUNT, auth).json().at("/QueryResponse/totalCount").asInt()).isEqualTo(5);
  }

  private static String qboToken() {
    String redirect = "http://localhost/cb";
    ContractClient.Reply consent = qbo.get("/connect/oauth2?response_type=code&client_id=" + Sandbox.QBO_CLIENT_ID
        + "&redirect_uri=" + ContractClient.encode(redirect) + "&scope=com.intuit.quickbooks.accounting&state=s");
    String code = ContractClient.queryOf(consent.header("Location")).get("code");
    return qbo.postForm("/oauth2/v1/tokens/bearer", Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", redirect), "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET))
        .json().get("access_token").asText();
  }

  private static String sfToken() {
    return sf.postForm("/services/oauth2/token", Map.of("grant_type", "client_credentials", "client_id",
        Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET)).json().get("access_token").asText();
  }
}
