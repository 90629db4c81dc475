package io.ledgerbridge.sandbox.salesforce;

import io.ledgerbridge.sandbox.OutboundMessageSubscription;
import io.ledgerbridge.sandbox.http.DeliveryQueue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Outbound messages (reference §7): a record of a subscribed object that is created or edited goes out as
 * a SOAP {@code notifications} message (up to 100 per message) with the subscribed fields. The receiver
 * must answer 200 with {@code <Ack>true</Ack>}; otherwise Salesforce retries with growing intervals, at
 * most 2 h apart, for 24 h, then drops the message. The exact intervals are UNCONFIRMED.
 */
final class OutboundMessages implements AutoCloseable {
  static final List<Duration> SALESFORCE_RETRIES = List.of(Duration.ofSeconds(15), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16),
      Duration.ofMinutes(32), Duration.ofMinutes(64), Duration.ofHours(2));
  private static final Duration BATCH_WINDOW = Duration.ofMillis(500);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_NOTIFICATIONS = 100;
  /** Notification ids, unique per sandbox run, which receivers use to drop duplicates. */
  private static final java.util.concurrent.atomic.AtomicLong NOTIFICATION_IDS = new java.util.concurrent.atomic.AtomicLong();
  private static final Pattern ACK = Pattern.compile("<(\\w+:)?Ack>\\s*true\\s*</(\\w+:)?Ack>");
  private static final DateTimeFormatter SOAP_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final List<Duration> retryDelays;
  private final Supplier<String> baseUrl;
  /** By lowercase object name. */
  private final Map<String, Subscribed> subscriptions = new ConcurrentHashMap<>();

  private record Subscribed(OutboundMessageSubscription subscription, String actionId, DeliveryQueue<SfRecord> queue) {}

  OutboundMessages(List<Duration> retryDelays, Supplier<String> baseUrl) {
    this.retryDelays = retryDelays.isEmpty() ? SALESFORCE_RETRIES : retryDelays;
    this.baseUrl = baseUrl;
  }

  /** Adds or replaces the outbound message of an object. */
  void subscribe(SObjectType type, OutboundMessageSubscription subscription) {
    for (String field : subscription.fields()) {
      if (type.field(field) == null) {
        throw new IllegalArgumentException("No field " + field + " on " + type.name());
      }
    }
    DeliveryQueue<SfRecord> queue = new DeliveryQueue<>("outbound-" + type.name(), BATCH_WINDOW, RESPONSE_TIMEOUT,
        retryDelays, Duration.ofHours(24));
    String actionId = SalesforceIds.of("04k", subscriptions.size() + 1L);
    Subscribed subscribed = new Subscribed(subscription, actionId, queue);
    queue.setTarget(new Format(subscribed, type, baseUrl));
    Subscribed previous = subscriptions.put(type.name().toLowerCase(Locale.ROOT), subscribed);
    if (previous != null) {
      previous.queue().close();
    }
  }

  void unsubscribeAll() {
    subscriptions.values().forEach(subscribed -> subscribed.queue().close());
    subscriptions.clear();
  }

  Collection<OutboundMessageSubscription> subscriptions() {
    return subscriptions.values().stream().map(Subscribed::subscription).toList();
  }

  /** Messages sent, acknowledged, attempted and abandoned, summed over all objects. */
  DeliveryQueue.Stats stats() {
    long messages = 0;
    long acknowledged = 0;
    long attempts = 0;
    long abandoned = 0;
    for (Subscribed subscribed : subscriptions.values()) {
      DeliveryQueue.Stats stats = subscribed.queue().stats();
      messages += stats.messages();
      acknowledged += stats.acknowledged();
      attempts += stats.attempts();
      abandoned += stats.abandoned();
    }
    return new DeliveryQueue.Stats(messages, acknowledged, attempts, abandoned);
  }

  /** A committed create or edit. */
  void saved(SfRecord record) {
    Subscribed subscribed = subscriptions.get(record.type().name().toLowerCase(Locale.ROOT));
    if (subscribed != null) {
      subscribed.queue().submit(record);
    }
  }

  @Override
  public void close() {
    unsubscribeAll();
  }

  private record Format(Subscribed subscribed, SObjectType type, Supplier<String> baseUrl)
      implements DeliveryQueue.Target<SfRecord> {

    @Override
    public DeliveryQueue.Delivery format(List<SfRecord> records) {
      String org15 = SalesforceOrg.ORG_ID.substring(0, 15);
      StringBuilder xml = new StringBuilder(1024)
          .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" ")
          .append("xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
          .append(" <soapenv:Body>\n")
          .append("  <notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n")
          .append("   <OrganizationId>").append(SalesforceOrg.ORG_ID).append("</OrganizationId>\n")
          .append("   <ActionId>").append(subscribed.actionId()).append("</ActionId>\n")
          .append("   <SessionId xsi:nil=\"true\"/>\n")
          .append("   <EnterpriseUrl>").append(baseUrl.get()).append("/services/Soap/c/62.0/").append(org15)
          .append("</EnterpriseUrl>\n")
          .append("   <PartnerUrl>").append(baseUrl.get()).append("/services/Soap/u/62.0/").append(org15)
          .append("</PartnerUrl>\n");
      List<String> fields = new ArrayList<>(List.of("Id"));
      subscribed.subscription().fields().stream().map(name -> type.field(name).name())
          .filter(name -> !name.equals("Id")).forEach(fields::add);
      for (SfRecord record : records) {
        xml.append("   <Notification>\n")
            .append("    <Id>").append(SalesforceIds.of("04l", NOTIFICATION_IDS.incrementAndGet())).append("</Id>\n")
            .append("    <sObject xsi:type=\"sf:").append(type.name())
            .append("\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n");
        for (String field : fields) {
          Object value = record.get(field);
          if (value == null) {
            xml.append("     <sf:").append(field).append(" xsi:nil=\"true\"/>\n");
          } else {
            xml.append("     <sf:").append(field).append('>').append(escape(soapValue(value))).append("</sf:")
                .append(field).append(">\n");
          }
        }
        xml.append("    </sObject>\n   </Notification>\n");
      }
      xml.append("  </notifications>\n </soapenv:Body>\n</soapenv:Envelope>\n");
      return new DeliveryQueue.Delivery(subscribed.subscription().url(),
          Map.of("Content-Type", "text/xml; charset=utf-8", "SOAPAction", "\"\""), xml.toString());
    }

    @Override
    public boolean acknowledged(int status, String body) {
      return status == 200 && body != null && ACK.matcher(body).find();
    }

    @Override
    public int maxBatch() {
      return MAX_NOTIFICATIONS;
    }

    private static String soapValue(Object value) {
      if (value instanceof Instant instant) {
        return SOAP_DATETIME.format(instant);
      }
      if (value instanceof BigDecimal number) {
        return number.toPlainString();
      }
      return value.toString();
    }

    private static String escape(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
  }
}
