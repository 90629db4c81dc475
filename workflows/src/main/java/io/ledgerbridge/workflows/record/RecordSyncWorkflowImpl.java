package io.ledgerbridge.workflows.record;

import io.ledgerbridge.workflows.locks.ObjectLockRequest;
import io.ledgerbridge.workflows.locks.ObjectLocking;
import io.ledgerbridge.workflows.sync.ActivityFailures;
import io.ledgerbridge.workflows.sync.Bookkeeping;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.RecordCounts;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import io.ledgerbridge.workflows.sync.RecordSyncFailure;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs {@link SyncActivities#syncRecords} for the requested ids in chunks of {@link
 * RecordSyncRequest#MAX_IDS}, then for ids signalled while it ran. History holds ids and
 * outcomes, never records; a run ends once no id is waiting, so bursts share one run, and a long
 * stream of them continues as new runs once a run's history has grown. Each chunk syncs under the
 * object's lock. A chunk whose sync fails after its retries is kept as record errors, so no record
 * is dropped silently.
 */
public final class RecordSyncWorkflowImpl implements RecordSyncWorkflow {
  /** Outcomes kept in the result: enough for a retry screen, bounded for history. */
  static final int MAX_OUTCOMES = 500;
  /**
   * History events after which a run hands the ids still waiting to a fresh run: a live workflow
   * that keeps receiving notifications would otherwise grow towards Temporal's history limit.
   */
  static final int HISTORY_EVENTS_PER_RUN = 2_000;

  private final SyncActivities sync =
      Workflow.newActivityStub(
          SyncActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(10))
              .setHeartbeatTimeout(Duration.ofMinutes(2))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(2))
                      .setBackoffCoefficient(2.0)
                      .setMaximumInterval(Duration.ofMinutes(2))
                      .setMaximumAttempts(5)
                      .setDoNotRetry(FailureType.nonRetryableNames())
                      .build())
              .build());

  private final SyncActivities bookkeeping =
      Workflow.newActivityStub(
          SyncActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(Bookkeeping.RETRIES)
              .build());

  /** Replays of runs from before per-record syncs took the object lock take none. */
  static final String OBJECT_LOCK_CHANGE = "record-sync-object-lock";

  private final ObjectLocking locking = new ObjectLocking();
  private final Set<String> waiting = new LinkedHashSet<>();
  private final int historyEventsPerRun;

  public RecordSyncWorkflowImpl() {
    this(HISTORY_EVENTS_PER_RUN);
  }

  RecordSyncWorkflowImpl(int historyEventsPerRun) {
    this.historyEventsPerRun = historyEventsPerRun;
  }

  @Override
  public RecordSyncResult run(RecordSyncRequest request) {
    if (request == null || request.companyId() == null || request.object() == null || request.direction() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "companyId, object and direction are required", FailureType.INVALID_JOB.name());
    }
    waiting.addAll(request.sourceIds());
    String runId = request.runId() != null ? request.runId() : Workflow.getInfo().getRunId();
    RecordCounts counts = RecordCounts.NONE;
    List<RecordOutcome> outcomes = new ArrayList<>();
    while (!waiting.isEmpty()) {
      if (Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() > historyEventsPerRun) {
        Workflow.continueAsNew(new RecordSyncRequest(request.companyId(), request.object(), request.direction(),
            List.copyOf(waiting), request.jobId(), request.runId(), request.resolveConflictWith(),
            request.pullMissingParents()));
      }
      List<String> chunk = new ArrayList<>();
      for (String id : waiting) {
        if (chunk.size() == RecordSyncRequest.MAX_IDS) {
          break;
        }
        chunk.add(id);
      }
      waiting.removeAll(chunk);
      RecordSyncResult result;
      try {
        RecordSyncRequest chunkRequest = new RecordSyncRequest(request.companyId(), request.object(), request.direction(),
            chunk, request.jobId(), runId, request.resolveConflictWith(), request.pullMissingParents());
        result = syncHoldingTheObject(chunkRequest);
      } catch (ActivityFailure failure) {
        // Kept as record errors, listed and retryable; the other chunks still sync.
        String error = ActivityFailures.describe(failure);
        bookkeeping.recordFailures(new RecordSyncFailure(request.companyId(), request.object(), request.direction(), chunk,
            request.jobId(), runId, error));
        result = new RecordSyncResult(request.object(), request.direction(),
            new RecordCounts(chunk.size(), 0, 0, 0, 0, chunk.size()),
            chunk.stream().map(id -> new RecordOutcome(id, RecordOutcome.Kind.FAILED, error)).toList());
      }
      counts = counts.plus(result.counts());
      for (RecordOutcome outcome : result.outcomes()) {
        if (outcomes.size() < MAX_OUTCOMES) {
          outcomes.add(outcome);
        }
      }
    }
    return new RecordSyncResult(request.object(), request.direction(), counts, outcomes);
  }

  /**
   * Syncs a chunk under the object's lock, the one batch runs take too: a record is never written
   * by two workflows at once. A chunk waits for a batch run of its object, which may also sync it.
   */
  private RecordSyncResult syncHoldingTheObject(RecordSyncRequest chunk) {
    if (Workflow.getVersion(OBJECT_LOCK_CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return sync.syncRecords(chunk);
    }
    ObjectLockRequest lock = new ObjectLockRequest(chunk.companyId(), chunk.object(), chunk.direction(),
        Workflow.getInfo().getRunId(), Workflow.getInfo().getWorkflowId());
    return locking.holding(lock, true, grant -> sync.syncRecords(chunk));
  }

  @Override
  public void addRecords(List<String> sourceIds) {
    if (sourceIds != null) {
      waiting.addAll(sourceIds);
    }
  }
}
