package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.store.RecordLink;

/** A source record on its way to the target, through the pipeline's steps. */
final class Pending {
  final SourceRecord source;
  /** What the sync last did with it, or null. */
  final RecordLink link;
  /** Its target record's id: linked, carried as its key, or matched; null for a record to create. */
  String targetId;
  Mapped mapped;
  /** The target record as it is now, when it was read. */
  ObjectNode current;
  /** Matched by a matching pair to a target record no sync had linked. */
  boolean matched;
  /** Whether the sync's write created its target record. */
  boolean created;

  Pending(SourceRecord source, RecordLink link, String targetId, Mapped mapped) {
    this.source = source;
    this.link = link;
    this.targetId = targetId;
    this.mapped = mapped;
  }

  String id() {
    return source.id();
  }

  /**
   * The target took the record: a write repeated after an earlier attempt that created it answers
   * like an update (an upsert, a create's replayed requestid), so the link tells whether it created.
   */
  void written(String writtenId, boolean createdNow, String writer) {
    targetId = writtenId;
    created = createdNow || link != null && link.writtenBy(writer) && link.createdByWrite();
  }
}
