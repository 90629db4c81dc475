package io.ledgerbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.DeliveryQueue;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.quickbooks.QuickBooksSimulator;
import io.ledgerbridge.sandbox.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.List;

/** The admin calls that subscribe a receiver to QBO webhooks or Salesforce outbound messages. */
final class NotificationAdmin {

  private NotificationAdmin() {}

  static void register(AdminEndpoints admin, QuickBooksSimulator quickBooks) {
    admin.register("GET", "webhooks", request -> Response.json(200, webhooks(quickBooks)));
    admin.register("PUT", "webhooks", request -> {
      JsonNode body = Json.parse(request.body());
      String format = body.path("format").asText("legacy");
      if (!format.equals("legacy") && !format.equals("cloudevents")) {
        throw new IllegalArgumentException("format must be legacy or cloudevents");
      }
      quickBooks.subscribeWebhooks(new QboWebhookSubscription(required(body, "url"), required(body, "verifierToken"),
          format.equals("cloudevents")));
      return Response.json(200, webhooks(quickBooks));
    });
    admin.register("DELETE", "webhooks", request -> {
      quickBooks.subscribeWebhooks(null);
      return Response.empty(204);
    });
  }

  static void register(AdminEndpoints admin, SalesforceSimulator salesforce) {
    admin.register("GET", "outbound-messages", request -> Response.json(200, outboundMessages(salesforce)));
    admin.register("PUT", "outbound-messages", request -> {
      JsonNode body = Json.parse(request.body());
      List<String> fields = new ArrayList<>();
      body.path("fields").forEach(field -> fields.add(field.asText()));
      salesforce.subscribeOutboundMessages(new OutboundMessageSubscription(required(body, "url"), required(body, "object"),
          fields));
      return Response.json(200, outboundMessages(salesforce));
    });
    admin.register("DELETE", "outbound-messages", request -> {
      salesforce.unsubscribeOutboundMessages();
      return Response.empty(204);
    });
  }

  private static ObjectNode webhooks(QuickBooksSimulator quickBooks) {
    ObjectNode body = Json.object();
    QboWebhookSubscription subscription = quickBooks.webhookSubscription();
    if (subscription == null) {
      body.putNull("subscription");
    } else {
      // The verifier token is a secret: shown masked.
      body.putObject("subscription").put("url", subscription.url()).put("verifierToken", "****")
          .put("format", subscription.cloudEvents() ? "cloudevents" : "legacy");
    }
    body.set("deliveries", stats(quickBooks.webhookStats()));
    return body;
  }

  private static ObjectNode outboundMessages(SalesforceSimulator salesforce) {
    ObjectNode body = Json.object();
    ArrayNode subscriptions = body.putArray("subscriptions");
    for (OutboundMessageSubscription subscription : salesforce.outboundMessageSubscriptions()) {
      ObjectNode node = subscriptions.addObject().put("url", subscription.url()).put("object", subscription.objectName());
      ArrayNode fields = node.putArray("fields");
      subscription.fields().forEach(fields::add);
    }
    body.set("deliveries", stats(salesforce.outboundMessageStats()));
    return body;
  }

  private static ObjectNode stats(DeliveryQueue.Stats stats) {
    ObjectNode node = Json.object();
    node.put("messages", stats.messages());
    node.put("acknowledged", stats.acknowledged());
    node.put("attempts", stats.attempts());
    node.put("abandoned", stats.abandoned());
    return node;
  }

  private static String required(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }
}
