package io.ledgerbridge.workflows.sync;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/** What a {@link RecordSyncRequest} did: counts and one outcome per requested id. */
public record RecordSyncResult(
    SyncObject object,
    SyncDirection direction,
    @JsonUnwrapped RecordCounts counts,
    List<RecordOutcome> outcomes) {

  public RecordSyncResult {
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
  }
}
