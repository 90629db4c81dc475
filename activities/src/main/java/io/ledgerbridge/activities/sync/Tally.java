package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.RecordCounts;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to the records of one sync, counted as they are handled: every read record ends
 * created, updated, unchanged, deferred or failed. Outcomes per id are kept for per-record syncs.
 */
final class Tally {
  int read;
  int created;
  int updated;
  int unchanged;
  int deferred;
  int failed;
  final List<String> failedIds = new ArrayList<>();
  /** The first records' notes (see {@link #note}), by source id. */
  final Map<String, String> notes = new LinkedHashMap<>();
  /** How many records got a note, those beyond {@link #notes} included. */
  int noted;
  private final boolean keepOutcomes;
  private final Map<String, RecordOutcome> outcomes = new LinkedHashMap<>();
  /**
   * In a retried attempt, the records earlier attempts wrote after their last checkpoint, by source id, until this
   * attempt counts them: those it never reads again are counted when it ends.
   */
  private final Map<String, RecordLink> uncountedEarlierWrites = new LinkedHashMap<>();
  /** The Salesforce bulk jobs sent since the last checkpoint, those of an earlier attempt included. */
  final List<String> bulkJobs = new ArrayList<>();
  /** The bulk jobs earlier attempts sent after the checkpoint this attempt resumed from. */
  final List<String> earlierBulkJobs = new ArrayList<>();

  Tally(boolean keepOutcomes) {
    this.keepOutcomes = keepOutcomes;
  }

  /** A tally continuing from a heartbeat's counts. */
  static Tally resumed(SyncProgress progress) {
    Tally tally = new Tally(false);
    RecordCounts counts = progress.counts();
    tally.read = counts.read();
    tally.created = counts.created();
    tally.updated = counts.updated();
    tally.unchanged = counts.unchanged();
    tally.deferred = counts.deferred();
    tally.failed = counts.failed();
    tally.failedIds.addAll(progress.failedIds());
    tally.notes.putAll(progress.notes());
    tally.noted = progress.noted();
    tally.bulkJobs.addAll(progress.bulkJobs());
    tally.earlierBulkJobs.addAll(progress.bulkJobs());
    return tally;
  }

  RecordCounts counts() {
    return new RecordCounts(read, created, updated, unchanged, deferred, failed);
  }

  void read() {
    read++;
  }

  void outcome(String id, RecordOutcome.Kind kind, String message) {
    uncountedEarlierWrites.remove(id);
    switch (kind) {
      case CREATED -> created++;
      case UPDATED -> updated++;
      case UNCHANGED -> unchanged++;
      case DEFERRED -> deferred++;
      case FAILED, CONFLICT -> {
        failed++;
        if (failedIds.size() < ObjectSyncResult.MAX_FAILED_IDS && !failedIds.contains(id)) {
          failedIds.add(id);
        }
      }
      case NOT_FOUND -> { }
    }
    if (keepOutcomes) {
      outcomes.put(id, new RecordOutcome(id, kind, message));
    }
  }

  /**
   * What the admin should know of a record that is written all the same (a sales form whose lines do not add up
   * to its total): the run's report says it. A record noted again (a deferred record retried) is not counted twice
   * while it is among the notes kept.
   */
  void note(String id, String note) {
    if (notes.containsKey(id)) {
      return;
    }
    noted++;
    if (notes.size() < ObjectSyncResult.MAX_NOTES) {
      notes.put(id, note);
    }
  }

  /** The run report's note of this sync, or null when no record got one. */
  String noteSummary() {
    if (noted == 0) {
      return null;
    }
    StringBuilder summary = new StringBuilder(noted + " record(s) with a note, by source id: ");
    summary.append(String.join("; ", notes.entrySet().stream().map(n -> n.getKey() + ": " + n.getValue()).toList()));
    if (noted > notes.size()) {
      summary.append("; and ").append(noted - notes.size()).append(" more");
    }
    return summary.toString();
  }

  /** Earlier attempts' writes no checkpoint counted, by source id: this attempt counts each once. */
  void earlierWritesToCount(Map<String, RecordLink> bySourceId) {
    uncountedEarlierWrites.putAll(bySourceId);
  }

  /** The earlier attempts' writes this attempt has not counted yet. */
  Map<String, RecordLink> uncountedEarlierWrites() {
    return Map.copyOf(uncountedEarlierWrites);
  }

  List<RecordOutcome> outcomes() {
    return List.copyOf(outcomes.values());
  }

  boolean has(String id) {
    return outcomes.containsKey(id);
  }
}
