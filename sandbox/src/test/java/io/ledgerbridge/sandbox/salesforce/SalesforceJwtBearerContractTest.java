package io.ledgerbridge.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OAuth 2.0 JWT bearer flow (reference §1): an RS256 assertion verified by the connected app's certificate. */
class SalesforceJwtBearerContractTest {
  private static final String TOKEN = "/services/oauth2/token";
  private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static KeyPair registered;

  @BeforeAll
  static void start() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0).withClock(clock).withoutQboRateLimits());
    sf = new ContractClient(sandbox.salesforceUrl());
    registered = rsaKeyPair();
    sandbox.useSalesforceJwtCertificateKey(registered.getPublic());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aGoodAssertionOpensASessionWithoutARefreshToken() {
    ContractClient.Reply reply = token(assertion(registered.getPrivate(), Sandbox.SALESFORCE_CLIENT_ID,
        Sandbox.SALESFORCE_USERNAME, sandbox.salesforceUrl(), expiresInSeconds(180)));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(body.get("instance_url").asText()).isEqualTo(sandbox.salesforceUrl());
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    String accessToken = body.get("access_token").asText();
    assertThat(sf.get(SalesforceConnection.API + "/limits", SalesforceConnection.bearer(accessToken)).status())
        .isEqualTo(200);
  }

  @Test
  void anExpiredAssertionIsRefused() {
    assertRefused(assertion(registered.getPrivate(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_USERNAME,
        sandbox.salesforceUrl(), expiresInSeconds(-1)), "invalid_grant", "expired authorization code");
  }

  @Test
  void anotherAudienceIsRefused() {
    assertRefused(assertion(registered.getPrivate(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_USERNAME,
        "https://login.salesforce.com", expiresInSeconds(180)), "invalid_grant", "audience is invalid");
  }

  @Test
  void anAssertionSignedByAnotherKeyIsRefused() throws Exception {
    assertRefused(assertion(rsaKeyPair().getPrivate(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_USERNAME,
        sandbox.salesforceUrl(), expiresInSeconds(180)), "invalid_grant", "invalid assertion");
  }

  @Test
  void anAlteredAssertionIsRefused() {
    String good = assertion(registered.getPrivate(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_USERNAME,
        sandbox.salesforceUrl(), expiresInSeconds(180));
    String[] parts = good.split("\\.");
    String otherClaims = base64Url(("{\"iss\":\"" + Sandbox.SALESFORCE_CLIENT_ID + "\",\"sub\":\"someone@else.example\","
        + "\"aud\":\"" + sandbox.salesforceUrl() + "\",\"exp\":" + expiresInSeconds(180) + "}")
        .getBytes(StandardCharsets.UTF_8));

    assertRefused(parts[0] + "." + otherClaims + "." + parts[2], "invalid_grant", "invalid assertion");
    assertRefused("not-a-jwt", "invalid_grant", "invalid assertion");
  }

  @Test
  void anUnknownUserIsRefused() {
    assertRefused(assertion(registered.getPrivate(), Sandbox.SALESFORCE_CLIENT_ID, "nobody@example.com",
        sandbox.salesforceUrl(), expiresInSeconds(180)), "invalid_grant", "user hasn't approved this consumer");
  }

  @Test
  void anUnknownConsumerKeyIsRefused() {
    assertRefused(assertion(registered.getPrivate(), "not-the-consumer-key", Sandbox.SALESFORCE_USERNAME,
        sandbox.salesforceUrl(), expiresInSeconds(180)), "invalid_client_id", "client identifier invalid");
  }

  @Test
  void theAdminApiUploadsTheConnectedAppsCertificate() throws Exception {
    KeyPair uploaded = rsaKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(uploaded.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    try {
      assertThat(sf.send("PUT", "/__sandbox/jwt-certificate", pem).status()).isEqualTo(204);

      assertThat(token(assertion(uploaded.getPrivate(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_USERNAME,
          sandbox.salesforceUrl(), expiresInSeconds(180))).status()).isEqualTo(200);
      assertRefused(assertion(registered.getPrivate(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_USERNAME,
          sandbox.salesforceUrl(), expiresInSeconds(180)), "invalid_grant", "invalid assertion");
      ContractClient.Reply notPem = sf.send("PUT", "/__sandbox/jwt-certificate", "not a key");
      assertThat(notPem.status()).isEqualTo(400);
      assertThat(notPem.body()).contains("BEGIN CERTIFICATE");
    } finally {
      sandbox.useSalesforceJwtCertificateKey(registered.getPublic());
    }
  }

  private static void assertRefused(String assertion, String error, String description) {
    ContractClient.Reply reply = token(assertion);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).isEqualTo(error);
    assertThat(reply.json().get("error_description").asText()).isEqualTo(description);
  }

  private static ContractClient.Reply token(String assertion) {
    return sf.postForm(TOKEN, Map.of("grant_type", GRANT_TYPE, "assertion", assertion));
  }

  private static long expiresInSeconds(long seconds) {
    return clock.instant().getEpochSecond() + seconds;
  }

  private static String assertion(PrivateKey key, String issuer, String subject, String audience, long expiresAt) {
    String header = base64Url("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String claims = base64Url(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience
        + "\",\"exp\":" + expiresAt + "}").getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return header + "." + claims + "." + base64Url(rs256.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static KeyPair rsaKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }
}
