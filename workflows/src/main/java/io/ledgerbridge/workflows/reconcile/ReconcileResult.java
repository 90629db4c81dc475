package io.ledgerbridge.workflows.reconcile;

/** How a reconciliation ended: its id (the workflow run id), status and number of records that differ. */
public record ReconcileResult(String id, ReconcileStatus status, int differences) {}
