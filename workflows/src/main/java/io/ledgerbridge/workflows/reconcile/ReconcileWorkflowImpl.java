package io.ledgerbridge.workflows.reconcile;

import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ActivityFailures;
import io.ledgerbridge.workflows.sync.Bookkeeping;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.PagingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One reconciliation: an activity per object, parents first; an object that cannot be compared is
 * reported with its reason and the next one goes on. The findings are stored at the end, whatever
 * happened, so the schedule and the status page always see how the last one ended.
 */
public final class ReconcileWorkflowImpl implements ReconcileWorkflow {
  private final ReconcileActivities reconcile =
      Workflow.newActivityStub(ReconcileActivities.class, PagingActivities.options(3));

  private final ReconcileActivities bookkeeping =
      Workflow.newActivityStub(
          ReconcileActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(Bookkeeping.RETRIES)
              .build());

  @Override
  public ReconcileResult run(ReconcileInput input) {
    if (input == null || input.companyId() == null || input.companyId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "companyId (the QuickBooks realmId) is required", FailureType.INVALID_JOB.name());
    }
    String id = Workflow.getInfo().getRunId();
    ReconcileBegun begun =
        bookkeeping.begin(new ReconcileStart(id, Workflow.getInfo().getWorkflowId(), input, now()));
    if (begun.skippedBecause() != null) {
      return new ReconcileResult(id, ReconcileStatus.SKIPPED, 0);
    }
    List<ObjectReconciliation> objects = new ArrayList<>();
    for (SyncObject object : begun.objects()) {
      try {
        objects.addAll(reconcile.reconcileObject(new ObjectReconcileRequest(id, input.companyId(), object, input.repair())));
      } catch (ActivityFailure failure) {
        objects.add(ObjectReconciliation.failed(object, ActivityFailures.describe(failure)));
      }
    }
    bookkeeping.finish(new ReconcileFinished(id, input.companyId(), objects, now()));
    return new ReconcileResult(id, ReconcileStatus.of(objects), ReconcileStatus.differences(objects));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
