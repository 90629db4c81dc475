package io.ledgerbridge.activities.sync;

import java.util.List;

/**
 * Where an object's sync stands, sent as heartbeat details after each page is written so a retried
 * attempt resumes there instead of starting over.
 *
 * @param lower the timestamp the next page's query starts from ({@code >=}): QBO LastUpdatedTime or
 *     Salesforce SystemModstamp; null for "from the start"
 * @param position the 1-based position of the next page within that query (QBO STARTPOSITION, SOQL OFFSET + 1)
 * @param doneAtLower ids already handled whose timestamp equals {@code lower}: the next page re-reads them
 * @param maxSeen the highest timestamp read so far: the cursor once every page is written
 * @param failedIds the first failed source ids, at most {@code ObjectSyncResult.MAX_FAILED_IDS}
 * @param total how many records this sync handles, counted when paging starts (deferred retries
 *     included); null until known. Records changed during the sync can push {@code read} past it.
 */
public record SyncProgress(
    String lower,
    int position,
    List<String> doneAtLower,
    String maxSeen,
    int read,
    int created,
    int updated,
    int unchanged,
    int failed,
    List<String> failedIds,
    int deferred,
    Integer total) {

  public SyncProgress {
    doneAtLower = doneAtLower == null ? List.of() : List.copyOf(doneAtLower);
    failedIds = failedIds == null ? List.of() : List.copyOf(failedIds);
    position = Math.max(1, position);
  }

  static SyncProgress startingAt(String cursor) {
    return new SyncProgress(cursor, 1, List.of(), cursor, 0, 0, 0, 0, 0, List.of(), 0, null);
  }

  /** This position with the tally's counts. */
  SyncProgress counting(Tally tally) {
    return new SyncProgress(lower, position, doneAtLower, maxSeen, tally.read, tally.created, tally.updated,
        tally.unchanged, tally.failed, tally.failedIds, tally.deferred, total);
  }

  /** This position with its total. */
  SyncProgress totalling(int total) {
    return new SyncProgress(lower, position, doneAtLower, maxSeen, read, created, updated, unchanged, failed,
        failedIds, deferred, total);
  }
}
