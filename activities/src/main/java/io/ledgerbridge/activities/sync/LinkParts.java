package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.store.RecordLink;
import java.time.Instant;

/** A record link being made: each side puts in its end ({@link Side#linkEnd}), the pipeline the rest. */
final class LinkParts {
  String qboId;
  String qboSyncToken;
  String salesforceId;
  Instant salesforceModstamp;

  RecordLink link(SyncRun run, String contentHash, Instant syncedAt, boolean createdByWrite) {
    return new RecordLink(run.realmId, run.object, qboId, run.mapping.salesforceObject(), salesforceId, qboSyncToken,
        contentHash, salesforceModstamp, run.direction, syncedAt, run.writer, createdByWrite);
  }
}
