package io.ledgerbridge.worker.recordsync;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.record.RecordSync;
import io.ledgerbridge.workflows.record.RecordSyncWorkflow;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one way records are handed to the per-record sync, whoever asks (a change notification, a
 * retry of failed records): signal-with-start on the single {@code RecordSyncWorkflow} of the
 * company, object and direction, {@link RecordSyncRequest#MAX_IDS} ids at a time. Records asked
 * for while it runs join that run, so a record is never synced by two per-record syncs at once.
 */
@Component
public class RecordSyncs {
  private final WorkflowClient client;

  public RecordSyncs(WorkflowClient client) {
    this.client = client;
  }

  /** A chunk of records handed to the run of {@code workflowId}. */
  public record Handed(String workflowId, String runId, List<String> sourceIds) {}

  /**
   * Hands records to the per-record sync.
   *
   * @param jobId the job the records' errors are filed under, when this call starts the run
   * @param jobName what Temporal's web UI shows as the job
   * @param pullMissingParents whether a missing parent is synced first instead of deferring, when this call starts the run
   * @throws io.temporal.client.WorkflowServiceException or {@link io.grpc.StatusRuntimeException} when Temporal cannot take them
   */
  public List<Handed> sync(String companyId, SyncObject object, SyncDirection direction, List<String> sourceIds,
      String jobId, String jobName, boolean pullMissingParents) {
    String workflowId = RecordSync.workflowId(companyId, object, direction);
    List<Handed> handed = new ArrayList<>();
    for (int from = 0; from < sourceIds.size(); from += RecordSyncRequest.MAX_IDS) {
      List<String> chunk = List.copyOf(sourceIds.subList(from, Math.min(sourceIds.size(), from + RecordSyncRequest.MAX_IDS)));
      RecordSyncWorkflow workflow = client.newWorkflowStub(RecordSyncWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(BatchSync.TASK_QUEUE)
              // What Temporal's web UI shows of the workflow, next to its id.
              .setMemo(Map.of("purpose", "per-record syncs: real-time changes and retries", "companyId", companyId,
                  "object", object.displayName(), "direction", direction.name(), "job", jobName))
              .build());
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(workflow::run, new RecordSyncRequest(companyId, object, direction, chunk, jobId, null, null,
          pullMissingParents ? Boolean.TRUE : null));
      request.add(workflow::addRecords, chunk);
      WorkflowExecution execution = client.signalWithStart(request);
      handed.add(new Handed(workflowId, execution.getRunId(), chunk));
    }
    return handed;
  }
}
