package io.ledgerbridge.workflows.reconcile;

import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * What a reconciliation compares and whether it repairs.
 *
 * @param companyId the QuickBooks realmId
 * @param objects the objects to compare, parents first; empty for every object with a mapping
 * @param repair hand the records that differ to the per-record sync, to be synced again
 * @param scheduled started by the company's reconciliation schedule rather than by hand
 */
public record ReconcileInput(String companyId, List<SyncObject> objects, boolean repair, boolean scheduled) {
  public ReconcileInput {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }
}
