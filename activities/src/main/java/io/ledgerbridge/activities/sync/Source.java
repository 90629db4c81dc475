package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A system as a sync's source: how it reads what changed since a cursor, page by page, and records
 * by id; the timestamp that orders its changes (the cursor's unit); what its records reference and
 * whether one changed since its link; and, for a system that keeps keys, the keys it is given back.
 */
interface Source extends Side {
  /**
   * What a read of the changes reached.
   *
   * @param cursor the cursor once every page is synced: the newest change read, or the read's upper bound
   * @param lastIdAtCursor the last record done at the cursor's instant, where the next run may start past
   *     it (see {@link CursorStore.Cursor}); else null
   * @param changedThroughRelated records that changed through a related record (a product whose
   *     standard price alone changed), to sync by id
   */
  record ChangesRead(String cursor, String lastIdAtCursor, List<String> changedThroughRelated) {}

  /**
   * Reads the run's records changed since the pager's position, handing each page to the pager, and the
   * records deleted since the cursor, in those pages or apart ({@link Pager#syncDeleted}).
   *
   * @param cursor where the last run ended, null before the first
   */
  ChangesRead readChanges(SyncRun run, Pager pager, CursorStore.Cursor cursor);

  /** Whether a record a change read handed over was deleted (to be marked deleted, not synced). */
  boolean isDeleted(ObjectNode record);

  /** Records by id that meet the mapping's condition, keyed by id; ids the source lacks are absent. */
  Map<String, ObjectNode> readByIds(SyncRun run, Collection<String> ids);

  /** When the record last changed, as the cursor writes it; null when the record does not say. */
  String changedAt(ObjectNode record);

  /** A timestamp of {@link #changedAt} as an instant. */
  Instant instant(String changedAt);

  default boolean sameInstant(String a, String b) {
    return a != null && b != null && instant(a).equals(instant(b));
  }

  /**
   * Which of the named records the source no longer has were deleted there (rather than left out by the
   * mapping's condition, or never there).
   */
  List<String> deletedAmong(SyncRun run, List<String> missing);

  /** Why a named record is not synced: the source has no such record (meeting the condition). */
  String notFound(SyncRun run, String id);

  /** The records as the pipeline takes them, with what the system keeps apart from them (lines, prices). */
  List<SourceRecord> sourceRecords(SyncRun run, List<ObjectNode> records);

  /** The ids of this system's records that the record and its lines reference, by parent object. */
  Map<SyncObject, Set<String>> parents(ObjectMapping mapping, SourceRecord record);

  /**
   * Why the record belongs to another company or entity and is left alone (its key names that one), or
   * null; {@code link} is the record's link in this company, or null.
   */
  String otherCompany(SyncRun run, SourceRecord record, RecordLink link);

  /** The target id the record carries as its key, or null. */
  String keyOf(SyncRun run, SourceRecord record);

  /** Whether the record is still the version its link last saw (written or read). */
  boolean unchangedSince(SyncRun run, RecordLink link, SourceRecord record);

  /** The link, now knowing the record's current version. */
  RecordLink seen(RecordLink link, SourceRecord record);

  /** The record's value of a matching pair's field of this system, stripped; null when it has none. */
  String matchValue(Matching.Pair pair, SourceRecord record);

  /** Whether the record already carries what a write-back would give it: the key of the link, and {@code derived}. */
  boolean holds(SyncRun run, SourceRecord record, RecordLink link, ObjectNode derived);

  /**
   * Gives synced records back their key and the fields only the target derives, for a system that
   * keeps keys, and saves their links with the version that write made.
   */
  void writeBack(SyncRun run, Map<String, WriteBack> writeBacks, Outcomes outcomes);

  /**
   * Takes the key away from source records that no longer hold their target record (a Contact no longer its
   * Account's primary one, whose customer another Contact takes over), so no two records carry one target
   * record's key. A record deleted meanwhile has none to lose.
   *
   * @return the records that hold no key now
   */
  List<String> takeBackKeys(SyncRun run, List<String> ids);
}
