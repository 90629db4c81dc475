package io.ledgerbridge.workflows.batch;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A scheduled sync job: started with a cron schedule, each run syncs the job's objects in order. */
@WorkflowInterface
public interface BatchSyncWorkflow {

  /** Runs one object activity after another, in the job's order, and reports every outcome. */
  @WorkflowMethod(name = BatchSync.WORKFLOW_TYPE)
  BatchSyncResult run(BatchSyncInput input);
}
