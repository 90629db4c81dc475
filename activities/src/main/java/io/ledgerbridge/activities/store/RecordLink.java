package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Instant;

/**
 * What the sync last wrote or read for one record present on both sides: the Salesforce record it
 * corresponds to, the QBO SyncToken and the Salesforce SystemModstamp after the sync (a side whose
 * current value differs changed since), and the hash of the mapped content, which decides "unchanged".
 *
 * @param salesforceObject e.g. {@code Account}; one QBO record may be linked to several objects
 * @param salesforceModstamp null when the sync has not read it (links from before it did, or a
 *     write still in progress)
 * @param writer the sync whose write this link records ({@code <workflow run id>/<activity id>}, the
 *     same across the activity's attempts), null for links from before writers were recorded: a
 *     retried attempt recognises its own earlier write by it
 * @param createdByWrite whether that write created the target record
 */
public record RecordLink(
    String companyId,
    SyncObject object,
    String qboId,
    String salesforceObject,
    String salesforceId,
    String qboSyncToken,
    String contentHash,
    Instant salesforceModstamp,
    SyncDirection lastDirection,
    Instant syncedAt,
    String writer,
    boolean createdByWrite) {

  /**
   * The content hash of a link saved between a record's first write and the end of its sync (its
   * lines, prices, read-back): it equals no content, so the record is written again unless this sync
   * finishes it.
   */
  public static final String UNFINISHED = "unfinished";

  /**
   * The content hash of a link whose target a reconciliation found to differ from what the link
   * says was written: it equals no content, so the next sync of the record writes it again.
   */
  public static final String RESYNC = "resync";

  /** The content hash of a link whose source record was deleted and its target marked so: it equals no live record's. */
  public static final String DELETED = "deleted";

  /** A link to the Salesforce object QBO records of this kind are written to by default. */
  public RecordLink(
      String companyId,
      SyncObject object,
      String qboId,
      String salesforceId,
      String qboSyncToken,
      String contentHash,
      SyncDirection lastDirection,
      Instant syncedAt) {
    this(companyId, object, qboId, object.defaultSalesforceObject(), salesforceId, qboSyncToken, contentHash, null,
        lastDirection, syncedAt, null, false);
  }

  public RecordLink withSalesforceModstamp(Instant modstamp) {
    return new RecordLink(companyId, object, qboId, salesforceObject, salesforceId, qboSyncToken, contentHash, modstamp,
        lastDirection, syncedAt, writer, createdByWrite);
  }

  /** Whether the content hash is one of a write's, not a mark (unfinished, to resync, deleted). */
  public boolean holdsContentHash() {
    return !contentHash.equals(UNFINISHED) && !contentHash.equals(RESYNC) && !contentHash.equals(DELETED);
  }

  /** Whether {@code sync} wrote this link's record: then it is that sync's own earlier write, not someone's change. */
  public boolean writtenBy(String sync) {
    return sync != null && sync.equals(writer);
  }
}
