package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth 2.0 JWT bearer flow's checks (grant type {@code urn:ietf:params:oauth:grant-type:jwt-bearer}): the
 * assertion is an RS256-signed JWT whose signature the connected app's registered certificate verifies, with
 * {@code iss} the consumer key, {@code aud} the login host, {@code sub} the user's username and {@code exp} not
 * passed. Refusals are Salesforce's: {@code invalid_grant} "invalid assertion" (malformed, or not signed by the
 * registered key, or no key registered), "audience is invalid", "expired authorization code" (exp passed), "user
 * hasn't approved this consumer" (a user the app may not act for; for an unknown username the exact description is
 * UNCONFIRMED), and {@code invalid_client_id} for an unknown {@code iss}.
 */
final class JwtBearerGrant {
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final Clock clock;
  /** The public key of the certificate uploaded to the connected app ("Use digital signatures"); none at first. */
  private final AtomicReference<PublicKey> certificateKey = new AtomicReference<>();

  JwtBearerGrant(Clock clock) {
    this.clock = clock;
  }

  void useCertificateKey(PublicKey key) {
    certificateKey.set(key);
  }

  /** A refusal: the OAuth {@code error} and {@code error_description}. */
  record Refusal(String error, String description) {}

  /**
   * @param audience the login host this sandbox answers as, e.g. {@code http://127.0.0.1:9102}
   * @return why the assertion is refused; null when it is accepted
   */
  Refusal check(String assertion, String audience) {
    String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
    if (parts.length != 3) {
      return invalidGrant("invalid assertion");
    }
    JsonNode header;
    JsonNode claims;
    byte[] signature;
    try {
      Base64.Decoder base64 = Base64.getUrlDecoder();
      header = Json.parse(base64.decode(parts[0]));
      claims = Json.parse(base64.decode(parts[1]));
      signature = base64.decode(parts[2]);
    } catch (IllegalArgumentException | Json.MalformedJsonException malformed) {
      return invalidGrant("invalid assertion");
    }
    if (!"RS256".equals(header.path("alg").asText())) {
      return invalidGrant("invalid assertion");
    }
    if (!Sandbox.SALESFORCE_CLIENT_ID.equals(claims.path("iss").asText())) {
      return new Refusal("invalid_client_id", "client identifier invalid");
    }
    if (!signedByCertificate(parts[0] + "." + parts[1], signature)) {
      return invalidGrant("invalid assertion");
    }
    if (!audience.equals(claims.path("aud").asText())) {
      return invalidGrant("audience is invalid");
    }
    if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= clock.instant().getEpochSecond()) {
      return invalidGrant("expired authorization code");
    }
    if (!SalesforceIdentity.USERNAME.equals(claims.path("sub").asText())) {
      return invalidGrant("user hasn't approved this consumer");
    }
    return null;
  }

  private boolean signedByCertificate(String signedPart, byte[] signature) {
    PublicKey key = certificateKey.get();
    if (key == null) {
      return false;
    }
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update(signedPart.getBytes(StandardCharsets.US_ASCII));
      return rs256.verify(signature);
    } catch (GeneralSecurityException notVerifiable) {
      return false;
    }
  }

  private static Refusal invalidGrant(String description) {
    return new Refusal("invalid_grant", description);
  }
}
