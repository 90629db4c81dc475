package io.ledgerbridge.activities.store;

/** A remote system LedgerBridge holds OAuth tokens for; stored by name in {@code oauth_connection.system}. */
public enum ConnectedSystem {
  QUICKBOOKS,
  SALESFORCE
}
