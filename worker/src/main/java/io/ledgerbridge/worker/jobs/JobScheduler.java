package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.batch.BatchSyncWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A job's life in Temporal: one cron workflow per active job, plus one-off runs on demand. */
@Component
class JobScheduler {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

  private final WorkflowClient client;
  private final Clock clock = Clock.systemUTC();

  JobScheduler(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the job's cron workflow unless it is already running; returns whether it started one. */
  boolean schedule(Job job) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(BatchSync.workflowId(job.id()))
            .setTaskQueue(BatchSync.TASK_QUEUE)
            .setCronSchedule(job.cron())
            .setMemo(memo(job))
            .build();
    BatchSyncWorkflow workflow = client.newWorkflowStub(BatchSyncWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, job.workflowInput());
      log.info("Scheduled job id={} name='{}' cron='{}'", job.id(), job.name(), job.cron());
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }

  /** Stops the job's cron workflow; a job that is not running is left as it is. */
  void unschedule(String jobId, String reason) {
    try {
      client.newUntypedWorkflowStub(BatchSync.workflowId(jobId)).terminate(reason);
      log.info("Unscheduled job id={}: {}", jobId, reason);
    } catch (WorkflowNotFoundException notRunning) {
      log.debug("Job id={} had no running workflow", jobId);
    }
  }

  /** Starts one run of the job now, outside its schedule. */
  ManualRun runNow(Job job) {
    String workflowId = BatchSync.workflowId(job.id()) + "-manual-" + clock.millis();
    BatchSyncWorkflow workflow =
        client.newWorkflowStub(
            BatchSyncWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(BatchSync.TASK_QUEUE)
                .setMemo(memo(job))
                .build());
    WorkflowExecution execution = WorkflowClient.start(workflow::run, job.workflowInput());
    log.info("Started a manual run of job id={} runId={}", job.id(), execution.getRunId());
    return new ManualRun(job.id(), workflowId, execution.getRunId());
  }

  /** Whether Temporal has the job's cron workflow open. */
  boolean isScheduled(String jobId) {
    try {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(BatchSync.workflowId(jobId)))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** What Temporal's web UI shows of the job on a real server (the embedded one drops it after the first run). */
  private static Map<String, Object> memo(Job job) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("name", job.name());
    memo.put("companyId", job.companyId());
    memo.put("direction", job.direction().name());
    memo.put("objects", String.join(", ", job.objects()));
    return memo;
  }
}
