package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.QboWebhookSubscription;
import io.ledgerbridge.sandbox.http.DeliveryQueue;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * QBO webhooks (reference §7): changes are collected for a moment and posted as one notification, signed
 * with {@code intuit-signature} = base64(HMAC-SHA256(verifier token, body)); anything but 200 within 3 s
 * is retried at 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h. Intuit states no end to
 * the retries; the sandbox stops after 3 days.
 */
final class QboWebhooks implements AutoCloseable {
  static final List<Duration> INTUIT_RETRIES = List.of(Duration.ofSeconds(10), Duration.ofSeconds(20),
      Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(20), Duration.ofHours(2), Duration.ofHours(4),
      Duration.ofHours(6));
  private static final Duration BATCH_WINDOW = Duration.ofMillis(500);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_EVENTS_PER_NOTIFICATION = 100;
  /** The legacy payload's time format, as in Intuit's sample: {@code 2015-10-05T14:42:19-0700}. */
  private static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

  /** One change to one entity. */
  record Change(String realmId, String entity, String id, String operation, Instant lastUpdated) {}

  private final DeliveryQueue<Change> queue;
  private volatile QboWebhookSubscription subscription;

  QboWebhooks(List<Duration> retryDelays) {
    this.queue = new DeliveryQueue<>("qbo-webhooks", BATCH_WINDOW, RESPONSE_TIMEOUT,
        retryDelays.isEmpty() ? INTUIT_RETRIES : retryDelays, Duration.ofDays(3));
  }

  void subscribe(QboWebhookSubscription newSubscription) {
    subscription = newSubscription;
    queue.setTarget(newSubscription == null ? null : new Format(newSubscription));
  }

  QboWebhookSubscription subscription() {
    return subscription;
  }

  DeliveryQueue.Stats stats() {
    return queue.stats();
  }

  void changed(Change change) {
    queue.submit(change);
  }

  @Override
  public void close() {
    queue.close();
  }

  /** base64(HMAC-SHA256(key = verifier token, message = body)). */
  static String signature(String verifierToken, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(verifierToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private record Format(QboWebhookSubscription subscription) implements DeliveryQueue.Target<Change> {
    @Override
    public DeliveryQueue.Delivery format(List<Change> changes) {
      String body = (subscription.cloudEvents() ? cloudEvents(changes) : legacy(changes)).toString();
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("intuit-signature", signature(subscription.verifierToken(), body));
      headers.put("intuit-created-time", Instant.now().toString());
      headers.put("intuit-t-id", Tokens.uuid());
      headers.put("intuit-notification-schema-version", "0.1");
      return new DeliveryQueue.Delivery(subscription.url(), headers, body);
    }

    @Override
    public boolean acknowledged(int status, String body) {
      return status == 200;
    }

    @Override
    public int maxBatch() {
      return MAX_EVENTS_PER_NOTIFICATION;
    }

    /** {@code {"eventNotifications":[{"realmId","dataChangeEvent":{"entities":[...]}}]}}, one entry per realm. */
    private static ObjectNode legacy(List<Change> changes) {
      Map<String, ArrayNode> byRealm = new LinkedHashMap<>();
      for (Change change : changes) {
        ObjectNode entity = byRealm.computeIfAbsent(change.realmId(), realm -> Json.array()).addObject();
        entity.put("name", change.entity());
        entity.put("id", change.id());
        entity.put("operation", change.operation());
        entity.put("lastUpdated", LEGACY_TIME.format(change.lastUpdated().atZone(QboTime.COMPANY_ZONE)));
      }
      ObjectNode body = Json.object();
      ArrayNode notifications = body.putArray("eventNotifications");
      byRealm.forEach((realm, entities) -> {
        ObjectNode notification = notifications.addObject();
        notification.put("realmId", realm);
        notification.putObject("dataChangeEvent").set("entities", entities);
      });
      return body;
    }

    /**
     * The CloudEvents array; {@code type} is {@code qbo.<entity>.<verb>.v1} with verbs beyond "created"
     * taken from third-party code (UNCONFIRMED).
     */
    private static ArrayNode cloudEvents(List<Change> changes) {
      ArrayNode events = Json.array();
      for (Change change : changes) {
        ObjectNode event = events.addObject();
        event.put("specversion", "1.0");
        event.put("id", Tokens.uuid());
        event.put("source", "intuit.ledgerbridge-sandbox");
        event.put("type", "qbo." + change.entity().toLowerCase(Locale.ROOT) + "." + verb(change.operation()) + ".v1");
        event.put("datacontenttype", "application/json");
        event.put("time", change.lastUpdated().toString());
        event.put("intuitentityid", change.id());
        event.put("intuitaccountid", change.realmId());
        event.putObject("data");
      }
      return events;
    }

    private static String verb(String operation) {
      return switch (operation) {
        case "Create" -> "created";
        case "Delete" -> "deleted";
        case "Void" -> "voided";
        default -> "updated";
      };
    }
  }
}
