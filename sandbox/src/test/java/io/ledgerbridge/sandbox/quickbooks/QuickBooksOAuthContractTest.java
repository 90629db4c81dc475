package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** QBO OAuth 2.0 as documented in reference §6 and the gateway 401 of §4.3. */
class QuickBooksOAuthContractTest {
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient qbo;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(3).withClock(clock).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void consentRedirectsBackWithCodeStateAndDemoRealm() {
    ContractClient.Reply reply = qbo.get("/connect/oauth2?response_type=code&client_id=" + Sandbox.QBO_CLIENT_ID
        + "&redirect_uri=" + ContractClient.encode(QboConnection.REDIRECT_URI)
        + "&scope=com.intuit.quickbooks.accounting%20openid&state=s-123");

    assertThat(reply.status()).isEqualTo(302);
    String location = reply.header("Location");
    assertThat(location).startsWith(QboConnection.REDIRECT_URI + "?");
    Map<String, String> query = ContractClient.queryOf(location);
    assertThat(query).containsEntry("state", "s-123").containsEntry("realmId", Sandbox.DEMO_REALM_ID);
    assertThat(query.get("code")).isNotBlank();
  }

  @Test
  void discoveryDocumentNamesTheSandboxEndpoints() {
    for (String path : new String[] {"/.well-known/openid_configuration", "/.well-known/openid_sandbox_configuration/"}) {
      ContractClient.Reply reply = qbo.get(path);
      assertThat(reply.status()).isEqualTo(200);
      JsonNode body = reply.json();
      assertThat(body.get("authorization_endpoint").asText()).isEqualTo(sandbox.quickBooksUrl() + "/connect/oauth2");
      assertThat(body.get("token_endpoint").asText()).isEqualTo(sandbox.quickBooksUrl() + "/oauth2/v1/tokens/bearer");
      assertThat(body.get("revocation_endpoint").asText()).isEqualTo(sandbox.quickBooksUrl() + "/v2/oauth2/tokens/revoke");
      assertThat(body.get("issuer").asText()).isNotBlank();
      assertThat(body.get("response_types_supported")).extracting(JsonNode::asText).containsExactly("code");
    }
  }

  @Test
  void realmHintConnectsAnotherCompany() {
    String code = QboConnection.authorize(qbo, "4620816365178493970");
    assertThat(code).isNotBlank();
    JsonNode tokens = QboConnection.connect(qbo, "4620816365178493970");
    ContractClient.Reply reply = qbo.get("/v3/company/4620816365178493970/query?query="
        + ContractClient.encode("select count(*) from Customer"), bearer(tokens.get("access_token").asText()));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/QueryResponse/totalCount").asInt()).isZero();
  }

  @Test
  void codeExchangeReturnsIntuitTokenShape() {
    JsonNode tokens = QboConnection.connect(qbo, null);

    assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
    assertThat(tokens.get("x_refresh_token_expires_in").asLong()).isGreaterThan(8_000_000);
    assertThat(tokens.get("access_token").asText()).isNotBlank();
    assertThat(tokens.get("refresh_token").asText()).isNotBlank();
  }

