package io.ledgerbridge.worker.errors;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Starts a sync of some records of one object now, for "retry": the error closes when that sync
 * succeeds, because every sync resolves the errors of the records it writes.
 */
interface RecordRetrier {

  /**
   * Starts the sync and returns at once, Temporal doing the work: one workflow, or several when
   * the records are more than one workflow takes.
   */
  List<RetryStarted> retry(RetryTarget target);

  /**
   * What to retry: records of one company, object and direction, on behalf of a job.
   *
   * @param sourceIds the records' source ids; empty to run the whole object again
   */
  record RetryTarget(String companyId, SyncObject object, SyncDirection direction, String jobId, List<String> sourceIds) {

    boolean wholeObject() {
      return sourceIds.isEmpty();
    }
  }

  /** How a retry runs. */
  @Schema(name = "RetryMode")
  enum Mode {
    /** A one-off batch run of the object from its cursor: retries records changed at the source since they failed. */
    OBJECT_RUN,
    /** The per-record sync: re-reads exactly these records, whatever the cursor says. */
    RECORD_SYNC
  }

  /**
   * A workflow that does (part of) a retry; an object run's report appears under {@code
   * /api/runs/{runId}}.
   *
   * @param sourceIds the records it retries; empty when it runs the whole object
   */
  record RetryStarted(Mode mode, String workflowId, String runId, List<String> sourceIds) {}
}
