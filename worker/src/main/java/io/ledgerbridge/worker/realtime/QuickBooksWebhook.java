package io.ledgerbridge.worker.realtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** One entity change: {@code entity} as QuickBooks names it (Customer, Invoice, ...), lower case in CloudEvents. */
  record EntityChange(String realmId, String entity, String id, String operation) {}

  private QuickBooksWebhook() {}

  /** Refuses a delivery without a signature. */
  static void requireSignature(String signature) {
    if (signature == null || signature.isBlank()) {
      throw new NotificationRejected(HttpStatus.UNAUTHORIZED, "the intuit-signature header is missing");
    }
  }

  /** Refuses a delivery whose signature is missing or is not the body's. */
  static void verify(String verifierToken, byte[] body, String signature) {
    requireSignature(signature);
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

  /**
   * The changes a delivery names, in order. Every company and entity id must be a QuickBooks id,
   * and a delivery names at most {@link ChangeNotifications#MAX_RECORDS_PER_NOTIFICATION} changes.
   */
  static List<EntityChange> changes(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      // Not only syntax: bytes that look like another encoding fail as a CharConversionException.
      throw malformed("the body is not JSON: " + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
    }
    List<EntityChange> changes;
    if (root != null && root.isArray()) {
      changes = cloudEvents(root);
    } else if (root != null && root.path("eventNotifications").isArray()) {
      changes = legacy(root.get("eventNotifications"));
    } else {
      throw malformed("expected {\"eventNotifications\":[...]} or a CloudEvents array");
    }
    if (changes.size() > ChangeNotifications.MAX_RECORDS_PER_NOTIFICATION) {
      throw malformed("a delivery names at most " + ChangeNotifications.MAX_RECORDS_PER_NOTIFICATION
          + " entity changes, not " + changes.size());
    }
    return changes;
  }

  private static List<EntityChange> legacy(JsonNode notifications) {
    List<EntityChange> changes = new ArrayList<>();
    for (int n = 0; n < notifications.size(); n++) {
      String path = "eventNotifications[" + n + "]";
      JsonNode notification = object(notifications.get(n), path);
      String realmId = quickBooksId(notification, "realmId", path + ".realmId");
      JsonNode entities = notification.path("dataChangeEvent").path("entities");
      if (!entities.isArray()) {
        throw malformed(path + ".dataChangeEvent.entities must be an array");
      }
      for (int e = 0; e < entities.size(); e++) {
        String entityPath = path + ".dataChangeEvent.entities[" + e + "]";
        JsonNode entity = object(entities.get(e), entityPath);
        changes.add(new EntityChange(realmId, text(entity, "name", entityPath + ".name"),
            quickBooksId(entity, "id", entityPath + ".id"), entity.path("operation").asText("Update")));
      }
    }
    return changes;
  }

  private static List<EntityChange> cloudEvents(JsonNode events) {
    List<EntityChange> changes = new ArrayList<>();
    for (int e = 0; e < events.size(); e++) {
      String path = "[" + e + "]";
      JsonNode event = object(events.get(e), path);
      String type = text(event, "type", path + ".type");
      Matcher matcher = CLOUD_EVENT_TYPE.matcher(type.toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw malformed(path + ".type " + RecordIds.shown(type) + " is not qbo.<entity>.<verb>.v<n>");
      }
      changes.add(new EntityChange(quickBooksId(event, "intuitaccountid", path + ".intuitaccountid"), matcher.group(1),
          quickBooksId(event, "intuitentityid", path + ".intuitentityid"), matcher.group(2)));
    }
    return changes;
  }

  private static String quickBooksId(JsonNode node, String field, String path) {
    String id = text(node, field, path);
    if (!RecordIds.isQuickBooksId(id)) {
      throw malformed(path + " " + RecordIds.shown(id) + " is not a QuickBooks id: " + RecordIds.QUICKBOOKS_ID_FORMAT);
    }
    return id;
  }

  private static JsonNode object(JsonNode node, String path) {
    if (!node.isObject()) {
      throw malformed(path + " must be an object, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return node;
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isValueNode() && value.asText().isBlank())) {
      throw malformed(path + " is missing");
    }
    if (!value.isValueNode()) {
      throw malformed(path + " must be text, not " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return value.asText();
  }

  private static NotificationRejected malformed(String why) {
    return new NotificationRejected(HttpStatus.BAD_REQUEST, "not a QuickBooks webhook: " + why);
  }
}
