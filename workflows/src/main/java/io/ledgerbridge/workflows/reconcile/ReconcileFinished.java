package io.ledgerbridge.workflows.reconcile;

import java.time.Instant;
import java.util.List;

/** A reconciliation's findings, object by object, when it ends. */
public record ReconcileFinished(String id, String companyId, List<ObjectReconciliation> objects, Instant finishedAt) {
  public ReconcileFinished {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }
}
