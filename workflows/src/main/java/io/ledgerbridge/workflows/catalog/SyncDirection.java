package io.ledgerbridge.workflows.catalog;

/** Which way records flow in a job. */
public enum SyncDirection {
  QBO_TO_SALESFORCE,
  SALESFORCE_TO_QBO
}
