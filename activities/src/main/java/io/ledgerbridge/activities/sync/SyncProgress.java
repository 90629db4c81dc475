package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.workflows.sync.RecordCounts;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an object's sync stands, sent as heartbeat details after each checkpoint so a retried
 * attempt resumes there instead of starting over.
 *
 * @param lower the timestamp the next page's query starts from ({@code >=}): QBO LastUpdatedTime or
 *     Salesforce SystemModstamp; null for "from the start"
 * @param position the 1-based position of the next page within that query (QBO STARTPOSITION); Salesforce
 *     needs none, its query ordered by SystemModstamp and Id starting past the last of {@code doneAtLower}
 * @param doneAtLower ids already handled whose timestamp equals {@code lower}, in the order read: the next
 *     QBO page re-reads them
 * @param maxSeen the highest timestamp read so far: the cursor once every page is written
 * @param counts what became of the records handled so far
 * @param failedIds the first failed source ids, at most {@code ObjectSyncResult.MAX_FAILED_IDS}
 * @param total how many records this sync handles, counted when paging starts (deferred retries
 *     included); null until known. Records changed during the sync can push {@code read} past it.
 * @param notes the first records' notes by source id, at most {@code ObjectSyncResult.MAX_NOTES}
 * @param noted how many records got a note
 * @param upper the newest change this sync reads, fixed when paging starts (Salesforce SystemModstamp), so a
 *     retried attempt does not read again the records whose keys the earlier one wrote back; null until
 *     fixed, and for QBO, whose change feed needs none
 * @param countedAt when {@code counts} were taken (ISO instant, by the sync's clock): every record written before
 *     then is in them, so a retried attempt counts the links this sync saved after it as records it has not
 *     counted; null before the first count
 * @param bulkJobs the Salesforce bulk jobs sent since the checkpoint: a retried attempt asks them which records they
 *     created, as its own upserts of those records answer "updated"
 */
public record SyncProgress(
    String lower,
    int position,
    List<String> doneAtLower,
    String maxSeen,
    @JsonUnwrapped RecordCounts counts,
    List<String> failedIds,
    Integer total,
    String upper,
    Map<String, String> notes,
    int noted,
    String countedAt,
    List<String> bulkJobs) {

  public SyncProgress {
    doneAtLower = doneAtLower == null ? List.of() : List.copyOf(doneAtLower);
    bulkJobs = bulkJobs == null ? List.of() : List.copyOf(bulkJobs);
    failedIds = failedIds == null ? List.of() : List.copyOf(failedIds);
    notes = notes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    counts = counts == null ? RecordCounts.NONE : counts;
    position = Math.max(1, position);
  }

  /** A run's start: at the cursor, past its last record done where it names one; from the start without a cursor. */
  static SyncProgress startingAt(CursorStore.Cursor cursor) {
    String at = cursor == null ? null : cursor.value();
    List<String> done = cursor == null || cursor.lastIdAtValue() == null ? List.of() : List.of(cursor.lastIdAtValue());
    return new SyncProgress(at, 1, done, at, RecordCounts.NONE, List.of(), null, null, Map.of(), 0, null, null);
  }

  /** This position with the tally's counts, taken at {@code now}. */
  SyncProgress counting(Tally tally, Instant now) {
    return new SyncProgress(lower, position, doneAtLower, maxSeen, tally.counts(), tally.failedIds, total, upper, tally.notes,
        tally.noted, now.toString(), tally.bulkJobs);
  }

  /** This checkpoint with the bulk jobs sent since. */
  SyncProgress sending(List<String> jobs) {
    return new SyncProgress(lower, position, doneAtLower, maxSeen, counts, failedIds, total, upper, notes, noted, countedAt, jobs);
  }

  /** This position with its total. */
  SyncProgress totalling(int total) {
    return new SyncProgress(lower, position, doneAtLower, maxSeen, counts, failedIds, total, upper, notes, noted, countedAt, bulkJobs);
  }

  /** This position with the newest change the sync reads. */
  SyncProgress upTo(String newest) {
    return new SyncProgress(lower, position, doneAtLower, maxSeen, counts, failedIds, total, newest, notes, noted, countedAt, bulkJobs);
  }
}
