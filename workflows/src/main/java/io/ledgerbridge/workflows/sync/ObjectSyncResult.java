package io.ledgerbridge.workflows.sync;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * What one object's sync did. Holds counts and a bounded list of failed source ids, never
 * records, so workflow history stays small.
 */
public record ObjectSyncResult(
    SyncObject object,
    @JsonUnwrapped RecordCounts counts,
    List<String> failedSourceIds,
    String cursor) {

  /** At most this many failed ids travel through history; the rest are in the error store. */
  public static final int MAX_FAILED_IDS = 50;
}
