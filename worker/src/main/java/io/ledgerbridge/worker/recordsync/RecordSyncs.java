package io.ledgerbridge.worker.recordsync;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.record.RecordSync;
import io.ledgerbridge.workflows.record.RecordSyncWorkflow;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The one way records are handed to the per-record sync, whoever asks (a change notification, a
 * retry of failed records): signal-with-start on the single {@code RecordSyncWorkflow} of the
 * company, object and direction, {@link RecordSyncRequest#MAX_IDS} ids at a time. Records asked
 * for while it runs join that run, so a record is never synced by two per-record syncs at once.
 */
@Component
public class RecordSyncs {
  /**
   * The embedded Temporal (Java's test server) checks whether the workflow runs and then starts or
   * signals it in two steps, not atomically as Temporal's server does: a signal-with-start racing
   * another's start is refused ALREADY_EXISTS, one racing the run's end NOT_FOUND ("already
   * completed"). The next attempt meets a settled workflow, running (signalled) or ended (started
   * anew); under 2,000 notifications at once a few of them raced, and were answered 500.
   */
  static final int RACED_ATTEMPTS = 5;

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
   * @throws io.temporal.client.WorkflowServiceException or {@link io.grpc.StatusRuntimeException} when Temporal cannot
   *     take them, {@link WorkflowExecutionAlreadyStarted} when every attempt raced another start
   */
  public List<Handed> sync(String companyId, SyncObject object, SyncDirection direction, List<String> sourceIds,
      String jobId, String jobName, boolean pullMissingParents) {
    String workflowId = RecordSync.workflowId(companyId, object, direction);
    List<Handed> handed = new ArrayList<>();
    for (int from = 0; from < sourceIds.size(); from += RecordSyncRequest.MAX_IDS) {
      List<String> chunk = List.copyOf(sourceIds.subList(from, Math.min(sourceIds.size(), from + RecordSyncRequest.MAX_IDS)));
      WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(BatchSync.TASK_QUEUE)
          // What Temporal's web UI shows of the workflow, next to its id.
          .setMemo(Map.of("purpose", "per-record syncs: real-time changes and retries", "companyId", companyId,
              "object", object.displayName(), "direction", direction.name(), "job", jobName))
          .setStaticSummary("Per-record sync of " + object.displayName() + ", company " + companyId + ", "
              + direction.name() + " (real-time changes and retries; job " + jobName + ")")
          .build();
      RecordSyncRequest run = new RecordSyncRequest(companyId, object, direction, chunk, jobId, null, null,
          pullMissingParents ? Boolean.TRUE : null);
      WorkflowExecution execution = signalWithStart(() -> {
        // A stub and a batch request serve one call; every attempt makes its own.
        RecordSyncWorkflow workflow = client.newWorkflowStub(RecordSyncWorkflow.class, options);
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(workflow::run, run);
        request.add(workflow::addRecords, chunk);
        return request;
      });
      handed.add(new Handed(workflowId, execution.getRunId(), chunk));
    }
    return handed;
  }

  private WorkflowExecution signalWithStart(Supplier<BatchRequest> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.signalWithStart(request.get());
      } catch (WorkflowExecutionAlreadyStarted | WorkflowServiceException e) {
        if (attempt == RACED_ATTEMPTS || !(e instanceof WorkflowExecutionAlreadyStarted || endedMeanwhile(e))) {
          throw e;
        }
      }
    }
  }

  private static boolean endedMeanwhile(Exception e) {
    return e.getCause() instanceof StatusRuntimeException status && status.getStatus().getCode() == Status.Code.NOT_FOUND;
  }
}
