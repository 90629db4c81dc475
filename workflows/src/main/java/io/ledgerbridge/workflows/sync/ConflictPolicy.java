package io.ledgerbridge.workflows.sync;

/**
 * What happens to a record that both QuickBooks and Salesforce changed since the last sync. Set
 * per object in the mapping file; a per-record retry may name one to settle a held conflict.
 */
public enum ConflictPolicy {
  /** QuickBooks' version is written to Salesforce; Salesforce's change is not sent to QuickBooks. */
  QBO_WINS,
  /** Salesforce's version is written to QuickBooks; QuickBooks' change is not sent to Salesforce. */
  SALESFORCE_WINS,
  /** The version changed last wins (QBO LastUpdatedTime against Salesforce SystemModstamp). */
  NEWEST_WINS,
  /** Neither side is written; a CONFLICT error shows both versions until a person settles it. */
  HOLD
}
