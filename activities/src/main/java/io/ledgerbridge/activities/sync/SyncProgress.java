package io.ledgerbridge.activities.sync;

import java.util.List;

/**
 * Where an object's sync stands, sent as heartbeat details after each page is written so a retried
 * attempt resumes there instead of starting over.
 *
 * @param lower the LastUpdatedTime the next page's query starts from ({@code >=}); null for "from the start"
 * @param position the STARTPOSITION of the next page within that query
 * @param doneAtLower ids already handled whose LastUpdatedTime equals {@code lower}: the next page re-reads them
 * @param maxSeen the highest LastUpdatedTime read so far: the cursor once every page is written
 * @param failedIds the first failed source ids, at most {@code ObjectSyncResult.MAX_FAILED_IDS}
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
    List<String> failedIds) {

  public SyncProgress {
    doneAtLower = doneAtLower == null ? List.of() : List.copyOf(doneAtLower);
    failedIds = failedIds == null ? List.of() : List.copyOf(failedIds);
    position = Math.max(1, position);
  }

  static SyncProgress startingAt(String cursor) {
    return new SyncProgress(cursor, 1, List.of(), cursor, 0, 0, 0, 0, 0, List.of());
  }
}
