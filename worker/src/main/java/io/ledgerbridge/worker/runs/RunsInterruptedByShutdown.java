package io.ledgerbridge.worker.runs;

import io.grpc.StatusRuntimeException;
import io.ledgerbridge.activities.locks.ObjectLockStore;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.worker.config.TemporalProperties;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * On a graceful shutdown (SIGTERM, Ctrl-C) with the embedded Temporal, ends the reports of the runs
 * this process was running and frees the objects they held: the embedded server keeps them in
 * memory, so they can never finish, and would show RUNNING until the next start reconciled them,
 * their objects locked for the rest of the lease. It runs after the workers have
 * drained (so a run that finished meanwhile keeps its own outcome) and before the embedded server
 * and the database close, which Spring destroys after this bean because it depends on them. With
 * an external Temporal the runs go on at another worker, or this one once it is back, so they are
 * left alone.
 */
@Component
class RunsInterruptedByShutdown implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RunsInterruptedByShutdown.class);
  static final String CAUSE = "LedgerBridge stopped while the run was in progress, and the embedded Temporal"
      + " forgets its runs when it stops; the job's next run syncs what this one did not";

  private final RunStore runs;
  private final ObjectLockStore objectLocks;
  private final WorkflowClient client;
  private final boolean embeddedTemporal;
  private final Clock clock = Clock.systemUTC();

  RunsInterruptedByShutdown(RunStore runs, ObjectLockStore objectLocks, WorkflowClient client, TemporalProperties temporal) {
    this.runs = runs;
    this.objectLocks = objectLocks;
    this.client = client;
    this.embeddedTemporal = temporal.embedded();
  }

  @Override
  public void destroy() {
    if (!embeddedTemporal) {
      return;
    }
    Instant now = clock.instant();
    for (RunReport run : runs.runningSince(now)) {
      if (isRunningHere(run) && runs.markEnded(run.runId(), RunStatus.CANCELLED, CAUSE, now)) {
        objectLocks.releaseAllHeldBy(run.workflowId());
        log.warn("Run {} of job {} marked CANCELLED: {}", run.runId(), run.jobId(), CAUSE);
      }
    }
  }

  /** Whether this process's Temporal has the run's workflow open; a run it does not know is another's. */
  private boolean isRunningHere(RunReport run) {
    try {
      return RunExecutions.describe(client, run).getWorkflowExecutionInfo().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException unknownOrUnreachable) {
      return false;
    }
  }
}
