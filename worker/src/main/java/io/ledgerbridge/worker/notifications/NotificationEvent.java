package io.ledgerbridge.worker.notifications;

/** What the webhook tells about; the {@code X-LedgerBridge-Event} header and the body's {@code event}. */
public enum NotificationEvent {
  /** A job run failed: no object synced. */
  RUN_FAILED,
  /** A job run finished with some records or objects failed. */
  RUN_PARTLY_FAILED,
  /** The company's open errors grew since the job's previous run. */
  ERRORS_RISING,
  /** A reconciliation found records that differ between QuickBooks and Salesforce. */
  RECONCILIATION_DIFFERENCES,
  /** Intuit refused a company's refresh token: nothing syncs for it until an admin reconnects it. Sent once per refusal. */
  CONNECTION_NEEDS_REAUTHORIZATION
}
