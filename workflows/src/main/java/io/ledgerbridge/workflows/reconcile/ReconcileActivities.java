package io.ledgerbridge.workflows.reconcile;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a reconciliation does outside its workflow: its bookkeeping, and reading both systems. */
@ActivityInterface
public interface ReconcileActivities {

  /**
   * Records the reconciliation as running, unless another of the company is; then it may not run.
   * Idempotent: a retried call finds its own record and goes on.
   */
  @ActivityMethod
  ReconcileBegun begin(ReconcileStart start);

  /**
   * Compares one object in both systems and their record links, in bulk reads, once per
   * Salesforce object it is mapped to; with repair, hands what differs to the per-record sync.
   * Only reads and hands over, so a retry repeats it safely.
   */
  @ActivityMethod
  List<ObjectReconciliation> reconcileObject(ObjectReconcileRequest request);

  /** Stores the findings and tells the alert webhook when records differ. */
  @ActivityMethod
  void finish(ReconcileFinished finished);
}
