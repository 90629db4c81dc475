package io.ledgerbridge.workflows.reconcile;

import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * Whether the reconciliation may run, and what it compares.
 *
 * @param objects the objects to compare, parents first; empty when it may not run
 * @param skippedBecause why it may not run (another reconciliation of the company is running), or null
 */
public record ReconcileBegun(List<SyncObject> objects, String skippedBecause) {
  public ReconcileBegun {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }
}
