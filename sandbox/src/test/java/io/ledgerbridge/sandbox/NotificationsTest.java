package io.ledgerbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** QBO webhooks and Salesforce outbound messages as the receiver sees them (reference §7 of both). */
class NotificationsTest {
  private static final String VERIFIER = "b5771f19b12ddb4bcdb9f08bdc50bc63878a";
  private static final String ACK = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
      + "<soapenv:Body><notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack>"
      + "</notificationsResponse></soapenv:Body></soapenv:Envelope>";
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static ContractClient sf;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(3).withoutQboRateLimits()
        .withNotificationRetryDelays(Duration.ofMillis(100)));
    qbo = new ContractClient(sandbox.quickBooksUrl());
    sf = new ContractClient(sandbox.salesforceUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void qboWebhookIsSignedAndNamesTheChange() throws Exception {
    try (NotificationReceiver receiver = new NotificationReceiver(call -> Map.entry(200, ""))) {
      sandbox.subscribeQboWebhooks(new QboWebhookSubscription(receiver.url(), VERIFIER, false));
      JsonNode customer = createCustomer("Webhook Legacy Co");

      NotificationReceiver.Received message = receiver.next(Duration.ofSeconds(5));
      assertThat(message.headers().get("intuit-signature")).isEqualTo(sign(message.body()));
      assertThat(message.headers()).containsKeys("intuit-t-id", "intuit-created-time");
      JsonNode entity = ContractClient.parse(message.body()).at("/eventNotifications/0/dataChangeEvent/entities/0");
      assertThat(ContractClient.parse(message.body()).at("/eventNotifications/0/realmId").asText())
          .isEqualTo(Sandbox.DEMO_REALM_ID);
      assertThat(entity.get("name").asText()).isEqualTo("Customer");
      assertThat(entity.get("id").asText()).isEqualTo(customer.get("Id").asText());
      assertThat(entity.get("operation").asText()).isEqualTo("Create");
      assertThat(entity.get("lastUpdated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}");
    } finally {
      sandbox.subscribeQboWebhooks(null);
    }
  }

  @Test
  void qboWebhookInCloudEventsFormatIsRetriedUntilAcknowledged() {
    try (NotificationReceiver receiver = new NotificationReceiver(call -> Map.entry(call == 1 ? 500 : 200, ""))) {
      sandbox.subscribeQboWebhooks(new QboWebhookSubscription(receiver.url(), VERIFIER, true));
      JsonNode customer = createCustomer("Webhook Cloud Co");

      NotificationReceiver.Received first = receiver.next(Duration.ofSeconds(5));
      NotificationReceiver.Received retry = receiver.next(Duration.ofSeconds(5));
      assertThat(retry.body()).isEqualTo(first.body());
      JsonNode event = ContractClient.parse(first.body()).get(0);
      assertThat(event.get("specversion").asText()).isEqualTo("1.0");
      assertThat(event.get("type").asText()).isEqualTo("qbo.customer.created.v1");
      assertThat(event.get("intuitentityid").asText()).isEqualTo(customer.get("Id").asText());
      assertThat(event.get("intuitaccountid").asText()).isEqualTo(Sandbox.DEMO_REALM_ID);
      JsonNode status = qbo.get("/__sandbox/webhooks").json();
      assertThat(status.at("/subscription/verifierToken").asText()).isEqualTo("****");
      assertThat(status.at("/deliveries/attempts").asLong()).isGreaterThanOrEqualTo(2);
    } finally {
      sandbox.subscribeQboWebhooks(null);
    }
  }

  @Test
  void outboundMessageCarriesTheSubscribedFields() {
    try (NotificationReceiver receiver = new NotificationReceiver(call -> Map.entry(200, ACK))) {
      ContractClient.Reply subscribe = sf.send("PUT", "/__sandbox/outbound-messages", "{\"url\":\"" + receiver.url()
          + "\",\"object\":\"Account\",\"fields\":[\"Name\",\"QBO_Id__c\"]}");
      assertThat(subscribe.status()).as(subscribe.body()).isEqualTo(200);
      String[] auth = {"Authorization", "Bearer " + sfToken()};
      String id = sf.postJson("/services/data/v62.0/sobjects/Account", Map.of("Name", "Outbound & Co", "QBO_Id__c", "OB-1"),
          auth).json().get("id").asText();

      NotificationReceiver.Received message = receiver.next(Duration.ofSeconds(5));
      assertThat(message.headers().get("content-type")).startsWith("text/xml");
      assertThat(message.body()).contains("<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">")
          .contains("<OrganizationId>00D").contains("<ActionId>04k").contains("<SessionId xsi:nil=\"true\"/>")
          .contains("xsi:type=\"sf:Account\"").contains("<sf:Id>" + id + "</sf:Id>")
          .contains("<sf:Name>Outbound &amp; Co</sf:Name>").contains("<sf:QBO_Id__c>OB-1</sf:QBO_Id__c>")
          .doesNotContain("<sf:Phone");
    } finally {
      sandbox.unsubscribeOutboundMessages();
    }
  }

  @Test
  void rolledBackRecordsAreNotAnnounced() {
    try (NotificationReceiver receiver = new NotificationReceiver(call -> Map.entry(200, ACK))) {
      sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(receiver.url(), "Account", List.of("Name")));
      String[] auth = {"Authorization", "Bearer " + sfToken()};
      sf.patchJson("/services/data/v62.0/composite/sobjects/Account/QBO_Id__c", Map.of("allOrNone", true, "records",
          List.of(Map.of("attributes", Map.of("type", "Account"), "QBO_Id__c", "RB-1", "Name", "Rolled Back"),
              Map.of("attributes", Map.of("type", "Account"), "QBO_Id__c", "RB-2"))), auth);
      sf.postJson("/services/data/v62.0/sobjects/Account", Map.of("Name", "Kept Account"), auth);

      NotificationReceiver.Received message = receiver.next(Duration.ofSeconds(5));
      assertThat(message.body()).contains("Kept Account").doesNotContain("Rolled Back");
    } finally {
      sandbox.unsubscribeOutboundMessages();
    }
  }

  private static JsonNode createCustomer(String name) {
    String redirect = "http://localhost/cb";
    String location = qbo.get("/connect/oauth2?response_type=code&client_id=" + Sandbox.QBO_CLIENT_ID + "&redirect_uri="
        + ContractClient.encode(redirect) + "&scope=com.intuit.quickbooks.accounting").header("Location");
    String token = qbo.postForm("/oauth2/v1/tokens/bearer", Map.of("grant_type", "authorization_code", "code",
        ContractClient.queryOf(location).get("code"), "redirect_uri", redirect), "Authorization",
        ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET)).json().get("access_token").asText();
    return qbo.postJson("/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer", Map.of("DisplayName", name),
        "Authorization", "Bearer " + token).json().get("Customer");
  }

  private static String sfToken() {
    return sf.postForm("/services/oauth2/token", Map.of("grant_type", "client_credentials", "client_id",
        Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET)).json().get("access_token").asText();
  }

  private static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(VERIFIER.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
