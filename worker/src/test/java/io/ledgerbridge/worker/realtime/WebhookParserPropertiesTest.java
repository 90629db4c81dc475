package io.ledgerbridge.worker.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.worker.realtime.QuickBooksWebhook.EntityChange;
import io.ledgerbridge.worker.realtime.SalesforceOutboundMessage.Notified;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;

/**
 * The parsers of what the internet sends to the notification endpoints (QuickBooks webhooks in
 * both forms, Salesforce outbound messages, Flow and Apex callouts): whatever the bytes, they
 * return or refuse with their own 400, never another exception; and every well-formed body they
 * are given comes back as the records it names.
 */
class WebhookParserPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Field names the parsers look for, so that generated JSON reaches past the first check. */
  private static final List<String> KNOWN_FIELDS = List.of("eventNotifications", "realmId", "dataChangeEvent", "entities",
      "name", "id", "operation", "type", "intuitentityid", "intuitaccountid", "specversion", "data", "object", "ids");
  /** Texts the parsers give meaning to, mixed into generated values. */
  private static final List<String> MEANINGFUL_TEXTS = List.of("Customer", "Account", "1", "42", "qbo.customer.updated.v1",
      "001000000000001AAA", "", " ", "-1", "1' OR '1'='1");

  // ---------------------------------------------------------------- never anything but a 400

  @Property
  void quickBooksParserRefusesAnyBytesWithItsOwn400(@ForAll byte[] body) {
    acceptsOrRefusesWith400(() -> QuickBooksWebhook.changes(body));
  }

  @Property
  void quickBooksParserRefusesAnyJsonWithItsOwn400(@ForAll("json") String body) {
    acceptsOrRefusesWith400(() -> QuickBooksWebhook.changes(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Property
  void quickBooksParserRefusesDamagedDeliveriesWithItsOwn400(
      @ForAll("legacyDeliveries") Delivery<EntityChange> delivery, @ForAll("edits") List<Tuple3<Integer, Integer, Character>> edits) {
    acceptsOrRefusesWith400(() -> QuickBooksWebhook.changes(damaged(delivery.body(), edits)));
  }

  @Property
  void outboundMessageParserRefusesAnyBytesWithItsOwn400(@ForAll byte[] body) {
    acceptsOrRefusesWith400(() -> SalesforceOutboundMessage.records(body));
  }

  @Property
  void outboundMessageParserRefusesDamagedMessagesWithItsOwn400(
      @ForAll("outboundMessages") Delivery<Notified> message, @ForAll("edits") List<Tuple3<Integer, Integer, Character>> edits) {
    acceptsOrRefusesWith400(() -> SalesforceOutboundMessage.records(damaged(message.body(), edits)));
  }

  @Property
  void calloutParserRefusesAnyBytesWithItsOwn400(@ForAll byte[] body) {
    acceptsOrRefusesWith400(() -> SalesforceCallout.parse(body));
  }

  @Property
  void calloutParserRefusesAnyJsonWithItsOwn400(@ForAll("json") String body) {
    acceptsOrRefusesWith400(() -> SalesforceCallout.parse(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Property
  void calloutParserRefusesDamagedCalloutsWithItsOwn400(
      @ForAll("callouts") Delivery<String> callout, @ForAll("edits") List<Tuple3<Integer, Integer, Character>> edits) {
    acceptsOrRefusesWith400(() -> SalesforceCallout.parse(damaged(callout.body(), edits)));
  }

  // ---------------------------------------------------------------- well-formed bodies round-trip

  @Property
  void legacyDeliveriesNameTheirChanges(@ForAll("legacyDeliveries") Delivery<EntityChange> delivery) {
    assertThat(QuickBooksWebhook.changes(delivery.body())).isEqualTo(delivery.named());
  }

  @Property
  void cloudEventDeliveriesNameTheirChanges(@ForAll("cloudEventDeliveries") Delivery<EntityChange> delivery) {
    assertThat(QuickBooksWebhook.changes(delivery.body())).isEqualTo(delivery.named());
  }

  @Property
  void outboundMessagesNameTheirRecords(@ForAll("outboundMessages") Delivery<Notified> message) {
    assertThat(SalesforceOutboundMessage.records(message.body())).isEqualTo(message.named());
  }

  @Property
  void calloutsNameTheirObjectAndEachIdOnce(@ForAll("callouts") Delivery<String> callout) {
    SalesforceCallout parsed = SalesforceCallout.parse(callout.body());
    assertThat(parsed.object()).isEqualTo(callout.named().get(0));
    assertThat(parsed.ids()).isEqualTo(callout.named().subList(1, callout.named().size()));
  }

  // ---------------------------------------------------------------- record ids

  @Property
  void everySalesforceIdIsValidInBothFormsAndAnyCaseOfItsSuffix(@ForAll("salesforceIds15") String id15) {
    String id18 = RecordIds.withChecksum(id15);
    assertThat(RecordIds.isSalesforceId(id15)).isTrue();
    assertThat(RecordIds.isSalesforceId(id18)).isTrue();
    assertThat(RecordIds.isSalesforceId(id15 + id18.substring(15).toLowerCase(Locale.ROOT))).isTrue();
  }

  @Property
  void changingTheCaseOfAnyLetterBreaksTheChecksum(@ForAll("salesforceIds15") String id15, @ForAll("positions") int position) {
    int letter = position % 15;
    char c = id15.charAt(letter);
    String flipped = id15.substring(0, letter)
        + (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) + id15.substring(letter + 1);
    String suffix = RecordIds.withChecksum(id15).substring(15);
    assertThat(RecordIds.isSalesforceId(flipped + suffix)).isEqualTo(flipped.equals(id15));
  }

  @Property
  void onlyFifteenOrEighteenLettersAndDigitsCanBeASalesforceId(@ForAll String candidate) {
    if (!candidate.matches("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}")) {
      assertThat(RecordIds.isSalesforceId(candidate)).isFalse();
    }
  }

  // ---------------------------------------------------------------- generators

  /** A body and what a parser must read from it. */
  record Delivery<T>(byte[] body, List<T> named) {
    @Override
    public String toString() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  @Provide
  Arbitrary<String> salesforceIds15() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').ofLength(15);
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 14);
  }

  private Arbitrary<String> salesforceIds() {
    return Combinators.combine(salesforceIds15(), Arbitraries.of(false, true))
        .as((id15, eighteen) -> eighteen ? RecordIds.withChecksum(id15) : id15);
  }

  private static Arbitrary<String> quickBooksIds() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<Delivery<EntityChange>> legacyDeliveries() {
    Arbitrary<Map.Entry<String, List<Tuple3<String, String, String>>>> notification = Combinators.combine(quickBooksIds(),
        Combinators.combine(Arbitraries.of("Customer", "Item", "Invoice", "Payment", "PurchaseOrder"), quickBooksIds(),
            Arbitraries.of("Create", "Update", "Delete", "Merge", "Void")).as(Tuple::of).list().ofMaxSize(8))
        .as(Map::entry);
    return notification.list().ofMaxSize(4).map(notifications -> {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode array = root.putArray("eventNotifications");
      List<EntityChange> named = new ArrayList<>();
      for (Map.Entry<String, List<Tuple3<String, String, String>>> company : notifications) {
        ObjectNode node = array.addObject().put("realmId", company.getKey());
        ArrayNode entities = node.putObject("dataChangeEvent").putArray("entities");
        for (Tuple3<String, String, String> entity : company.getValue()) {
          entities.addObject().put("name", entity.get1()).put("id", entity.get2()).put("operation", entity.get3())
              .put("lastUpdated", "2025-10-05T14:42:19-0700");
          named.add(new EntityChange(company.getKey(), entity.get1(), entity.get2(), entity.get3()));
        }
      }
      return new Delivery<>(root.toString().getBytes(StandardCharsets.UTF_8), named);
    });
  }

  @Provide
  Arbitrary<Delivery<EntityChange>> cloudEventDeliveries() {
    Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<List<String>> event = Combinators.combine(words, words, Arbitraries.integers().between(1, 9), quickBooksIds(),
        quickBooksIds()).as((entity, verb, version, accountId, entityId) ->
            List.of("qbo." + entity + "." + verb + ".v" + version, accountId, entityId));
    return event.list().ofMaxSize(20).map(events -> {
      ArrayNode array = JSON.createArrayNode();
      List<EntityChange> named = new ArrayList<>();
      for (List<String> e : events) {
        array.addObject().put("specversion", "1.0").put("id", "88cd52aa").put("source", "intuit.x").put("type", e.get(0))
            .put("intuitaccountid", e.get(1)).put("intuitentityid", e.get(2)).putObject("data");
        String[] parts = e.get(0).toLowerCase(Locale.ROOT).split("\\.");
        named.add(new EntityChange(e.get(1), parts[1], e.get(2), parts[2]));
      }
      return new Delivery<>(array.toString().getBytes(StandardCharsets.UTF_8), named);
    });
  }

  @Provide
  Arbitrary<Delivery<Notified>> outboundMessages() {
    Arbitrary<String> types = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(15)
        .flatMap(type -> Arbitraries.of(type, type + "__c"));
    Arbitrary<String> names = Arbitraries.strings().ofMaxLength(30)
        .filter(name -> name.codePoints().allMatch(WebhookParserPropertiesTest::isXmlCharacter));
    Arbitrary<List<String>> record = Combinators.combine(types, salesforceIds(), names).as(List::of);
    return record.list().ofMaxSize(10).map(records -> {
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
          + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
          + "<soapenv:Body><notifications xmlns=\"" + SalesforceOutboundMessage.OUTBOUND_NS + "\">"
          + "<OrganizationId>00D000000000001AAA</OrganizationId>");
      List<Notified> named = new ArrayList<>();
      for (List<String> r : records) {
        xml.append("<Notification><Id>04l000000000001AAA</Id><sObject xsi:type=\"sf:").append(r.get(0))
            .append("\" xmlns:sf=\"").append(SalesforceOutboundMessage.SOBJECT_NS).append("\"><sf:Id>").append(r.get(1))
            .append("</sf:Id><sf:Name>").append(escapeXml(r.get(2))).append("</sf:Name></sObject></Notification>");
        named.add(new Notified(r.get(0), r.get(1)));
      }
      xml.append("</notifications></soapenv:Body></soapenv:Envelope>");
      return new Delivery<>(xml.toString().getBytes(StandardCharsets.UTF_8), named);
    });
  }

  /** A callout's body; what it names is its object (trimmed), then its distinct ids in order. */
  @Provide
  Arbitrary<Delivery<String>> callouts() {
    Arbitrary<String> objects = Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(object -> !object.isBlank());
    return Combinators.combine(objects, salesforceIds().list().ofMinSize(1).ofMaxSize(30)).as((object, ids) -> {
      ObjectNode root = JSON.createObjectNode().put("object", object);
      ids.forEach(root.putArray("ids")::add);
      List<String> named = new ArrayList<>(List.of(object.trim()));
      named.addAll(new LinkedHashSet<>(ids));
      return new Delivery<>(root.toString().getBytes(StandardCharsets.UTF_8), named);
    });
  }

  /** JSON text of any shape, with the fields and values the parsers look for among random ones. */
  @Provide
  Arbitrary<String> json() {
    Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of(MEANINGFUL_TEXTS), Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> leaf = Arbitraries.oneOf(text.map(WebhookParserPropertiesTest::quoted),
        Arbitraries.integers().map(String::valueOf), Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of("true", "false", "null"));
    Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KNOWN_FIELDS), Arbitraries.strings().ofMaxLength(8));
    return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
        Combinators.combine(key, inner).as((k, v) -> quoted(k) + ":" + v).list().ofMaxSize(4)
            .map(fields -> "{" + String.join(",", fields) + "}")), 0, 5);
  }

  /** Edits to damage a body with: where (a share of its length), what (delete, insert, replace), which character. */
  @Provide
  Arbitrary<List<Tuple3<Integer, Integer, Character>>> edits() {
    return Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 2),
        Arbitraries.oneOf(Arbitraries.of('<', '>', '"', '{', '}', '[', ']', ',', ':', '&', ';', '\\', '\'', '/', '!', '\0'),
            Arbitraries.chars())).as(Tuple::of).list().ofMinSize(1).ofMaxSize(5);
  }

  private static byte[] damaged(byte[] body, List<Tuple3<Integer, Integer, Character>> edits) {
    StringBuilder text = new StringBuilder(new String(body, StandardCharsets.UTF_8));
    for (Tuple3<Integer, Integer, Character> edit : edits) {
      int at = text.length() == 0 ? 0 : edit.get1() * (text.length() - 1) / 1000;
      switch (edit.get2()) {
        case 0 -> {
          if (text.length() > 0) {
            text.deleteCharAt(at);
          }
        }
        case 1 -> text.insert(at, edit.get3());
        default -> {
          if (text.length() > 0) {
            text.setCharAt(at, edit.get3());
          }
        }
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void acceptsOrRefusesWith400(Runnable parse) {
    try {
      parse.run();
    } catch (NotificationRejected refused) {
      assertThat(refused.getStatusCode().value()).isEqualTo(400);
      assertThat(refused.getReason()).isNotBlank();
    }
  }

  private static String quoted(String text) {
    return JSON.getNodeFactory().textNode(text).toString();
  }

  private static boolean isXmlCharacter(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
  }

  private static String escapeXml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
