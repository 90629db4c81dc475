package io.ledgerbridge.activities.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JWT bearer flow's assertion: {@code {"alg":"RS256"}} and the claims {@code iss} (the consumer key), {@code sub}
 * (the username), {@code aud} (the login server) and {@code exp}, signed with SHA256withRSA, each part base64url
 * without padding, as Salesforce's "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration" describes.
 */
public final class JwtBearerAssertion {
  public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  /** Salesforce takes an {@code exp} at most three minutes ahead. */
  static final Duration LIFETIME = Duration.ofMinutes(3);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private JwtBearerAssertion() {}

  /** A signed assertion for the settings' user, valid for {@link #LIFETIME} from {@code now}. */
  static String sign(SalesforceSettings settings, Instant now) {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", settings.clientId());
    claims.put("sub", settings.username());
    claims.put("aud", settings.jwtAudience());
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    String signed = BASE64URL.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(settings.privateKey());
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + BASE64URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the Salesforce JWT assertion: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an unencrypted RSA private key in PEM, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}).
   *
   * @throws IllegalArgumentException saying what is wrong with the file and how to convert it
   */
  public static PrivateKey readPrivateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException unreadable) {
      throw new IllegalArgumentException("cannot read the Salesforce private key file " + file + ": " + unreadable);
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException("the Salesforce private key file " + file + " is PKCS#1 or encrypted;"
          + " LedgerBridge reads an unencrypted PKCS#8 key: convert it with"
          + " 'openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key.pk8.pem'");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the Salesforce private key file " + file + " holds no"
          + " '-----BEGIN PRIVATE KEY-----' block (PEM, PKCS#8)");
    }
    String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IllegalArgumentException | GeneralSecurityException notRsa) {
      throw new IllegalArgumentException("the Salesforce private key file " + file + " is not an RSA private key"
          + " (Salesforce verifies RS256 with the certificate uploaded to the connected app)");
    }
  }
}
