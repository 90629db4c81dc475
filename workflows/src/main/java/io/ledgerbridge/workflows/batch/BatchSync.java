package io.ledgerbridge.workflows.batch;

import java.util.Optional;

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

  /** The job id inside one of our workflow ids, if it is one. */
  public static Optional<String> jobIdOf(String workflowId) {
    if (workflowId == null || !workflowId.startsWith(WORKFLOW_ID_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(workflowId.substring(WORKFLOW_ID_PREFIX.length()));
  }
}
