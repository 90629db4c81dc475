package io.ledgerbridge.workflows.sync;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * What one object's sync did. Holds counts and a bounded list of failed source ids, never
 * records, so workflow history stays small.
 *
 * @param note what the admin should know of records that synced all the same (a sales form whose lines do not
 *     add up to its total), or null
 */
public record ObjectSyncResult(
    SyncObject object,
    @JsonUnwrapped RecordCounts counts,
    List<String> failedSourceIds,
    String cursor,
    String note) {

  /** At most this many failed ids travel through history; the rest are in the error store. */
  public static final int MAX_FAILED_IDS = 50;

  /** At most this many records' notes travel through history; the note counts the rest. */
  public static final int MAX_NOTES = 10;
}
