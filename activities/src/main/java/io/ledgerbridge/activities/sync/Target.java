package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.mapping.References;
import io.ledgerbridge.activities.store.RecordLink;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A system as a sync's target: a source record in its terms, its records as they are now and whether
 * one changed since its link, the records it could be matched to, and how it writes a batch (its own
 * batch form and size, its own failures) and marks records deleted.
 */
interface Target extends Side {
  /**
   * The source record in this system's terms; {@code create} when no target record exists yet; {@code withLines}
   * false when the target record keeps lines of its own ({@link #keepingTheirLines}), which are left as they are.
   */
  Mapped map(SyncRun run, SourceRecord record, References parents, boolean create, boolean withLines);

  /**
   * Those of these target records whose lines are their own, not their source record's: a Quote made in Salesforce
   * keeps the sales team's QuoteLineItems, while a Quote the sync made for an estimate holds the estimate's lines.
   */
  Set<String> keepingTheirLines(SyncRun run, Collection<String> targetIds);

  /**
   * The record of this system a source record without a link or key is written into when the
   * mapping says its record is its parent's (a Contact's QuickBooks record is its Account's customer),
   * else null: the record is created.
   */
  String parentsRecord(SyncRun run, SourceRecord record, References parents);

  /** Whether updating a record needs its current version read first (QuickBooks' SyncToken). */
  boolean updatesNeedCurrentVersion();

  /** This system's records of the run's object with these ids, as they are now, keyed by id. */
  Map<String, ObjectNode> current(SyncRun run, Collection<String> ids);

  /** When a current record last changed, or null when it does not say. */
  Instant lastChanged(ObjectNode current);

  /** Whether the current record changed since its link (someone else's change). */
  boolean changedSince(SyncRun run, RecordLink link, ObjectNode current);

  /** Why a linked record that is gone here cannot be written, or null when a write makes it again. */
  String gone(SyncRun run, Pending pending);

  /** Why a parent counts as missing here, e.g. which key this system lacks. */
  String missingParent(SyncRun run, ObjectMapping parentMapping, String sourceId);

  /** Whether the pair's field of this system can be searched. */
  boolean canMatchOn(Matching.Pair pair);

  /** This system's records no sync has linked yet whose pair field holds one of {@code values}, by lower-case value. */
  Map<String, List<ObjectNode>> unlinkedByValue(SyncRun run, Matching.Pair pair, List<String> values);

  /** The fields a record written here gives back to its source record (what only this system derives). */
  ObjectNode derived(SyncRun run, ObjectNode written);

  /**
   * How many records one {@link #write} takes at once in a sync of {@code total} records (null when not
   * counted): the pipeline hands over that many, and the sync checkpoints after them.
   */
  int recordsPerWrite(SyncRun run, Integer total);

  /** Writes the batch in this system's form, reporting each record's end to {@code outcomes} as soon as it is known. */
  void write(SyncRun run, List<Pending> batch, Outcomes outcomes);

  /**
   * What this system does to a linked record whose source record was deleted.
   *
   * @param done what became of the record, for the run's outcome, e.g. "voided in QuickBooks"
   * @param writes whether it is written to (else it is left as it is, and the delete only reported)
   */
  record DeleteEffect(String done, boolean writes) {}

  /** What the mapping has this system do to records whose source record was deleted; null for nothing, unreported. */
  DeleteEffect onSourceDeleted(ObjectMapping mapping);

  /**
   * Does {@link #onSourceDeleted} to the linked records whose source record was deleted: one entry per
   * link, null where it was done, else why not.
   */
  List<Refusal> markDeleted(SyncRun run, List<RecordLink> links);
}
