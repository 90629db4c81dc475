package io.ledgerbridge.worker.runs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ledgerbridge.activities.locks.ObjectLockStore;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends run reports left RUNNING by workflows that closed without reporting: terminated (a job
 * deleted mid-run), cancelled, timed out, or lost with the embedded server's memory, and frees the
 * object locks such a run held. Without this such runs would show as running forever.
 */
@Component
class RunReconciler {
  private static final Logger log = LoggerFactory.getLogger(RunReconciler.class);
  /** Younger runs are left alone: their start may be recorded before Temporal shows them. */
  private static final Duration GRACE = Duration.ofMinutes(1);

  private final RunStore runs;
  private final WorkflowClient client;
  private final ObjectLockStore locks;
  private final Clock clock = Clock.systemUTC();

  RunReconciler(RunStore runs, WorkflowClient client, ObjectLockStore locks) {
    this.runs = runs;
    this.client = client;
    this.locks = locks;
  }

  @Scheduled(fixedDelay = 60_000, initialDelay = 30_000)
  void reconcileAll() {
    try {
      for (RunReport run : runs.runningSince(clock.instant().minus(GRACE))) {
        reconcile(run);
      }
    } catch (RuntimeException e) {
      log.debug("Run reconciliation skipped this time", e);
    }
  }

  /** Ends the run's report if its workflow has closed; returns whether it did. */
  boolean reconcile(RunReport run) {
    if (run.status() != RunStatus.RUNNING) {
      return false;
    }
    WorkflowExecutionStatus status;
    Instant closedAt;
    try {
      var info = RunExecutions.describe(client, run).getWorkflowExecutionInfo();
      status = info.getStatus();
      closedAt =
          info.hasCloseTime() ? Instant.ofEpochSecond(info.getCloseTime().getSeconds(), info.getCloseTime().getNanos()) : clock.instant();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND || run.startedAt().isAfter(clock.instant().minus(GRACE))) {
        return false;
      }
      return end(run, RunStatus.CANCELLED, "Temporal no longer knows this run (the embedded Temporal keeps runs in memory only, so a restart loses them)", clock.instant());
    }
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> end(run, RunStatus.CANCELLED, "the workflow was terminated (e.g. its job was deleted or rescheduled)", closedAt);
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> end(run, RunStatus.CANCELLED, "the workflow was cancelled", closedAt);
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> end(run, RunStatus.FAILED, "the workflow timed out", closedAt);
      case WORKFLOW_EXECUTION_STATUS_FAILED -> end(run, RunStatus.FAILED, "the workflow failed before it could report", closedAt);
      case WORKFLOW_EXECUTION_STATUS_COMPLETED, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW ->
          run.startedAt().isBefore(clock.instant().minus(GRACE))
              && end(run, RunStatus.FAILED, "the workflow ended without recording its outcome", closedAt);
      default -> false;
    };
  }

  private boolean end(RunReport run, RunStatus status, String cause, Instant at) {
    boolean ended = runs.markEnded(run.runId(), status, cause, at);
    if (ended) {
      // A run that is over holds nothing: the next run of its objects need not wait for the lease to lapse.
      int released = locks.releaseAllOfRun(run.runId());
      log.warn("Run {} of job {} marked {}: {}{}", run.runId(), run.jobId(), status, cause,
          released == 0 ? "" : "; released its " + released + " object lock(s)");
    }
    return ended;
  }
}
