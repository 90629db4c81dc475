package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.reconcile.ReconcileStatus;
import java.time.Instant;
import java.util.List;

/**
 * One reconciliation of a company, as stored and as the API shows it.
 *
 * @param id the Temporal workflow run's id
 * @param scheduled started by the reconciliation schedule rather than by hand
 * @param repair whether what differs was handed to the per-record sync to be synced again
 * @param requestedObjects the objects asked for; empty for every object with a mapping
 * @param differences records on which the systems disagree, open errors left out
 * @param objects the findings per object and Salesforce object; empty while running
 * @param error why it ended without findings (its workflow was lost), or null
 */
public record Reconciliation(
    String id,
    String companyId,
    String workflowId,
    boolean scheduled,
    boolean repair,
    List<String> requestedObjects,
    ReconcileStatus status,
    int differences,
    Instant startedAt,
    Instant finishedAt,
    List<ObjectReconciliation> objects,
    String error) {

  public Reconciliation {
    requestedObjects = requestedObjects == null ? List.of() : List.copyOf(requestedObjects);
    objects = objects == null ? List.of() : List.copyOf(objects);
  }
}
