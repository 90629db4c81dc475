package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.workflows.batch.BatchSync;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps Temporal in line with the job registry: an active job has exactly its cron chain, with its
 * cron and input; a paused one has none. A chain whose current run is executing is never cut
 * short: the change waits until that run ends, so an update or pause loses no run and doubles
 * none. Runs at start (the embedded Temporal forgets everything on restart) and every few seconds.
 */
@Component
class JobReconciler {
  private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);

  /** What reconciling a job found or did. */
  enum Outcome {
    IN_SYNC,
    STARTED,
    REPLACED,
    STOPPED,
    /** The chain differs but its current run is executing; applied when the run ends. */
    WAITING_FOR_RUN
  }

  private final JobRepository jobs;
  private final TemporalJobs temporal;

  JobReconciler(JobRepository jobs, TemporalJobs temporal) {
    this.jobs = jobs;
    this.temporal = temporal;
  }

  Outcome reconcile(Job job) {
    String workflowId = BatchSync.workflowId(job.id());
    Optional<TemporalJobs.Chain> chain = temporal.chain(workflowId);
    if (job.state() == JobState.PAUSED) {
      if (chain.isEmpty()) {
        return Outcome.IN_SYNC;
      }
      if (temporal.busy(chain.get())) {
        return Outcome.WAITING_FOR_RUN;
      }
      temporal.terminate(workflowId, "job paused");
      return Outcome.STOPPED;
    }
    if (chain.isEmpty()) {
      temporal.start(job);
      return Outcome.STARTED;
    }
    if (matches(job, chain.get())) {
      return Outcome.IN_SYNC;
    }
    if (temporal.busy(chain.get())) {
      return Outcome.WAITING_FOR_RUN;
    }
    temporal.terminate(workflowId, "job changed: replaced by a chain with the new definition");
    temporal.start(job);
    return Outcome.REPLACED;
  }

  /** Whether Temporal's chain runs the job as it is defined now. */
  static boolean matches(Job job, TemporalJobs.Chain chain) {
    return chain.cron().equals(job.temporalCron()) && job.workflowInput().equals(chain.input());
  }

  @EventListener(ApplicationReadyEvent.class)
  void reconcileOnStart() {
    long started = jobs.all().stream().map(this::reconcileLogged).filter(o -> o == Outcome.STARTED).count();
    log.info("Reconciled jobs with Temporal: {} cron workflow(s) (re)created", started);
  }

  @Scheduled(fixedDelayString = "${ledgerbridge.reconcile-interval:10s}", initialDelayString = "${ledgerbridge.reconcile-interval:10s}")
  void reconcileAll() {
    Map<String, TemporalJobs.Chain> open;
    try {
      open = temporal.openChains();
    } catch (RuntimeException e) {
      log.warn("Jobs could not be reconciled with Temporal, will retry: {}", e.toString());
      return;
    }
    // One list call tells which jobs are in line; only the others are looked at one by one.
    for (Job job : jobs.all()) {
      TemporalJobs.Chain chain = open.get(BatchSync.workflowId(job.id()));
      boolean inLine = job.state() == JobState.PAUSED ? chain == null : chain != null && matches(job, chain);
      if (!inLine) {
        reconcileLogged(job);
      }
    }
  }

  private Outcome reconcileLogged(Job job) {
    try {
      Outcome outcome = reconcile(job);
      if (outcome != Outcome.IN_SYNC && outcome != Outcome.WAITING_FOR_RUN) {
        log.info("Job id={} reconciled with Temporal: {}", job.id(), outcome);
      }
      return outcome;
    } catch (RuntimeException e) {
      log.warn("Job id={} could not be reconciled with Temporal, will retry: {}", job.id(), e.toString());
      return Outcome.WAITING_FOR_RUN;
    }
  }
}
