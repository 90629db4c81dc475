package io.ledgerbridge.worker.jobs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ledgerbridge.activities.locks.ObjectLockStore;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.batch.BatchSyncInput;
import io.ledgerbridge.workflows.batch.BatchSyncResult;
import io.ledgerbridge.workflows.batch.BatchSyncWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What Temporal holds of our jobs: one cron workflow chain per scheduled job, one-off manual
 * runs, and cron workflows of type BatchSync that someone started outside the API.
 */
@Component
class TemporalJobs {
  /** Lists of open workflows asked for before a failure of the embedded server's store is given up on. */
  static final int LIST_ATTEMPTS = 5;
  private static final Logger log = LoggerFactory.getLogger(TemporalJobs.class);

  /** Runs whose first history event was read, at most; a job list reads each run's only once. */
  private static final int FIRST_EVENTS_KEPT = 10_000;
  /** How long a request to run a job waits for a run by hand whose workflow is closing. */
  private static final Duration FINISHING_RUN_GRACE = Duration.ofSeconds(2);

  /** The open cron chain of a workflow id, as its current run's first history event shows it. */
  record Chain(String workflowId, String runId, String cron, BatchSyncInput input, Instant createdAt) {}

  /** What a run's first history event says; it never changes, so it is read once per run. */
  private record Started(String cron, BatchSyncInput input, Instant createdAt) {}

