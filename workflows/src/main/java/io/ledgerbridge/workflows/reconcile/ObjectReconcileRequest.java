package io.ledgerbridge.workflows.reconcile;

import io.ledgerbridge.workflows.catalog.SyncObject;

/** One object of a reconciliation: {@code id} is the reconciliation's, for the log. */
public record ObjectReconcileRequest(String id, String companyId, SyncObject object, boolean repair) {}
