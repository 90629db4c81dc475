package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The secrets that authenticate change notifications; a source whose secret is missing is switched
 * off, and its notifications are answered 503 with what to set. Demo mode uses the sandbox's.
 *
 * @param quickBooksVerifierToken the QuickBooks app's webhooks verifier token
 * @param salesforceNotificationToken what Salesforce's outbound message URLs and Flow callouts carry
 */
record RealTimeSettings(String quickBooksVerifierToken, String salesforceNotificationToken) {

  static RealTimeSettings from(LedgerBridgeProperties properties, Optional<Sandbox> sandbox) {
    return new RealTimeSettings(
        orDemo(properties.qbo().webhookVerifierToken(), sandbox.map(s -> Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN)),
        orDemo(properties.salesforce().notificationToken(), sandbox.map(s -> Sandbox.SALESFORCE_NOTIFICATION_TOKEN)));
  }

  private static String orDemo(String configured, Optional<String> demo) {
    return configured != null && !configured.isBlank() ? configured : demo.orElse(null);
  }

  String requireQuickBooks() {
    return require(quickBooksVerifierToken, "QuickBooks webhooks are not set up here: set LEDGERBRIDGE_QBO_WEBHOOK_VERIFIER_TOKEN"
        + " to the verifier token of your app's Webhooks page");
  }

  String requireSalesforce() {
    return require(salesforceNotificationToken, "Salesforce notifications are not set up here: set"
        + " LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN to the secret your outbound messages and Flow callouts carry");
  }

  private static String require(String secret, String message) {
    if (secret == null) {
      throw new NotificationRejected(HttpStatus.SERVICE_UNAVAILABLE, message);
    }
    return secret;
  }

  /** Secrets stay out of logs. */
  @Override
  public String toString() {
    return "RealTimeSettings[quickBooks=" + (quickBooksVerifierToken == null ? "off" : "on") + ", salesforce="
        + (salesforceNotificationToken == null ? "off" : "on") + "]";
  }
}
