package io.ledgerbridge.workflows.reconcile;

import java.time.Instant;

/** A reconciliation about to start, as its workflow announces it; {@code id} is the workflow run id. */
public record ReconcileStart(String id, String workflowId, ReconcileInput input, Instant startedAt) {}
