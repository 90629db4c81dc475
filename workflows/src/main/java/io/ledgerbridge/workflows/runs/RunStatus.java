package io.ledgerbridge.workflows.runs;

/** How a job run, or one object within it, ended. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  /** Some records or objects failed, the rest synced. */
  PARTLY_FAILED,
  FAILED,
  /** Not run because the job could not start it (e.g. an earlier check failed). */
  SKIPPED,
  CANCELLED
}
