package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.util.Objects;

/**
 * One record that did not sync in one run, and why.
 *
 * @param remoteCode the remote system's code (Salesforce {@code statusCode}, QBO fault code), if any
 */
public record RecordFailure(
    String companyId,
    SyncObject object,
    SyncDirection direction,
    String sourceId,
    FailureType type,
    String remoteCode,
    String message,
    String jobId,
    String runId) {

  public RecordFailure {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }
}
