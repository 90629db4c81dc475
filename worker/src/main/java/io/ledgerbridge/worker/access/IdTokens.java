package io.ledgerbridge.worker.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.worker.security.BearerToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies an OpenID Connect ID token as the relying party must (OpenID Connect Core §3.1.3.7): signed RS256 by a key
 * of the provider's JWKS (no other algorithm, so neither {@code none} nor a key confusion passes), {@code iss} the
 * issuer, {@code aud} holding the client id (and {@code azp} it when there are more audiences), {@code exp} not
 * passed, {@code iat} recent, {@code nonce} the one this sign-in sent, and an email the provider verified.
 */
final class IdTokens {
  /** How far the provider's clock may differ from this server's. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
  /** The token comes straight from the token endpoint, so one issued long ago is a replay. */
  static final Duration MAX_AGE = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private IdTokens() {}

  /** What the sign-in needs to know of the token: the email the provider verified. */
  record VerifiedIdentity(String email, String subject) {}

  /** What the token must say. */
  record Expected(String issuer, String clientId, String nonce) {}

  /**
   * @param keys the provider's public key for a {@code kid} (null when the token names none), empty when unknown
   * @throws OidcSignInRefusedException saying which check failed
   */
  static VerifiedIdentity verify(String idToken, Function<String, Optional<PublicKey>> keys, Expected expected, Instant now) {
    String[] parts = idToken == null ? new String[0] : idToken.split("\\.", -1);
    if (parts.length != 3) {
      throw new OidcSignInRefusedException(OidcRefusal.BAD_SIGNATURE, "the ID token is not a signed JWT (3 parts)");
    }
    JsonNode header = part(parts[0], "header");
    JsonNode claims = part(parts[1], "claims");
    if (!"RS256".equals(header.path("alg").asText())) {
      throw new OidcSignInRefusedException(OidcRefusal.BAD_SIGNATURE,
          "the ID token is signed with '" + header.path("alg").asText() + "'; only RS256 is accepted");
    }
    String keyId = header.path("kid").isTextual() ? header.get("kid").asText() : null;
    PublicKey key = keys.apply(keyId).orElseThrow(() -> new OidcSignInRefusedException(OidcRefusal.BAD_SIGNATURE,
        "the provider's JWKS has no RSA key with kid " + keyId));
    if (!signatureMatches(parts, key)) {
      throw new OidcSignInRefusedException(OidcRefusal.BAD_SIGNATURE, "the ID token's signature does not match key " + keyId);
    }
    if (!expected.issuer().equals(claims.path("iss").asText())) {
      throw new OidcSignInRefusedException(OidcRefusal.WRONG_ISSUER,
          "iss is '" + claims.path("iss").asText() + "', expected '" + expected.issuer() + "'");
    }
    checkAudience(claims, expected.clientId());
    checkTimes(claims, now);
    if (!claims.path("nonce").isTextual() || !BearerToken.matches(claims.get("nonce").asText(), expected.nonce())) {
      throw new OidcSignInRefusedException(OidcRefusal.WRONG_NONCE, "the nonce differs from the one this sign-in sent");
    }
    String email = claims.path("email").asText("");
    if (email.isBlank() || !emailVerified(claims)) {
      throw new OidcSignInRefusedException(OidcRefusal.EMAIL_NOT_VERIFIED, email.isBlank()
          ? "the ID token has no email claim (ask for the 'email' scope, or add the optional claim at the provider)"
          : "neither email_verified nor xms_edov is true");
    }
    return new VerifiedIdentity(email, claims.path("sub").asText());
  }

  /**
   * {@code email_verified: true} (Google and most providers); Microsoft Entra ID sends none for work accounts and
   * instead, as an optional claim, {@code xms_edov}: the email's domain is verified as the tenant's.
   */
  private static boolean emailVerified(JsonNode claims) {
    JsonNode verified = claims.path("email_verified");
    if (!verified.isMissingNode()) {
      // asBoolean also reads the string "true", which some providers send.
      return verified.asBoolean(false);
    }
    return claims.path("xms_edov").asBoolean(false);
  }

  private static void checkAudience(JsonNode claims, String clientId) {
    JsonNode audience = claims.path("aud");
    boolean single = audience.isTextual() && audience.asText().equals(clientId);
    boolean listed = false;
    if (audience.isArray()) {
      for (JsonNode one : audience) {
        listed |= one.asText().equals(clientId);
      }
      if (listed && audience.size() > 1 && !clientId.equals(claims.path("azp").asText())) {
        throw new OidcSignInRefusedException(OidcRefusal.WRONG_AUDIENCE, "the ID token has several audiences and its"
            + " azp is '" + claims.path("azp").asText() + "', not this client");
      }
    }
    if (!single && !listed) {
      throw new OidcSignInRefusedException(OidcRefusal.WRONG_AUDIENCE, "aud is " + audience + ", not this client id");
    }
  }

  private static void checkTimes(JsonNode claims, Instant now) {
    if (!claims.path("exp").canConvertToLong() || !claims.path("iat").canConvertToLong()) {
      throw new OidcSignInRefusedException(OidcRefusal.EXPIRED, "the ID token lacks exp or iat");
    }
    Instant expires = Instant.ofEpochSecond(claims.get("exp").asLong());
    Instant issued = Instant.ofEpochSecond(claims.get("iat").asLong());
    if (!expires.plus(CLOCK_SKEW).isAfter(now)) {
      throw new OidcSignInRefusedException(OidcRefusal.EXPIRED, "the ID token expired at " + expires + "; now is " + now);
    }
    if (issued.isAfter(now.plus(CLOCK_SKEW)) || issued.isBefore(now.minus(MAX_AGE))) {
      throw new OidcSignInRefusedException(OidcRefusal.EXPIRED, "the ID token was issued at " + issued + "; now is " + now
          + " (more than " + MAX_AGE.toMinutes() + " minutes apart, or in the future)");
    }
  }

  private static boolean signatureMatches(String[] parts, PublicKey key) {
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static JsonNode part(String encoded, String what) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(encoded));
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IllegalArgumentException | IOException e) {
      throw new OidcSignInRefusedException(OidcRefusal.BAD_SIGNATURE, "the ID token's " + what + " is not base64url JSON", e);
    }
  }
}
