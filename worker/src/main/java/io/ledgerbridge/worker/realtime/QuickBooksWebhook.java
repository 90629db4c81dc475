package io.ledgerbridge.worker.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;

/**
 * A QuickBooks Online webhook delivery: its {@code intuit-signature} (base64 HMAC-SHA256 of the raw
 * body, keyed with the app's verifier token) and its entity changes, in the legacy {@code
 * eventNotifications} form or the CloudEvents array that replaces it.
 */
final class QuickBooksWebhook {
  /** {@code qbo.<entity>.<verb>.v1}, e.g. {@code qbo.customer.updated.v1}. */
  private static final Pattern CLOUD_EVENT_TYPE = Pattern.compile("qbo\\.([a-z]+)\\.([a-z]+)\\.v\\d+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entity change: {@code entity} as QuickBooks names it (Customer, Invoice, ...), lower case in CloudEvents. */
  record EntityChange(String realmId, String entity, String id, String operation) {}

  private QuickBooksWebhook() {}

  /** Refuses a delivery whose signature is missing or is not the body's. */
  static void verify(String verifierToken, byte[] body, String signature) {
    if (signature == null || signature.isBlank()) {
      throw new NotificationRejected(HttpStatus.UNAUTHORIZED, "the intuit-signature header is missing");
    }
    byte[] expected = sign(verifierToken, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
      throw new NotificationRejected(HttpStatus.UNAUTHORIZED,
          "the intuit-signature does not match the body: is LEDGERBRIDGE_QBO_WEBHOOK_VERIFIER_TOKEN your app's verifier token?");
    }
  }

  static String sign(String verifierToken, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(verifierToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** The changes a delivery names, in order. */
  static List<EntityChange> changes(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed("the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root != null && root.isArray()) {
      return cloudEvents(root);
    }
    if (root != null && root.path("eventNotifications").isArray()) {
      return legacy(root.get("eventNotifications"));
    }
    throw malformed("expected {\"eventNotifications\":[...]} or a CloudEvents array");
  }

  private static List<EntityChange> legacy(JsonNode notifications) {
    List<EntityChange> changes = new ArrayList<>();
    for (JsonNode notification : notifications) {
      String realmId = text(notification, "realmId", "eventNotifications[].realmId");
      JsonNode entities = notification.path("dataChangeEvent").path("entities");
      if (!entities.isArray()) {
        throw malformed("eventNotifications[].dataChangeEvent.entities must be an array");
      }
      for (JsonNode entity : entities) {
        changes.add(new EntityChange(realmId, text(entity, "name", "entities[].name"), text(entity, "id", "entities[].id"),
            entity.path("operation").asText("Update")));
      }
    }
    return changes;
  }

  private static List<EntityChange> cloudEvents(JsonNode events) {
    List<EntityChange> changes = new ArrayList<>();
    for (JsonNode event : events) {
      String type = text(event, "type", "type");
      Matcher matcher = CLOUD_EVENT_TYPE.matcher(type.toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw malformed("type '" + type + "' is not qbo.<entity>.<verb>.v<n>");
      }
      changes.add(new EntityChange(text(event, "intuitaccountid", "intuitaccountid"), matcher.group(1),
          text(event, "intuitentityid", "intuitentityid"), matcher.group(2)));
    }
    return changes;
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw malformed(path + " is missing");
    }
    return value.asText();
  }

  private static NotificationRejected malformed(String why) {
    return new NotificationRejected(HttpStatus.BAD_REQUEST, "not a QuickBooks webhook: " + why);
  }
}
