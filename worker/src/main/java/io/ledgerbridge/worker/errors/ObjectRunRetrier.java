package io.ledgerbridge.worker.errors;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retries by running the object once more as a one-off {@code BatchSync} run of the error's job.
 * The run reads from the object's cursor, so it retries a record the admin has fixed at the source
 * (which moves its LastUpdatedTime), and it closes errors of objects that failed as a whole.
 *
 * <p>Used for errors of objects that failed as a whole; records go to {@link RecordSyncRetrier}.
 */
@Component
class ObjectRunRetrier implements RecordRetrier {
  private static final Logger log = LoggerFactory.getLogger(ObjectRunRetrier.class);

  private final WorkflowClient client;
  private final Clock clock = Clock.systemUTC();

  ObjectRunRetrier(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<RetryStarted> retry(RetryTarget target) {
    String jobId = target.jobId() != null ? target.jobId() : "retry";
    String workflowId = BatchSync.workflowId(jobId) + "-retry-" + clock.millis();
    // The input as plain JSON, as the temporal CLI sends it: the workflow's input record may gain
    // optional fields without this code changing.
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("jobId", jobId);
    input.put("name", "retry of " + target.object().displayName() + " errors");
    input.put("companyId", target.companyId());
    input.put("direction", target.direction().name());
    input.put("objects", List.of(target.object().displayName()));
    WorkflowExecution execution =
        client
            .newUntypedWorkflowStub(
                BatchSync.WORKFLOW_TYPE,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(BatchSync.TASK_QUEUE).build())
            .start(input);
    log.info(
        "Retrying {} {} of company {} for job {} ({} record(s)) as run {} of workflow {}",
        target.object().displayName(),
        target.direction(),
        target.companyId(),
        jobId,
        target.wholeObject() ? "all" : target.sourceIds().size(),
        execution.getRunId(),
        workflowId);
    // One run covers every record of the object.
    return List.of(new RetryStarted(Mode.OBJECT_RUN, workflowId, execution.getRunId(), List.of()));
  }
}
