package io.ledgerbridge.workflows.reconcile;

import java.util.List;

/** Where a reconciliation stands, or how it ended. */
public enum ReconcileStatus {
  RUNNING,
  /** Every object was compared and nothing differs (open errors aside: they are listed already). */
  CLEAN,
  /** Every object was compared and some records differ. */
  DIFFERENCES,
  /** Some object could not be compared; the others' findings stand. */
  FAILED,
  /** Not run: another reconciliation of the company was running. Never stored. */
  SKIPPED;

  /** How a reconciliation with these object results ended. */
  public static ReconcileStatus of(List<ObjectReconciliation> objects) {
    if (objects.stream().anyMatch(o -> o.error() != null)) {
      return FAILED;
    }
    return differences(objects) > 0 ? DIFFERENCES : CLEAN;
  }

  public static int differences(List<ObjectReconciliation> objects) {
    return objects.stream().mapToInt(o -> o.counts().differences()).sum();
  }
}