  private final WorkflowClient client;
  private final DataConverter converter;
  private final ObjectLockStore objectLocks;
  private final JobSearchAttributes searchAttributes;
  private final Map<String, Started> startedByRunId =
      Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Started> eldest) {
          return size() > FIRST_EVENTS_KEPT;
        }
      });

  TemporalJobs(WorkflowClient client, ObjectLockStore objectLocks, JobSearchAttributes searchAttributes) {
    this.client = client;
    this.converter = client.getOptions().getDataConverter();
    this.objectLocks = objectLocks;
    this.searchAttributes = searchAttributes;
  }

  /** Starts the job's cron chain; false when one is already open under its workflow id. */
  boolean start(Job job) {
    WorkflowOptions.Builder options = JobWorkflowDescription.describe(
        WorkflowOptions.newBuilder()
            .setWorkflowId(BatchSync.workflowId(job.id()))
            .setTaskQueue(BatchSync.TASK_QUEUE)
            .setCronSchedule(job.temporalCron()),
        job, JobWorkflowDescription.Trigger.SCHEDULE);
    searchAttributes.of(job).ifPresent(options::setTypedSearchAttributes);
    try {
      WorkflowClient.start(client.newWorkflowStub(BatchSyncWorkflow.class, options.build())::run, job.workflowInput());
      log.info("Scheduled job id={} name='{}' cron='{}' ({})", job.id(), job.name(), job.temporalCron(),
          job.compiled().description());
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }

  /**
   * Ends a cron chain at once, even mid-run, and frees the objects its run held so no other run
   * waits for their lease to expire; a chain that is not open is left alone.
   */
  void terminate(String workflowId, String reason) {
    try {
      client.newUntypedWorkflowStub(workflowId).terminate(reason);
      log.info("Terminated workflow {}: {}", workflowId, reason);
    } catch (WorkflowNotFoundException notOpen) {
      log.debug("Workflow {} was not open", workflowId);
    }
    objectLocks.releaseAllHeldBy(workflowId);
  }

  /**
   * Starts one run of the job now, outside its schedule. A job has at most one such run at a
   * time: its workflow id is the same for every manual run, so Temporal itself refuses a second
   * while the first is open, however many requests arrive at once. The request is refused then, unless
   * {@code reportEnded} says that run's report has ended: its workflow closes a moment after its last
   * activity, and whoever saw the run end and runs the job again waits that moment out (up to {@link
   * #FINISHING_RUN_GRACE}) instead of being refused.
   *
   * @return the started run's workflow and run id
   * @throws JobConflictException while the job's previous manual run has not ended
   */
  WorkflowExecution runNow(Job job, Predicate<String> reportEnded) {
    String workflowId = BatchSync.workflowId(job.id()) + "-manual";
    WorkflowOptions.Builder options = JobWorkflowDescription.describe(
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setTaskQueue(BatchSync.TASK_QUEUE),
        job, JobWorkflowDescription.Trigger.BY_HAND);
    searchAttributes.of(job).ifPresent(options::setTypedSearchAttributes);
    WorkflowOptions started = options.build();
    WorkflowExecution execution;
    try {
      execution = start(started, job);
    } catch (WorkflowExecutionAlreadyStarted running) {
      if (!reportEnded.test(running.getExecution().getRunId())
          || !closesWithin(running.getExecution(), FINISHING_RUN_GRACE)) {
        throw alreadyRunning(job, running);
      }
      try {
        execution = start(started, job);
      } catch (WorkflowExecutionAlreadyStarted startedMeanwhile) {
        throw alreadyRunning(job, startedMeanwhile);
      }
    }
    log.info("Started a manual run of job id={} runId={}", job.id(), execution.getRunId());
    return execution;
  }

  private WorkflowExecution start(WorkflowOptions options, Job job) {
    return WorkflowClient.start(client.newWorkflowStub(BatchSyncWorkflow.class, options)::run, job.workflowInput());
  }

  private static JobConflictException alreadyRunning(Job job, WorkflowExecutionAlreadyStarted running) {
    String runId = running.getExecution().getRunId();
    return new JobConflictException(
        "job '" + job.id() + "' already has a run started by hand that has not ended"
            + (runId.isEmpty() ? "" : " (runId " + runId + ", GET /api/runs/" + runId + ")")
            + "; wait for it to end, then run the job again");
  }

  /** Whether the workflow execution has closed, or closes within {@code wait}, however it ends. */
  private boolean closesWithin(WorkflowExecution execution, Duration wait) {
    try {
      client.newUntypedWorkflowStub(execution.getWorkflowId(), Optional.of(execution.getRunId()), Optional.empty())
          .getResult(wait.toMillis(), TimeUnit.MILLISECONDS, BatchSyncResult.class);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (WorkflowException closedOtherwise) {
      return true;
    }
  }

  /** The open cron chain under this workflow id, if any. */
  Optional<Chain> chain(String workflowId) {
    WorkflowExecutionInfo info;
    try {
      info =
          client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Optional.empty();
    }
    return chainOf(workflowId, info.getExecution().getRunId());
  }

  /**
   * One page of open workflows. The embedded Temporal (Java's test server) lists them by walking its
   * store without a lock while runs change it: under load a list now and then fails UNKNOWN (a
   * ConcurrentModificationException inside the server; the resilience suite's load scenario met it).
   * A list only reads, so it is asked again.
   */
  private ListOpenWorkflowExecutionsResponse listOpen(ListOpenWorkflowExecutionsRequest request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.getWorkflowServiceStubs().blockingStub().listOpenWorkflowExecutions(request);
      } catch (StatusRuntimeException failed) {
        if (attempt == LIST_ATTEMPTS || failed.getStatus().getCode() != Status.Code.UNKNOWN) {
          throw failed;
        }
        log.info("Temporal failed a list of open workflows ({}); asking again", failed.getStatus());
      }
    }
  }

  /**
   * Every open BatchSync workflow with a cron, by workflow id: our jobs' chains and those started
   * outside the API. One list call, plus one history read per run not seen before.
   */
  Map<String, Chain> openChains() {
    Map<String, Chain> chains = new LinkedHashMap<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse response =
          listOpen(ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(BatchSync.WORKFLOW_TYPE))
              .setMaximumPageSize(500)
              .setNextPageToken(page)
              .build());
      for (WorkflowExecutionInfo info : response.getExecutionsList()) {
        // The embedded Temporal ignores the type filter and lists RecordSync workflows too.
        if (!info.getType().getName().equals(BatchSync.WORKFLOW_TYPE)) {
          continue;
        }
        String workflowId = info.getExecution().getWorkflowId();
        chainOf(workflowId, info.getExecution().getRunId())
            .filter(chain -> !chain.cron().isEmpty())
            .ifPresent(chain -> chains.put(workflowId, chain));
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return chains;
  }

  /** Whether the chain's current run is executing; a run waiting for its fire time is not. */
  boolean busy(Chain chain) {
    return client.streamHistory(chain.workflowId(), chain.runId()).limit(2).count() > 1;
  }

  private Optional<Chain> chainOf(String workflowId, String runId) {
    Started started = startedByRunId.get(runId);
    if (started == null) {
      started = readStarted(workflowId, runId);
      if (started == null) {
        return Optional.empty();
      }
      startedByRunId.put(runId, started);
    }
    return Optional.of(new Chain(workflowId, runId, started.cron(), started.input(), started.createdAt()));
  }

  private Started readStarted(String workflowId, String runId) {
    HistoryEvent first = client.streamHistory(workflowId, runId).findFirst().orElse(null);
    if (first == null || first.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
      return null;
    }
    WorkflowExecutionStartedEventAttributes attributes = first.getWorkflowExecutionStartedEventAttributes();
    BatchSyncInput input = null;
    if (attributes.hasInput() && attributes.getInput().getPayloadsCount() > 0) {
      try {
        input = converter.fromPayload(attributes.getInput().getPayloads(0), BatchSyncInput.class, BatchSyncInput.class);
      } catch (RuntimeException unreadable) {
        log.warn("Workflow {} has an input that is not a BatchSync job: {}", workflowId, unreadable.getMessage());
      }
    }
    Instant createdAt = Instant.ofEpochSecond(first.getEventTime().getSeconds(), first.getEventTime().getNanos());
    return new Started(attributes.getCronSchedule(), input, createdAt);
  }
}
