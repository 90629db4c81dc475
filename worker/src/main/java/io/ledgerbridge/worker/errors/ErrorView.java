package io.ledgerbridge.worker.errors;

import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorStatus;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RetryRequest;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Instant;
import java.util.List;

/**
 * A record error as the API shows it. {@code scope} is {@code RECORD} for one record, {@code
 * OBJECT} when a whole object run failed (its {@code sourceId} is {@code *}); {@code history}
 * holds the record's older errors on the single-error view only.
 */
record ErrorView(
    long id,
    Scope scope,
    String companyId,
    SyncObject object,
    SyncDirection direction,
    String sourceId,
    FailureType type,
    String remoteCode,
    String message,
    int attempts,
    RecordErrorStatus status,
    String jobId,
    String runId,
    Instant firstSeenAt,
    Instant lastSeenAt,
    RecordLinks.Links links,
    Retry lastRetry,
    List<ErrorView> history) {

  enum Scope {
    RECORD,
    OBJECT
  }

  /**
   * The last retry an admin asked for; {@code state} is its workflow's Temporal status (RUNNING,
   * COMPLETED, FAILED, ...) on the single-error view.
   */
  record Retry(Instant requestedAt, String workflowId, String state) {}

  static ErrorView of(RecordError e, RecordLinks.Links links, RetryRequest retry, List<ErrorView> history) {
    return new ErrorView(
        e.id(),
        RecordErrorStore.WHOLE_OBJECT.equals(e.sourceId()) ? Scope.OBJECT : Scope.RECORD,
        e.companyId(),
        e.object(),
        e.direction(),
        e.sourceId(),
        e.type(),
        e.remoteCode(),
        e.message(),
        e.attempts(),
        e.status(),
        e.jobId(),
        e.runId(),
        e.firstSeenAt(),
        e.lastSeenAt(),
        links,
        retry == null ? null : new Retry(retry.requestedAt(), retry.workflowId(), null),
        history);
  }

  ErrorView withRetryState(String state) {
    if (lastRetry == null || state == null) {
      return this;
    }
    return new ErrorView(
        id, scope, companyId, object, direction, sourceId, type, remoteCode, message, attempts, status, jobId, runId,
        firstSeenAt, lastSeenAt, links, new Retry(lastRetry.requestedAt(), lastRetry.workflowId(), state), history);
  }
}
