package io.ledgerbridge.worker.errors;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.record.RecordSync;
import io.ledgerbridge.workflows.record.RecordSyncWorkflow;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retries records with the per-record sync: {@code RecordSyncWorkflow}, signal-with-start on the
 * first record's business key, at most {@link RecordSyncRequest#MAX_IDS} ids per workflow. A
 * record already being synced (a real-time notification, an earlier retry) joins that run
 * instead of starting another. It re-reads exactly these records, whatever the cursor says.
 */
@Component
class RecordSyncRetrier implements RecordRetrier {
  private static final Logger log = LoggerFactory.getLogger(RecordSyncRetrier.class);

  private final WorkflowClient client;

  RecordSyncRetrier(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<RetryStarted> retry(RetryTarget target) {
    if (target.wholeObject()) {
      throw new IllegalArgumentException("the per-record sync needs record ids; run the object to retry it as a whole");
    }
    List<RetryStarted> started = new ArrayList<>();
    List<String> ids = target.sourceIds();
    for (int from = 0; from < ids.size(); from += RecordSyncRequest.MAX_IDS) {
      List<String> chunk = List.copyOf(ids.subList(from, Math.min(ids.size(), from + RecordSyncRequest.MAX_IDS)));
      String workflowId = RecordSync.workflowId(target.companyId(), target.object(), target.direction(), chunk.get(0));
      RecordSyncWorkflow workflow =
          client.newWorkflowStub(
              RecordSyncWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(BatchSync.TASK_QUEUE).build());
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(
          workflow::run,
          new RecordSyncRequest(
              target.companyId(), target.object(), target.direction(), chunk, target.jobId(), null, null, null));
      request.add(workflow::addRecords, chunk);
      WorkflowExecution execution = client.signalWithStart(request);
      log.info(
          "Retrying {} {} record(s) of company {} {} with workflow {}",
          chunk.size(),
          target.object().displayName(),
          target.companyId(),
          target.direction(),
          workflowId);
      started.add(new RetryStarted(Mode.RECORD_SYNC, workflowId, execution.getRunId(), chunk));
    }
    return started;
  }
}
