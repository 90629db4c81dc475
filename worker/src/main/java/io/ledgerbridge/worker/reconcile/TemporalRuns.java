package io.ledgerbridge.worker.reconcile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.reconcile.ReconcileInput;
import io.ledgerbridge.workflows.reconcile.ReconcileWorkflow;
import io.ledgerbridge.workflows.reconcile.Reconciliations;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What Temporal holds of reconciliations: whether one is still open, and starting one by hand. */
@Component
class TemporalRuns {
  private final WorkflowClient client;

  TemporalRuns(WorkflowClient client) {
    this.client = client;
  }

  /** Whether the workflow run of a reconciliation marked running is still open. */
  boolean isOpen(Reconciliation reconciliation) {
    try {
      WorkflowExecutionStatus status = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(reconciliation.workflowId())
                      .setRunId(reconciliation.id()))
                  .build())
          .getWorkflowExecutionInfo().getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Starts a reconciliation now under the company's one workflow id for those started by hand.
   *
   * @return the run's id, which is the reconciliation's
   * @throws io.temporal.client.WorkflowExecutionAlreadyStarted while the previous one has not ended
   */
  String startNow(ReconcileInput input) {
    ReconcileWorkflow workflow = client.newWorkflowStub(ReconcileWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(Reconciliations.manualWorkflowId(input.companyId()))
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setTaskQueue(BatchSync.TASK_QUEUE)
            .setMemo(Map.of("purpose", "reconciliation started by hand", "companyId", input.companyId()))
            .setStaticSummary("Reconciliation of company " + input.companyId() + " started by hand"
                + (input.repair() ? ", with repair" : ""))
            .build());
    return WorkflowClient.start(workflow::run, input).getRunId();
  }
}
