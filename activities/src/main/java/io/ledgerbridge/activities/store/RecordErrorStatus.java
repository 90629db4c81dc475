package io.ledgerbridge.activities.store;

/** Where a record error stands; stored by name in {@code record_error.status}. */
public enum RecordErrorStatus {
  /** The record has not synced since; one open row per record at most. */
  OPEN,
  /** A later sync of the record succeeded. */
  RESOLVED,
  /** An admin chose to ignore it. */
  DISMISSED
}
