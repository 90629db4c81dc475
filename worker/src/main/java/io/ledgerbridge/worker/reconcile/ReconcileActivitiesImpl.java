package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.worker.jobs.Job;
import io.ledgerbridge.worker.jobs.JobService;
import io.ledgerbridge.worker.recordsync.RecordSyncs;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.reconcile.ClassCounts;
import io.ledgerbridge.workflows.reconcile.ObjectReconcileRequest;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.reconcile.ReconcileActivities;
import io.ledgerbridge.workflows.reconcile.ReconcileBegun;
import io.ledgerbridge.workflows.reconcile.ReconcileFinished;
import io.ledgerbridge.workflows.reconcile.ReconcileStart;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reconciliation's activities: one reconciliation of a company at a time, the comparison of
 * each object, and the findings stored and announced. Repairs go to the per-record sync, the same
 * way change notifications and error retries do.
 */
@Component
class ReconcileActivitiesImpl implements ReconcileActivities {
  private static final Logger log = LoggerFactory.getLogger(ReconcileActivitiesImpl.class);

  private final ObjectReconciler reconciler;
  private final RecordSyncs recordSyncs;
  private final ReconciliationStore store;
  private final TemporalRuns temporalRuns;
  private final List<ReconciliationListener> listeners;
  private final Clock clock = Clock.systemUTC();

  private final JobService jobs;

  ReconcileActivitiesImpl(ObjectReconciler reconciler, RecordSyncs recordSyncs, JobService jobs, ReconciliationStore store,
      TemporalRuns temporalRuns, List<ReconciliationListener> listeners) {
    this.jobs = jobs;
    this.reconciler = reconciler;
    this.recordSyncs = recordSyncs;
    this.store = store;
    this.temporalRuns = temporalRuns;
    this.listeners = listeners;
  }

  @Override
  public ReconcileBegun begin(ReconcileStart start) {
    String companyId = start.input().companyId();
    for (Reconciliation other : store.running(companyId)) {
      if (other.id().equals(start.id())) {
        continue;
      }
      if (temporalRuns.isOpen(other)) {
        log.info("Reconciliation {} of company {} not run: {} is running", start.id(), companyId, other.id());
        return new ReconcileBegun(List.of(), "reconciliation " + other.id() + " of company " + companyId + " is running");
      }
      store.lost(other.id(), "its workflow ended without storing findings (LedgerBridge or Temporal restarted)",
          clock.instant());
    }
    store.started(start);
    List<SyncObject> objects = reconciler.objectsToCompare(companyId, start.input().objects());
    log.info("Reconciling company {} ({}): {}{}", companyId, start.id(), objects, start.input().repair() ? ", repairing" : "");
    return new ReconcileBegun(objects, null);
  }

  @Override
  public List<ObjectReconciliation> reconcileObject(ObjectReconcileRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Repairs.HandOver handOver = request.repair() ? this::handOver : null;
    try {
      List<ObjectReconciliation> found =
          reconciler.reconcile(request.companyId(), request.object(), handOver, () -> context.heartbeat(null));
      for (ObjectReconciliation each : found) {
        ClassCounts counts = each.counts();
        log.info("Reconciled {} with {} of company {} ({}): {} equal, {} different, {} only in QuickBooks, {} only in"
                + " Salesforce, {} dangling, {} open errors; {} ms, {} QuickBooks and {} Salesforce calls{}",
            each.object().displayName(), each.salesforceObject(), request.companyId(), request.id(), counts.linkedEqual(),
            counts.linkedDifferent(), counts.onlyInQuickBooks(), counts.onlyInSalesforce(), counts.dangling(),
            counts.openErrors(), each.millis(), each.quickBooksCalls(), each.salesforceCalls(),
            request.repair() ? ", " + each.repairsRequested() + " record(s) handed to the per-record sync" : "");
      }
      return found;
    } catch (RuntimeException failure) {
      throw RemoteFailures.toActivityFailure(failure);
    }
  }

  /**
   * Records to sync again go to the per-record sync as a change notification's would: their errors
   * filed under the company's job of the object whose name sorts first, missing parents pulled
   * through when one of those jobs says so.
   */
  private void handOver(String companyId, SyncObject object, SyncDirection direction, List<String> sourceIds) {
    List<Job> syncing = jobs.activeJobsSyncing(companyId, direction, object);
    Job owner = syncing.stream().min(Comparator.comparing(Job::name)).orElse(null);
    if (owner == null) {
      log.warn("{} {} record(s) of company {} not repaired: no active job syncs them {} any more", sourceIds.size(),
          object.displayName(), companyId, direction);
      return;
    }
    recordSyncs.sync(companyId, object, direction, sourceIds, owner.id(), owner.name(),
        syncing.stream().anyMatch(Job::pullMissingParents));
  }

  @Override
  public void finish(ReconcileFinished finished) {
    store.finished(finished.id(), finished.objects(), finished.finishedAt());
    Reconciliation stored = store.find(finished.id()).orElseThrow();
    log.info("Reconciliation {} of company {} ended {}: {} record(s) differ", stored.id(), stored.companyId(),
        stored.status(), stored.differences());
    for (ReconciliationListener listener : listeners) {
      try {
        listener.reconciliationFinished(stored);
      } catch (RuntimeException e) {
        // Telling others never fails the reconciliation.
        log.warn("A reconciliation listener failed: {}", e.toString());
      }
    }
  }
}
