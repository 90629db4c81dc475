package io.ledgerbridge.activities.salesforce;

/** The web-server flow is configured but no admin has connected the org yet (or it was disconnected). */
public final class SalesforceNotConnectedException extends RuntimeException {
  SalesforceNotConnectedException(String accountId) {
    super("Salesforce org " + accountId + " is not connected: an admin must connect it first (Connections in the"
        + " admin page: Connect Salesforce, and approve LedgerBridge's connected app in Salesforce)");
  }
}
