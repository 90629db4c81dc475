package io.ledgerbridge.workflows.reconcile;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;
import java.util.Map;

/**
 * What reconciling one object against one Salesforce object found: counts per class, at most
 * {@link #MAX_SAMPLES} example records per class, and how often each field differed. Never
 * records, so workflow history stays small.
 *
 * @param directions the directions the object's mapping to {@code salesforceObject} syncs
 * @param differingFields per mapped field, how many linked records differ in it
 * @param repairsRequested records handed to the per-record sync to be synced again (with repair)
 * @param quickBooksCalls QuickBooks API calls made to read the object
 * @param salesforceCalls Salesforce API calls made to read the object
 * @param error why the object could not be reconciled, or null
 */
public record ObjectReconciliation(
    SyncObject object,
    String salesforceObject,
    List<SyncDirection> directions,
    ClassCounts counts,
    Map<String, Integer> differingFields,
    List<RecordSample> samples,
    int repairsRequested,
    int quickBooksCalls,
    int salesforceCalls,
    long millis,
    String error) {

  /** Example records kept per class; the counts cover every record. */
  public static final int MAX_SAMPLES = 20;

  public ObjectReconciliation {
    directions = directions == null ? List.of() : List.copyOf(directions);
    counts = counts == null ? ClassCounts.NONE : counts;
    differingFields = differingFields == null ? Map.of() : Map.copyOf(differingFields);
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  /** An object whose reconciliation failed as a whole, with the reason. */
  public static ObjectReconciliation failed(SyncObject object, String error) {
    return new ObjectReconciliation(object, null, List.of(), ClassCounts.NONE, Map.of(), List.of(), 0, 0, 0, 0, error);
  }
}
