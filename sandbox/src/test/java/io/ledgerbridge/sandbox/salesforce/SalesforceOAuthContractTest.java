package io.ledgerbridge.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Salesforce OAuth and session expiry (reference §1). */
class SalesforceOAuthContractTest {
  private static final String TOKEN = "/services/oauth2/token";
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient sf;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0).withClock(clock).withoutQboRateLimits()
        .withSalesforceSessionTtl(Duration.ofMinutes(30)));
    sf = new ContractClient(sandbox.salesforceUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void identityUrlFromTheTokenResponseAndTheDirectoryDescribesTheUser() {
    JsonNode token = sf.postForm(TOKEN, Map.of("grant_type", "client_credentials",
        "client_id", Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET)).json();
    String accessToken = token.get("access_token").asText();
    String identityUrl = token.get("id").asText();
    assertThat(sf.get(SalesforceConnection.API, SalesforceConnection.bearer(accessToken)).json().get("identity").asText())
        .isEqualTo(identityUrl);

    ContractClient.Reply reply = sf.get(identityUrl, SalesforceConnection.bearer(accessToken));
    assertThat(reply.status()).isEqualTo(200);
    JsonNode me = reply.json();
    assertThat(me.get("id").asText()).isEqualTo(identityUrl);
    assertThat(identityUrl).endsWith("/" + me.get("organization_id").asText() + "/" + me.get("user_id").asText());
    assertThat(me.get("username").asText()).contains("@");
    assertThat(me.get("user_type").asText()).isEqualTo("STANDARD");
    assertThat(me.at("/urls/rest").asText()).isEqualTo(sandbox.salesforceUrl() + "/services/data/v{version}/");
    assertThat(sf.get(identityUrl + "?version=latest&oauth_token=" + accessToken).json().at("/urls/sobjects").asText())
        .isEqualTo(sandbox.salesforceUrl() + "/services/data/v62.0/sobjects/");

    ContractClient.Reply missing = sf.get(identityUrl);
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.body()).isEqualTo("Missing_OAuth_Token");
    assertThat(sf.get(identityUrl, SalesforceConnection.bearer("00Dbogus!token")).body()).isEqualTo("Bad_OAuth_Token");
    ContractClient.Reply otherUser = sf.get(identityUrl.substring(0, identityUrl.lastIndexOf('/')) + "/005000000000001AAA",
        SalesforceConnection.bearer(accessToken));
    assertThat(otherUser.status()).isEqualTo(404);
    assertThat(otherUser.body()).isEqualTo("Bad_Id");
    assertThat(sf.get(identityUrl + "?version=banana", SalesforceConnection.bearer(accessToken)).status()).isEqualTo(406);
  }

  @Test
  void clientCredentialsReturnsSalesforceTokenShape() throws Exception {
    ContractClient.Reply reply = sf.postForm(TOKEN, Map.of("grant_type", "client_credentials",
        "client_id", Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("instance_url").asText()).isEqualTo(sandbox.salesforceUrl());
    assertThat(body.get("access_token").asText()).matches("00D\\w{12}!.+");
    assertThat(body.get("issued_at").asText()).isEqualTo(Long.toString(clock.millis()));
    assertThat(body.get("id").asText()).matches(".*/id/00D\\w{15}/005\\w{15}");
    assertThat(body.has("expires_in")).isFalse();
    assertThat(body.has("refresh_token")).isFalse();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Sandbox.SALESFORCE_CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(
        mac.doFinal((body.get("id").asText() + body.get("issued_at").asText()).getBytes(StandardCharsets.UTF_8)));
    assertThat(body.get("signature").asText()).isEqualTo(expected);
  }

  @Test
  void clientCredentialsAcceptsBasicAuth() {
    ContractClient.Reply reply = sf.postForm(TOKEN, Map.of("grant_type", "client_credentials"),
        "Authorization", ContractClient.basic(Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void tokenErrorsUseOAuthShape() {
    assertTokenError(Map.of("grant_type", "client_credentials", "client_id", Sandbox.SALESFORCE_CLIENT_ID,
        "client_secret", "wrong"), "invalid_client");
    assertTokenError(Map.of("grant_type", "client_credentials", "client_id", "someone-else",
        "client_secret", "x"), "invalid_client_id");
    assertTokenError(Map.of("grant_type", "magic", "client_id", Sandbox.SALESFORCE_CLIENT_ID), "unsupported_grant_type");
    assertTokenError(Map.of("grant_type", "refresh_token", "client_id", Sandbox.SALESFORCE_CLIENT_ID,
        "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET, "refresh_token", "nope"), "invalid_grant");
  }

  @Test
  void webServerFlowIssuesARefreshTokenThatRefreshes() {
    String redirect = "http://localhost:8080/oauth/sf/callback";
    ContractClient.Reply consent = sf.get("/services/oauth2/authorize?response_type=code&client_id="
        + Sandbox.SALESFORCE_CLIENT_ID + "&redirect_uri=" + ContractClient.encode(redirect) + "&state=abc");
    assertThat(consent.status()).isEqualTo(302);
    Map<String, String> callback = ContractClient.queryOf(consent.header("Location"));
    assertThat(callback).containsEntry("state", "abc");

    JsonNode tokens = sf.postForm(TOKEN, Map.of("grant_type", "authorization_code", "code", callback.get("code"),
        "redirect_uri", redirect, "client_id", Sandbox.SALESFORCE_CLIENT_ID,
        "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET)).json();
    assertThat(tokens.get("refresh_token").asText()).isNotBlank();

    ContractClient.Reply refreshed = sf.postForm(TOKEN, Map.of("grant_type", "refresh_token",
        "refresh_token", tokens.get("refresh_token").asText(), "client_id", Sandbox.SALESFORCE_CLIENT_ID,
        "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().get("access_token").asText()).isNotEqualTo(tokens.get("access_token").asText());
  }

  @Test
  void revokingARefreshTokenEndsItAndTheSessionsItOpened() {
    String redirect = "http://localhost:8080/connect/salesforce/callback";
    ContractClient.Reply consent = sf.get("/services/oauth2/authorize?response_type=code&client_id="
        + Sandbox.SALESFORCE_CLIENT_ID + "&redirect_uri=" + ContractClient.encode(redirect));
    JsonNode tokens = sf.postForm(TOKEN, Map.of("grant_type", "authorization_code",
        "code", ContractClient.queryOf(consent.header("Location")).get("code"), "redirect_uri", redirect,
        "client_id", Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET)).json();
    String refreshToken = tokens.get("refresh_token").asText();
    String refreshed = sf.postForm(TOKEN, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
        "client_id", Sandbox.SALESFORCE_CLIENT_ID)).json().get("access_token").asText();
    String unrelated = SalesforceConnection.accessToken(sf);

    assertThat(sf.postForm("/services/oauth2/revoke", Map.of("token", refreshToken)).status()).isEqualTo(200);

    assertThat(sf.get(SalesforceConnection.API + "/limits", SalesforceConnection.bearer(tokens.get("access_token").asText()))
        .status()).isEqualTo(401);
    assertThat(sf.get(SalesforceConnection.API + "/limits", SalesforceConnection.bearer(refreshed)).status()).isEqualTo(401);
    assertThat(sf.get(SalesforceConnection.API + "/limits", SalesforceConnection.bearer(unrelated)).status()).isEqualTo(200);
    assertTokenError(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
        "client_id", Sandbox.SALESFORCE_CLIENT_ID), "invalid_grant");
  }

  @Test
  void expiredSessionGetsInvalidSessionId() {
    String token = SalesforceConnection.accessToken(sf);
    String path = SalesforceConnection.API + "/query?q=" + ContractClient.encode("SELECT Id FROM Account");
    assertThat(sf.get(path, SalesforceConnection.bearer(token)).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(31));
    ContractClient.Reply expired = sf.get(path, SalesforceConnection.bearer(token));

    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json()).isEqualTo(ContractClient.parse(
        "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"));
  }

  @Test
  void versionListNeedsNoSessionAndCarriesNoUsageHeader() {
    ContractClient.Reply reply = sf.get("/services/data/");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Sforce-Limit-Info")).isNull();
    JsonNode newest = reply.json().get(reply.json().size() - 1);
    assertThat(newest.get("version").asText()).isEqualTo("62.0");
    assertThat(newest.get("url").asText()).isEqualTo("/services/data/v62.0");
    assertThat(newest.get("label").asText()).isEqualTo("Winter '25");
  }

  private static void assertTokenError(Map<String, String> form, String error) {
    ContractClient.Reply reply = sf.postForm(TOKEN, form);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo(error);
    assertThat(reply.json().get("error_description").asText()).isNotBlank();
  }
}
