package io.ledgerbridge.worker.reconcile;

/** Told when a reconciliation has stored its findings: the alert webhook listens. */
public interface ReconciliationListener {
  void reconciliationFinished(Reconciliation reconciliation);
}
