package io.ledgerbridge.workflows.record;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;

/** The names through which callers meet the per-record sync workflow. */
public final class RecordSync {
  /** The workflow type, as the temporal CLI's {@code --type} takes it. */
  public static final String WORKFLOW_TYPE = "RecordSync";

  private static final String WORKFLOW_ID_PREFIX = "ledgerbridge-record-";

  private RecordSync() {}

  /**
   * A workflow id per business key, e.g. {@code ledgerbridge-record-9130-Invoice-QBO_TO_SALESFORCE-145}:
   * signal-with-start on it collapses a burst of notifications about one record into one run.
   */
  public static String workflowId(String companyId, SyncObject object, SyncDirection direction, String key) {
    return WORKFLOW_ID_PREFIX + companyId + "-" + object.displayName() + "-" + direction.name() + "-" + key;
  }
}
