package io.ledgerbridge.workflows.catalog;

/** Which way records flow in a job. */
public enum SyncDirection {
  QBO_TO_SALESFORCE,
  SALESFORCE_TO_QBO;

  /** The direction records flow back in. */
  public SyncDirection opposite() {
    return this == QBO_TO_SALESFORCE ? SALESFORCE_TO_QBO : QBO_TO_SALESFORCE;
  }
}
