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
   * The one workflow id of the per-record syncs of a company's object in one direction, e.g.
   * {@code ledgerbridge-record-9130-Invoice-QBO_TO_SALESFORCE-live}: notifications and retries
   * signal-with-start on it, so they join one run and a record is never synced by two at once.
   */
  public static String workflowId(String companyId, SyncObject object, SyncDirection direction) {
    return WORKFLOW_ID_PREFIX + companyId + "-" + object.displayName() + "-" + direction.name() + "-live";
  }
}
