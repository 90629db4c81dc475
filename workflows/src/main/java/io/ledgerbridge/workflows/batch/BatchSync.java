package io.ledgerbridge.workflows.batch;

/** The names through which Temporal, our worker and outside clients meet a batch sync job. */
public final class BatchSync {
  /** The workflow type, as the temporal CLI's {@code --type} takes it. */
  public static final String WORKFLOW_TYPE = "BatchSync";
  /** The task queue every LedgerBridge worker polls. */
  public static final String TASK_QUEUE = "ledgerbridge-sync";

  private static final String WORKFLOW_ID_PREFIX = "ledgerbridge-job-";

  private BatchSync() {}

  /** The cron workflow id of a job: one open cron workflow per job. */
  public static String workflowId(String jobId) {
    return WORKFLOW_ID_PREFIX + jobId;
  }
}
