package io.ledgerbridge.worker.notifications;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed: {@code X-LedgerBridge-Signature: sha256=<hex>}, the HMAC-SHA256 with
 * the shared secret of {@code <X-LedgerBridge-Timestamp>.<raw body>}. A receiver recomputes it,
 * compares in constant time, and refuses timestamps older than a few minutes (replays).
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-LedgerBridge-Signature";
  public static final String TIMESTAMP_HEADER = "X-LedgerBridge-Timestamp";
  public static final String EVENT_HEADER = "X-LedgerBridge-Event";
  public static final String DELIVERY_HEADER = "X-LedgerBridge-Delivery";

  private WebhookSignature() {}

  /** {@code sha256=<hex>} for the timestamp (epoch seconds) and body. */
  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** What a receiver does: true when {@code signature} is the body's, compared in constant time. */
  public static boolean verify(String secret, long timestamp, byte[] body, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
  }
}
