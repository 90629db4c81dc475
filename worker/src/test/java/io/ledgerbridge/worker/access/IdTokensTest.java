package io.ledgerbridge.worker.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ID token checks the provider simulator cannot provoke: other algorithms, several audiences, Entra's claims. */
class IdTokensTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-02T18:00:00Z");
  private static final IdTokens.Expected EXPECTED = new IdTokens.Expected("https://idp.example.com", "client-1", "nonce-1");
  private static KeyPair keys;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  @Test
  void aTokenThatPassesEveryCheckGivesTheEmail() {
    assertThat(IdTokens.verify(token("RS256", claims -> { }), keyOf("k1"), EXPECTED, NOW).email())
        .isEqualTo("alice@example.com");
  }

  @Test
  void onlyRs256IsAccepted() {
    String unsigned = token("none", claims -> { });
    String withoutSignature = unsigned.substring(0, unsigned.lastIndexOf('.') + 1);

    assertRefused(withoutSignature, OidcRefusal.BAD_SIGNATURE);
    assertRefused(token("HS256", claims -> { }), OidcRefusal.BAD_SIGNATURE);
    assertRefused("not-a-jwt", OidcRefusal.BAD_SIGNATURE);
  }

  @Test
  void aKeyTheJwksLacksIsRefused() {
    assertThatThrownBy(() -> IdTokens.verify(token("RS256", claims -> { }), keyOf("other"), EXPECTED, NOW))
        .isInstanceOfSatisfying(OidcSignInRefusedException.class,
            refused -> assertThat(refused.refusal()).isEqualTo(OidcRefusal.BAD_SIGNATURE));
  }

  @Test
  void severalAudiencesNeedThisClientAsAuthorizedParty() {
    IdTokens.verify(token("RS256", claims -> {
      claims.putArray("aud").add("client-1").add("other");
      claims.put("azp", "client-1");
    }), keyOf("k1"), EXPECTED, NOW);

    assertRefused(token("RS256", claims -> {
      claims.putArray("aud").add("client-1").add("other");
      claims.put("azp", "other");
    }), OidcRefusal.WRONG_AUDIENCE);
    assertRefused(token("RS256", claims -> claims.putArray("aud").add("other")), OidcRefusal.WRONG_AUDIENCE);
  }

  @Test
  void issuerNonceAndTimesMustMatch() {
    assertRefused(token("RS256", claims -> claims.put("iss", "https://evil.example.com")), OidcRefusal.WRONG_ISSUER);
    assertRefused(token("RS256", claims -> claims.put("nonce", "nonce-2")), OidcRefusal.WRONG_NONCE);
    assertRefused(token("RS256", claims -> claims.remove("nonce")), OidcRefusal.WRONG_NONCE);
    assertRefused(token("RS256", claims -> claims.put("iat", NOW.plusSeconds(600).getEpochSecond())), OidcRefusal.EXPIRED);
    assertRefused(token("RS256", claims -> claims.put("iat", NOW.minusSeconds(1200).getEpochSecond())), OidcRefusal.EXPIRED);
    assertRefused(token("RS256", claims -> claims.remove("exp")), OidcRefusal.EXPIRED);
  }

  @Test
  void microsoftsDomainVerifiedClaimStandsInForAMissingEmailVerified() {
    IdTokens.verify(token("RS256", claims -> {
      claims.remove("email_verified");
      claims.put("xms_edov", true);
    }), keyOf("k1"), EXPECTED, NOW);

    assertRefused(token("RS256", claims -> claims.remove("email_verified")), OidcRefusal.EMAIL_NOT_VERIFIED);
    assertRefused(token("RS256", claims -> {
      claims.put("email_verified", false);
      claims.put("xms_edov", true);
    }), OidcRefusal.EMAIL_NOT_VERIFIED);
    assertRefused(token("RS256", claims -> claims.remove("email")), OidcRefusal.EMAIL_NOT_VERIFIED);
  }

  private static void assertRefused(String idToken, OidcRefusal refusal) {
    assertThatThrownBy(() -> IdTokens.verify(idToken, keyOf("k1"), EXPECTED, NOW))
        .isInstanceOfSatisfying(OidcSignInRefusedException.class, refused -> assertThat(refused.refusal()).isEqualTo(refusal));
  }

  private static Function<String, Optional<PublicKey>> keyOf(String keyId) {
    return kid -> keyId.equals(kid) ? Optional.of(keys.getPublic()) : Optional.empty();
  }

  /** A token signed RS256 by the test key whatever the header's alg says, with the claims changed as given. */
  private static String token(String alg, Consumer<ObjectNode> change) {
    ObjectNode header = JSON.createObjectNode().put("alg", alg).put("kid", "k1");
    ObjectNode claims = JSON.createObjectNode()
        .put("iss", EXPECTED.issuer()).put("aud", EXPECTED.clientId()).put("sub", "123")
        .put("email", "alice@example.com").put("email_verified", true).put("nonce", EXPECTED.nonce())
        .put("iat", NOW.minusSeconds(5).getEpochSecond()).put("exp", NOW.plusSeconds(3600).getEpochSecond());
    change.accept(claims);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String signed = base64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
        + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(keys.getPrivate());
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + base64.encodeToString(rs256.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
