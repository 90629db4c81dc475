package io.ledgerbridge.workflows.reconcile;

/** What a reconciliation found of one record, comparing QuickBooks, Salesforce and the record links. */
public enum RecordClass {
  /** On both sides, and the target holds what the mapping makes of the source. */
  LINKED_EQUAL,
  /** On both sides, but some mapped fields differ (they are named). */
  LINKED_DIFFERENT,
  /** In QuickBooks only, though the object syncs to Salesforce. */
  ONLY_IN_QUICKBOOKS,
  /**
   * In Salesforce only: not yet keyed, though the object syncs to QuickBooks; or keyed to a
   * QuickBooks record that does not exist, without a record link.
   */
  ONLY_IN_SALESFORCE,
  /** A record link to a record that no longer exists on one side, or on either. */
  DANGLING,
  /** Not in step, but already listed as an open record error with its reason. */
  OPEN_ERROR;

  /** Whether the class means the two systems disagree and nothing lists it yet. */
  public boolean isDifference() {
    return this != LINKED_EQUAL && this != OPEN_ERROR;
  }
}
