package io.ledgerbridge.resilience;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Change notifications as QuickBooks and Salesforce send them to LedgerBridge: Intuit's webhooks signed with the
 * app's verifier token, in CloudEvents and in the legacy {@code eventNotifications} form; Salesforce's outbound
 * messages with the secret in their URL; and Flow callouts with it as a bearer token. Every worker of the suite
 * is configured with these secrets.
 */
final class ChangeNotices {
  static final String QUICKBOOKS_VERIFIER_TOKEN = "resilience-qbo-webhook-verifier";
  static final String SALESFORCE_NOTIFICATION_TOKEN = "resilience-sf-notification-token";

  enum Kind {
    QUICKBOOKS_CLOUD_EVENTS("QuickBooks webhook, CloudEvents"),
    QUICKBOOKS_LEGACY("QuickBooks webhook, eventNotifications"),
    SALESFORCE_OUTBOUND_MESSAGE("Salesforce outbound message"),
    SALESFORCE_CALLOUT("Salesforce Flow callout");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    boolean fromQuickBooks() {
      return this == QUICKBOOKS_CLOUD_EVENTS || this == QUICKBOOKS_LEGACY;
    }
  }

  private ChangeNotices() {}

  /**
   * Delivers one notification naming the records: QuickBooks customer ids for the QuickBooks kinds, Account ids
   * for the Salesforce ones. {@code delivery} numbers it, so no two bodies are alike: LedgerBridge acknowledges
   * a body it took before without syncing it again.
   */
  static Http.Reply send(String baseUrl, Kind kind, List<String> ids, int delivery) {
    return switch (kind) {
      case QUICKBOOKS_CLOUD_EVENTS -> quickBooks(baseUrl, ids.stream().map(id -> """
          {"specversion":"1.0","id":"load-%d-%s","source":"intuit.resilience","type":"qbo.customer.updated.v1",\
          "datacontenttype":"application/json","time":"%s","intuitentityid":"%s","intuitaccountid":"%s","data":{}}"""
          .formatted(delivery, id, Instant.now(), id, QuickBooksSandbox.REALM_ID))
          .collect(Collectors.joining(",", "[", "]")));
      case QUICKBOOKS_LEGACY -> quickBooks(baseUrl, """
          {"eventNotifications":[{"realmId":"%s","dataChangeEvent":{"entities":[%s]}}]}"""
          .formatted(QuickBooksSandbox.REALM_ID, ids.stream().map(id -> """
              {"name":"Customer","id":"%s","operation":"Update","lastUpdated":"%s"}""".formatted(id, Instant.now()))
              .collect(Collectors.joining(","))));
      case SALESFORCE_OUTBOUND_MESSAGE -> Http.send("POST", baseUrl + "/webhooks/salesforce/outbound-messages?token="
          + SALESFORCE_NOTIFICATION_TOKEN, "text/xml; charset=utf-8", outboundMessage(ids, delivery), "SOAPAction",
          "\"\"");
      case SALESFORCE_CALLOUT -> Http.send("POST", baseUrl + "/webhooks/salesforce", "application/json",
          ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "{\"object\":\"Account\",\"ids\":[", "]}")),
          "Authorization", "Bearer " + SALESFORCE_NOTIFICATION_TOKEN);
    };
  }

  private static Http.Reply quickBooks(String baseUrl, String body) {
    return Http.send("POST", baseUrl + "/webhooks/quickbooks", "application/json", body, "intuit-signature",
        sign(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Intuit's signature: the base64 HMAC-SHA256 of the raw body, keyed with the verifier token. */
  private static String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(QUICKBOOKS_VERIFIER_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** The SOAP message of an Account outbound message: one Notification, with its own id, per record. */
  private static String outboundMessage(List<String> accountIds, int delivery) {
    StringBuilder notifications = new StringBuilder();
    for (int i = 0; i < accountIds.size(); i++) {
      notifications.append("""
          <Notification><Id>%s</Id><sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">\
          <sf:Id>%s</sf:Id></sObject></Notification>""".formatted(
          String.format("04l%08d%04dAAA", delivery, i), accountIds.get(i)));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>\
        <notifications xmlns="http://soap.sforce.com/2005/09/outbound">\
        <OrganizationId>00D000000000001AAA</OrganizationId><ActionId>04k000000000001AAA</ActionId>\
        <SessionId xsi:nil="true"/>%s</notifications></soapenv:Body></soapenv:Envelope>""".formatted(notifications);
  }
}
