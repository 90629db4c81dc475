package io.ledgerbridge.workflows.sync;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * Records a per-record sync could not sync because its activity failed as a whole after Temporal's
 * retries (Salesforce down for long, QuickBooks disconnected): they become record errors.
 *
 * @param error the failure as {@code "<FailureType>: <message>"}, as the batch workflow reports it
 */
public record RecordSyncFailure(
    String companyId,
    SyncObject object,
    SyncDirection direction,
    List<String> sourceIds,
    String jobId,
    String runId,
    String error) {

  public RecordSyncFailure {
    sourceIds = List.copyOf(sourceIds);
  }
}
