package io.ledgerbridge.workflows.record;

import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Syncs a few records of one object now: "retry this record", real-time notifications. Start it
 * with signal-with-start on {@link RecordSync#workflowId} so ids arriving meanwhile join the run.
 */
@WorkflowInterface
public interface RecordSyncWorkflow {

  /** Syncs the request's records, then any ids signalled meanwhile, and returns every outcome. */
  @WorkflowMethod(name = RecordSync.WORKFLOW_TYPE)
  RecordSyncResult run(RecordSyncRequest request);

  /** More source ids of the same company, object and direction to sync before the run ends. */
  @SignalMethod
  void addRecords(List<String> sourceIds);
}
