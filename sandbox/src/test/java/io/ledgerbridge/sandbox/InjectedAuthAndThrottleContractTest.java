package io.ledgerbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Injected expired tokens and throttling answer as each API does: QBO's gateway 401 AuthenticationFailed
 * and 429 with Retry-After; Salesforce's 401 INVALID_SESSION_ID and 403 REQUEST_LIMIT_EXCEEDED. An expired
 * token stays expired, so only a client that gets a new one gets through.
 */
class InjectedAuthAndThrottleContractTest {
  private static final String QBO_COUNT = "/v3/company/" + Sandbox.DEMO_REALM_ID + "/query?query="
      + ContractClient.encode("select count(*) from Customer");
  private static final String SF_QUERY = "/services/data/v62.0/query?q=" + ContractClient.encode("SELECT Id FROM Account");
  private static final String REDIRECT = "http://localhost/cb";
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
  void anExpiredQuickBooksTokenGetsTheGateways401UntilTheClientRefreshes() {
    JsonNode tokens = qboConnect();
    String[] auth = {"Authorization", "Bearer " + tokens.get("access_token").asText()};
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withRate(FaultKind.EXPIRED_TOKEN, 1.0));

    ContractClient.Reply rejected = qbo.get(QBO_COUNT, auth);
    // The refresh itself is an OAuth call, which an expired-token fault never touches.
    JsonNode refreshed = qboRefresh(tokens.get("refresh_token").asText());
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none());

    assertThat(rejected.status()).isEqualTo(401);
    assertThat(rejected.json().at("/fault/type").asText()).isEqualTo("AUTHENTICATION");
    assertThat(rejected.json().at("/fault/error/0/code").asText()).isEqualTo("3200");
    assertThat(rejected.json().at("/fault/error/0/message").asText())
        .isEqualTo("message=AuthenticationFailed; errorCode=003200; statusCode=401");
    assertThat(rejected.json().at("/fault/error/0/detail").asText()).startsWith("Token expired: ");
    assertThat(qbo.get(QBO_COUNT, auth).status()).as("the old token, retried without refreshing").isEqualTo(401);
    assertThat(qbo.get(QBO_COUNT, "Authorization", "Bearer " + refreshed.get("access_token").asText()).status())
        .isEqualTo(200);
  }

  @Test
  void anExpiredSalesforceSessionGetsInvalidSessionIdUntilTheClientLogsInAgain() {
    String[] auth = {"Authorization", "Bearer " + sfToken()};
    sandbox.injectFaults(SandboxApi.SALESFORCE, FaultInjection.none().withRate(FaultKind.EXPIRED_TOKEN, 1.0));

    ContractClient.Reply rejected = sf.get(SF_QUERY, auth);
    String fresh = sfToken();
    sandbox.injectFaults(SandboxApi.SALESFORCE, FaultInjection.none());

    assertThat(rejected.status()).isEqualTo(401);
    assertThat(rejected.json()).isEqualTo(ContractClient.parse(
        "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"));
    assertThat(sf.get(SF_QUERY, auth).status()).as("the old session, retried as is").isEqualTo(401);
    assertThat(sf.get(SF_QUERY, "Authorization", "Bearer " + fresh).status()).isEqualTo(200);
  }

  @Test
  void anInjectedQuickBooks429SaysHowLongToWait() {
    String[] auth = {"Authorization", "Bearer " + qboConnect().get("access_token").asText()};
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withRate(FaultKind.THROTTLED, 1.0));
    ContractClient.Reply byDefault = qbo.get(QBO_COUNT, auth);
    sandbox.injectFaults(SandboxApi.QUICKBOOKS,
        FaultInjection.none().withRate(FaultKind.THROTTLED, 1.0).withRetryAfter(Duration.ofSeconds(7)));
    ContractClient.Reply chosen = qbo.get(QBO_COUNT, auth);

    assertThat(byDefault.status()).isEqualTo(429);
    assertThat(byDefault.body()).contains("message=ThrottleExceeded; errorCode=003001; statusCode=429");
    assertThat(byDefault.header("Retry-After")).isEqualTo("1");
    assertThat(chosen.header("Retry-After")).isEqualTo("7");
  }

  @Test
  void salesforceThrottlingIsA403WithoutRetryAfterAsSalesforceSendsIt() {
    String[] auth = {"Authorization", "Bearer " + sfToken()};
    sandbox.injectFaults(SandboxApi.SALESFORCE, FaultInjection.none().withRate(FaultKind.THROTTLED, 1.0));

    ContractClient.Reply throttled = sf.get(SF_QUERY, auth);

    assertThat(throttled.status()).isEqualTo(403);
    assertThat(throttled.json().at("/0/errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(throttled.header("Retry-After")).isNull();
  }

  @Test
  void theAdminApiTakesTheNewKindAndTheRetryAfter() {
    ContractClient.Reply set = qbo.send("PUT", "/__sandbox/faults",
        "{\"rates\":{\"401\":0.1,\"429\":0.1},\"retryAfterSeconds\":3}");

    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().at("/rates/401").asDouble()).isEqualTo(0.1);
    assertThat(set.json().at("/retryAfterSeconds").asLong()).isEqualTo(3);
    assertThat(sandbox.faults(SandboxApi.QUICKBOOKS).rates()).containsEntry(FaultKind.EXPIRED_TOKEN, 0.1);
    assertThat(sandbox.faults(SandboxApi.QUICKBOOKS).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(qbo.send("PUT", "/__sandbox/faults", "{\"rates\":{\"expired-token\":0.2}}").json().at("/rates/401")
        .asDouble()).isEqualTo(0.2);
  }

  private static JsonNode qboConnect() {
    ContractClient.Reply consent = qbo.get("/connect/oauth2?response_type=code&client_id=" + Sandbox.QBO_CLIENT_ID
        + "&redirect_uri=" + ContractClient.encode(REDIRECT) + "&scope=com.intuit.quickbooks.accounting&state=s");
    String code = ContractClient.queryOf(consent.header("Location")).get("code");
    return qbo.postForm("/oauth2/v1/tokens/bearer", Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", REDIRECT), "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET))
        .json();
  }

  private static JsonNode qboRefresh(String refreshToken) {
    ContractClient.Reply reply = qbo.postForm("/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET));
    assertThat(reply.status()).as("refresh: %s", reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static String sfToken() {
    return sf.postForm("/services/oauth2/token", Map.of("grant_type", "client_credentials", "client_id",
        Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET)).json().get("access_token").asText();
  }
}
