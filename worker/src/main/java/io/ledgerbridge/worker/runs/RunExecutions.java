package io.ledgerbridge.worker.runs;

import io.ledgerbridge.activities.runs.RunReport;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;

/** What Temporal says of the workflow run behind a run report. */
final class RunExecutions {
  /** A describe answers at once or not at all; an API call must not hang on it. */
  private static final long DEADLINE_SECONDS = 5;

  private RunExecutions() {}

  /** The run's execution as Temporal describes it; NOT_FOUND when Temporal no longer knows it. */
  static DescribeWorkflowExecutionResponse describe(WorkflowClient client, RunReport run) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(run.workflowId()).setRunId(run.runId()))
                .build());
  }
}
