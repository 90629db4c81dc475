package io.ledgerbridge.workflows.batch;

import io.ledgerbridge.workflows.catalog.JobObjects;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.locks.ObjectLocking;
import io.ledgerbridge.workflows.locks.ObjectLockRequest;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.schedule.LocalSchedule;
import io.ledgerbridge.workflows.sync.ActivityFailures;
import io.ledgerbridge.workflows.sync.Bookkeeping;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.PagingActivities;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.RecordCounts;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a batch sync job. An object that fails is reported and the run goes on with the next
 * one (its children defer the records whose parents are missing); the run itself fails only when
 * nothing synced, and the cron schedule carries on either way.
 */
public final class BatchSyncWorkflowImpl implements BatchSyncWorkflow {
  /** Runs recorded before locks were renewed replay without the renewing activity. */
  static final String LEASE_RENEWAL_CHANGE = "object-lock-lease-renewal";

  private final SyncActivities sync =
      Workflow.newActivityStub(SyncActivities.class, PagingActivities.options(6));

  private final RunReportActivities reports =
      Workflow.newActivityStub(
          RunReportActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(Bookkeeping.RETRIES)
              .build());

  private final ObjectLocking locking = new ObjectLocking();

  @Override
  public BatchSyncResult run(BatchSyncInput input) {
    String runId = Workflow.getInfo().getRunId();
    String workflowId = Workflow.getInfo().getWorkflowId();
    List<SyncObject> objects = validObjects(input);
    if (!dueByLocalSchedule(input)) {
      return new BatchSyncResult(runId, RunStatus.SKIPPED, List.of());
    }
    reports.recordRunStarted(
        new RunStarted(
            runId,
            input.jobId(),
            workflowId,
            input.name(),
            input.companyId(),
            input.direction(),
            objects.stream().map(SyncObject::displayName).toList(),
            now()));

    List<ObjectRunReport> outcomes = new ArrayList<>();
    for (SyncObject object : objects) {
      outcomes.add(syncOne(input, runId, object));
    }
    RunStatus status = overallStatus(outcomes);
    String cause = status == RunStatus.SUCCEEDED ? null : summarizeFailures(outcomes);
    reports.recordRunFinished(
        new RunFinished(runId, input.jobId(), status, List.copyOf(outcomes), now(), cause));
    // A failed run still completes, with FAILED in its result: the outcome is data the admin
    // reads in the run report, and the Java test server stalls time skipping after a cron run
    // fails, which would make the schedule's behaviour untestable.
    return new BatchSyncResult(runId, status, List.copyOf(outcomes));
  }

  /**
   * Syncs one object while holding its lock, so no other run syncs it at the same time. The lock
   * is a short lease renewed while the sync runs: if this run dies, the renewals stop and the lock
   * lapses instead of blocking the object for hours.
   */
  private ObjectRunReport syncOne(BatchSyncInput input, String runId, SyncObject object) {
    ObjectLockRequest lock =
        new ObjectLockRequest(input.companyId(), object, input.direction(), runId, Workflow.getInfo().getWorkflowId());
    boolean renew = Workflow.getVersion(LEASE_RENEWAL_CHANGE, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
    return locking.holding(lock, renew, grant -> {
      ObjectRunReport report = syncUnlocked(input, runId, object);
      if (grant.note() == null) {
        return report;
      }
      return report.withNote(report.note() == null ? grant.note() : grant.note() + " " + report.note());
    });
  }

  private ObjectRunReport syncUnlocked(BatchSyncInput input, String runId, SyncObject object) {
    Instant startedAt = now();
    try {
      ObjectSyncResult result =
          sync.syncObject(
              new ObjectSyncRequest(
                  input.jobId(), runId, input.companyId(), input.direction(), object, input.pullMissingParents()));
      int failed = result.counts().failed();
      RunStatus status = failed > 0 ? RunStatus.PARTLY_FAILED : RunStatus.SUCCEEDED;
      String error = failed > 0 ? failed + " record(s) failed: " + String.join(", ", result.failedSourceIds()) : null;
      return new ObjectRunReport(object.displayName(), status, result.counts(), error, startedAt, now(), result.note());
    } catch (ActivityFailure failure) {
      return new ObjectRunReport(object.displayName(), RunStatus.FAILED, RecordCounts.NONE,
          ActivityFailures.describe(failure), startedAt, now(), null);
    }
  }

  /**
   * A cron run of a UTC superset schedule syncs only when a local fire time passed since this run
   * was created, which is when the previous run ended: missed times are caught up once, never
   * twice. Manual runs (no cron) always sync.
   */
  private static boolean dueByLocalSchedule(BatchSyncInput input) {
    LocalSchedule schedule = input.localSchedule();
    String cron = Workflow.getInfo().getCronSchedule();
    if (schedule == null || cron == null || cron.isEmpty()) {
      return true;
    }
    Instant createdAt = Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis());
    Instant now = now();
    // Recorded as a side effect: the answer depends on the JVM's time-zone rules, which a replay
    // on another worker must not re-evaluate.
    return Workflow.sideEffect(Boolean.class, () -> schedule.firesBetween(createdAt, now));
  }

  private static List<SyncObject> validObjects(BatchSyncInput input) {
    if (input == null) {
      throw invalidJob("the workflow input is missing; see the README for the JSON input");
    }
    if (input.jobId() == null || input.jobId().isBlank()) {
      throw invalidJob("jobId is missing from the workflow input");
    }
    if (input.companyId() == null || input.companyId().isBlank()) {
      throw invalidJob("companyId (the QuickBooks realmId) is missing from the workflow input");
    }
    if (input.direction() == null) {
      throw invalidJob("direction is missing: QBO_TO_SALESFORCE or SALESFORCE_TO_QBO");
    }
    try {
      return JobObjects.resolveInOrder(input.objects(), input.direction());
    } catch (IllegalArgumentException invalid) {
      throw invalidJob(invalid.getMessage());
    }
  }

  private static ApplicationFailure invalidJob(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_JOB.name());
  }

  private static RunStatus overallStatus(List<ObjectRunReport> outcomes) {
    long failedObjects = outcomes.stream().filter(o -> o.status() == RunStatus.FAILED).count();
    if (failedObjects == outcomes.size()) {
      return RunStatus.FAILED;
    }
    boolean anyProblem =
        failedObjects > 0 || outcomes.stream().anyMatch(o -> o.status() == RunStatus.PARTLY_FAILED);
    return anyProblem ? RunStatus.PARTLY_FAILED : RunStatus.SUCCEEDED;
  }

  private static String summarizeFailures(List<ObjectRunReport> outcomes) {
    return outcomes.stream()
        .filter(o -> o.error() != null)
        .map(o -> o.object() + ": " + o.error())
        .reduce((a, b) -> a + "; " + b)
        .orElse("no object succeeded");
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
