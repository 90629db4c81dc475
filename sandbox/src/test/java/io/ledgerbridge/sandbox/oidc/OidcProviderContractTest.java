package io.ledgerbridge.sandbox.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenID Connect provider's discovery, authorization code flow with PKCE, ID tokens and JWKS. */
class OidcProviderContractTest {
  private static final String REDIRECT_URI = "http://localhost:8080/api/session/oidc/callback";
  private static final String VERIFIER = "a-code-verifier-of-at-least-43-characters-0123456789";
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static OidcProviderSimulator provider;
  private static ContractClient oidc;

  @BeforeAll
  static void start() {
    provider = OidcProviderSimulator.start("127.0.0.1", 0, clock);
    oidc = new ContractClient(provider.issuer());
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @BeforeEach
  void defaultPerson() {
    provider.signInAs(OidcProviderSimulator.DEFAULT_EMAIL, true);
  }

  @Test
  void discoveryNamesTheEndpointsUnderTheIssuer() {
    JsonNode discovery = oidc.get("/.well-known/openid-configuration").json();

    assertThat(discovery.get("issuer").asText()).isEqualTo(provider.issuer());
    assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(provider.issuer() + "/authorize");
    assertThat(discovery.get("token_endpoint").asText()).isEqualTo(provider.issuer() + "/token");
    assertThat(discovery.get("jwks_uri").asText()).isEqualTo(provider.issuer() + "/jwks");
    assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
    assertThat(discovery.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
  }

  @Test
  void theCodeBuysAnIdTokenSignedByTheJwksKeyForThePersonSignedIn() throws Exception {
    provider.signInAs("alice@example.com", true);
    Map<String, String> callback = authorize("state-1", "nonce-1");
    assertThat(callback.get("state")).isEqualTo("state-1");

    ContractClient.Reply token = redeem(callback.get("code"), VERIFIER,
        ContractClient.basic(OidcProviderSimulator.CLIENT_ID, OidcProviderSimulator.CLIENT_SECRET));

    assertThat(token.status()).as(token.body()).isEqualTo(200);
    String[] parts = token.json().get("id_token").asText().split("\\.");
    assertThat(verifies(parts)).isTrue();
    JsonNode claims = decode(parts[1]);
    assertThat(claims.get("iss").asText()).isEqualTo(provider.issuer());
    assertThat(claims.get("aud").asText()).isEqualTo(OidcProviderSimulator.CLIENT_ID);
    assertThat(claims.get("email").asText()).isEqualTo("alice@example.com");
    assertThat(claims.get("email_verified").asBoolean()).isTrue();
    assertThat(claims.get("nonce").asText()).isEqualTo("nonce-1");
    assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(claims.get("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 3600);
    assertThat(decode(parts[0]).get("kid").asText()).isEqualTo(jwk().get("kid").asText());
  }

  @Test
  void aCodeIsRedeemedOnceOnlyWithItsVerifierAndByTheClient() {
    String code = authorize("s", "n").get("code");
    String client = ContractClient.basic(OidcProviderSimulator.CLIENT_ID, OidcProviderSimulator.CLIENT_SECRET);

    assertThat(redeem(code, VERIFIER, ContractClient.basic(OidcProviderSimulator.CLIENT_ID, "wrong")).status()).isEqualTo(401);
    ContractClient.Reply wrongVerifier = redeem(code, VERIFIER + "x", client);
    assertThat(wrongVerifier.status()).isEqualTo(400);
    assertThat(wrongVerifier.json().get("error_description").asText()).contains("code_verifier");
    String secondCode = authorize("s", "n").get("code");
    assertThat(redeem(secondCode, VERIFIER, client).status()).isEqualTo(200);
    assertThat(redeem(secondCode, VERIFIER, client).json().get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void authorizeWithoutPkceOrOpenidScopeGoesBackWithAnError() {
    ContractClient.Reply noPkce = oidc.get("/authorize?response_type=code&scope=openid&client_id="
        + OidcProviderSimulator.CLIENT_ID + "&redirect_uri=" + ContractClient.encode(REDIRECT_URI) + "&state=s");
    assertThat(ContractClient.queryOf(noPkce.header("Location"))).containsEntry("error", "invalid_request").containsEntry("state", "s");
    ContractClient.Reply unknownClient = oidc.get("/authorize?response_type=code&scope=openid&client_id=other&redirect_uri="
        + ContractClient.encode(REDIRECT_URI));
    assertThat(unknownClient.status()).isEqualTo(400);
  }

  @Test
  void forgeriesBreakTheNextIdTokenOnly() throws Exception {
    provider.forgeNextIdToken(IdTokenForgery.TAMPERED);
    assertThat(verifies(idToken())).isFalse();
    assertThat(verifies(idToken())).isTrue();

    provider.forgeNextIdToken(IdTokenForgery.UNKNOWN_KEY);
    assertThat(verifies(idToken())).isFalse();

    provider.forgeNextIdToken(IdTokenForgery.WRONG_AUDIENCE);
    assertThat(decode(idToken()[1]).get("aud").asText()).isNotEqualTo(OidcProviderSimulator.CLIENT_ID);

    provider.forgeNextIdToken(IdTokenForgery.EXPIRED);
    assertThat(decode(idToken()[1]).get("exp").asLong()).isLessThan(clock.instant().getEpochSecond());
  }

  private Map<String, String> authorize(String state, String nonce) {
    ContractClient.Reply consent = oidc.get("/authorize?response_type=code&scope=openid%20email&client_id="
        + OidcProviderSimulator.CLIENT_ID + "&redirect_uri=" + ContractClient.encode(REDIRECT_URI) + "&state=" + state
        + "&nonce=" + nonce + "&code_challenge=" + s256(VERIFIER) + "&code_challenge_method=S256");
    assertThat(consent.status()).isEqualTo(302);
    assertThat(consent.header("Location")).startsWith(REDIRECT_URI + "?");
    return ContractClient.queryOf(consent.header("Location"));
  }

  private ContractClient.Reply redeem(String code, String verifier, String authorization) {
    return oidc.postForm("/token", Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", REDIRECT_URI, "code_verifier", verifier), "Authorization", authorization);
  }

  private String[] idToken() {
    ContractClient.Reply token = redeem(authorize("s", "n").get("code"), VERIFIER,
        ContractClient.basic(OidcProviderSimulator.CLIENT_ID, OidcProviderSimulator.CLIENT_SECRET));
    return token.json().get("id_token").asText().split("\\.");
  }

  private JsonNode jwk() {
    return oidc.get("/jwks").json().get("keys").get(0);
  }

  private boolean verifies(String[] parts) throws Exception {
    JsonNode jwk = jwk();
    Base64.Decoder base64 = Base64.getUrlDecoder();
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, base64.decode(jwk.get("n").asText())), new BigInteger(1, base64.decode(jwk.get("e").asText()))));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return rs256.verify(base64.decode(parts[2]));
  }

  private static JsonNode decode(String part) {
    return ContractClient.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
