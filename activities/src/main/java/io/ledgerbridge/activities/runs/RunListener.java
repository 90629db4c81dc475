package io.ledgerbridge.activities.runs;

/**
 * Told when runs start and finish, after the report is stored: metrics, notifications. Called in
 * the reporting activity's thread; an implementation must return quickly and must not throw (a
 * throw is logged and ignored, never failing the report).
 */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  default void runStarted(RunReport run) {}

  /** A run has finished and its report, details and object errors are stored. */
  default void runFinished(FinishedRun run) {}

  /**
   * A finished run as stored.
   *
   * @param previousOpenErrors the open-error count after the job's previous run, when known
   */
  record FinishedRun(RunReport report, RunDetails details, int openErrors, Integer previousOpenErrors) {

    /** Whether the company's open errors grew since the job's previous run. */
    public boolean errorsRose() {
      return previousOpenErrors != null && openErrors > previousOpenErrors;
    }
  }
}
