package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One system as the sync sees it: how, as a sync's source, it reads what changed since a cursor,
 * page by page, and records by id, and the timestamp that orders its changes (the cursor's unit).
 * A sync's direction picks its sides once ({@link SyncEngine#source}, {@link SyncEngine#target});
 * paging, checkpoints and deferral are the same whichever system reads.
 */
interface Side {
  /**
   * What a read of the changes reached.
   *
   * @param cursor the cursor once every page is synced: the newest change read, or the read's upper bound
   * @param changedThroughRelated records that changed through a related record (a product whose
   *     standard price alone changed), to sync by id
   */
  record ChangesRead(String cursor, List<String> changedThroughRelated) {}

  /** The system's name, for messages. */
  String system();

  /** Reads the run's records changed since the pager's position, handing each page to the pager. */
  ChangesRead readChanges(SyncRun run, Pager pager, String cursor);

  /** Records by id that meet the mapping's condition, keyed by id; ids the source lacks are absent. */
  Map<String, ObjectNode> readByIds(SyncRun run, Collection<String> ids);

  /** When the record last changed, as the cursor writes it; null when the record does not say. */
  String changedAt(ObjectNode record);

  /** A timestamp of {@link #changedAt} as an instant. */
  Instant instant(String changedAt);

  default boolean sameInstant(String a, String b) {
    return a != null && b != null && instant(a).equals(instant(b));
  }

  /** Ids deleted since the cursor, as far as the system keeps tombstones; empty when it keeps none we read. */
  List<String> deletedSince(SyncRun run, String cursor);

  /** Whether a record the source no longer has was deleted there (rather than left out by the mapping's condition). */
  boolean goneMeansDeleted();

  /** Why a named record is not synced: the source has no such record (meeting the condition). */
  String notFound(SyncRun run, String id);

  /** A record field's value as text: null when absent, null, empty or not a single value. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
      return null;
    }
    String text = node.asText();
    return text.isEmpty() ? null : text;
  }
}