  @Test
  void authorizationCodeWorksOnlyOnce() {
    String code = QboConnection.authorize(qbo, null);
    Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
        QboConnection.REDIRECT_URI);
    String basic = ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET);

    assertThat(qbo.postForm("/oauth2/v1/tokens/bearer", form, "Authorization", basic).status()).isEqualTo(200);
    ContractClient.Reply second = qbo.postForm("/oauth2/v1/tokens/bearer", form, "Authorization", basic);
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.json().get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void refreshRotatesAndTheOldRefreshTokenDiesAtOnce() {
    JsonNode first = QboConnection.connect(qbo, null);
    String original = first.get("refresh_token").asText();

    JsonNode second = QboConnection.refresh(qbo, original, 200);
    assertThat(second.get("refresh_token").asText()).isNotEqualTo(original);
    assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());

    JsonNode rejected = QboConnection.refresh(qbo, original, 400);
    assertThat(rejected.get("error").asText()).isEqualTo("invalid_grant");
    QboConnection.refresh(qbo, second.get("refresh_token").asText(), 200);
  }

  @Test
  void withIntuitsGracePeriodTheRotatedOutTokenWorksForADay() {
    MutableClock graceClock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
    try (Sandbox graceful = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(1)
        .withClock(graceClock).withRotatedRefreshTokenGrace(Duration.ofHours(24)))) {
      ContractClient client = new ContractClient(graceful.quickBooksUrl());
      String original = QboConnection.connect(client, null).get("refresh_token").asText();
      QboConnection.refresh(client, original, 200);
      graceClock.advance(Duration.ofHours(23));
      QboConnection.refresh(client, original, 200);
      graceClock.advance(Duration.ofHours(2));
      QboConnection.refresh(client, original, 400);
    }
  }

  @Test
  void unknownRefreshTokenIsInvalidGrant() {
    JsonNode body = QboConnection.refresh(qbo, "AB11-not-a-token", 400);
    assertThat(body.get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void wrongClientSecretIsInvalidClient() {
    ContractClient.Reply reply = qbo.postForm("/oauth2/v1/tokens/bearer",
        Map.of("grant_type", "refresh_token", "refresh_token", "whatever"),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, "wrong"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void unsupportedGrantTypeIsRefused() {
    ContractClient.Reply reply = qbo.postForm("/oauth2/v1/tokens/bearer", Map.of("grant_type", "password"),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void expiredAccessTokenGetsGateway401AndRefreshRecovers() {
    JsonNode tokens = QboConnection.connect(qbo, null);
    String customerPath = "/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer/1?minorversion=75";
    assertThat(qbo.get(customerPath, bearer(tokens.get("access_token").asText())).status()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(3601));
    ContractClient.Reply expired = qbo.get(customerPath, bearer(tokens.get("access_token").asText()));

    assertThat(expired.status()).isEqualTo(401);
    JsonNode body = expired.json();
    assertThat(body.at("/fault/type").asText()).isEqualTo("AUTHENTICATION");
    assertThat(body.at("/fault/error/0/code").asText()).isEqualTo("3200");
    assertThat(body.at("/fault/error/0/message").asText())
        .isEqualTo("message=AuthenticationFailed; errorCode=003200; statusCode=401");
    assertThat(body.at("/fault/error/0/detail").asText()).startsWith("Token expired: ");
    assertThat(body.get("time").isNumber()).isTrue();
    assertThat(body.get("batchItemResponse").isArray()).isTrue();
    assertThat(body.has("Fault")).isFalse();

    JsonNode refreshed = QboConnection.refresh(qbo, tokens.get("refresh_token").asText(), 200);
    assertThat(qbo.get(customerPath, bearer(refreshed.get("access_token").asText())).status()).isEqualTo(200);
  }

  @Test
  void missingOrForeignTokenIsUnauthorized() {
    String path = "/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer/1";
    ContractClient.Reply missing = qbo.get(path);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().at("/fault/error/0/code").asText()).isEqualTo("3200");

    String otherRealmToken = QboConnection.connect(qbo, "1234567890").get("access_token").asText();
    ContractClient.Reply foreign = qbo.get(path, bearer(otherRealmToken));
    assertThat(foreign.status()).isEqualTo(401);
    assertThat(foreign.json().at("/Fault/Error/0/code").asText()).isEqualTo("100");
  }

  @Test
  void revokedConnectionCannotRefresh() {
    JsonNode tokens = QboConnection.connect(qbo, null);
    ContractClient.Reply revoke = qbo.postJson("/v2/oauth2/tokens/revoke",
        Map.of("token", tokens.get("refresh_token").asText()),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET));
    assertThat(revoke.status()).isEqualTo(200);
    QboConnection.refresh(qbo, tokens.get("refresh_token").asText(), 400);
    assertThat(qbo.get("/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer/1",
        bearer(tokens.get("access_token").asText())).status()).isEqualTo(401);
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token, "Accept", "application/json"};
  }
}
