package io.ledgerbridge.workflows.sync;

/**
 * What happened to one record of a {@link RecordSyncRequest}.
 *
 * @param message why it was deferred, held or failed; null when it synced
 */
public record RecordOutcome(String sourceId, Kind kind, String message) {

  /** The outcome's kind. */
  public enum Kind {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** Its parent is not in the target yet; retried later. */
    DEFERRED,
    /** Both sides changed and the policy holds it for a person. */
    CONFLICT,
    FAILED,
    /** The source has no such record. */
    NOT_FOUND
  }
}
