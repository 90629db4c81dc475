package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paging position of an object's sync and its heartbeats: after each page the next page's start
 * and the counts; within a page, the last checkpoint, so a retried attempt redoes at most the slice
 * it was in (whose writes are idempotent) instead of skipping what was not written. For a target that
 * writes more at once than a page holds (Salesforce's bulk jobs), the records of consecutive pages
 * wait for each other and are synced as one slice, the checkpoint staying before the first of them.
 */
final class Pager {
  private static final Logger log = LoggerFactory.getLogger(Pager.class);
  /**
   * Records synced between two checkpoints unless the target writes more at once ({@link
   * Target#recordsPerWrite}): one write collection's worth, so a checkpoint costs no extra call and a
   * retried attempt redoes at most that many records.
   */
  static final int CHECKPOINT_EVERY = SyncEngine.IN_CHUNK;

  private final ActivityExecutionContext context;
  private final SyncEngine engine;
  private final Source source;
  private final Tally tally;
  private SyncProgress progress;
  private SyncProgress lastCheckpoint;
  /**
   * Records of the pages read so far that wait to be synced together, for a target writing more than a
   * page at once, by id: a record changed while the pages are read is read again, and only as it is now.
   */
  private final Map<String, ObjectNode> waiting = new LinkedHashMap<>();
  private String maxSeen;
  private boolean totalTried;

  Pager(ActivityExecutionContext context, SyncEngine engine, Source source, SyncProgress progress, Tally tally) {
    this.context = context;
    this.engine = engine;
    this.source = source;
    this.progress = progress;
    this.tally = tally;
    this.maxSeen = progress.maxSeen();
  }

  /** Where the next page's query starts. */
  SyncProgress position() {
    return progress;
  }

  /** The newest change the sync reads, once fixed: null before the first attempt fixes it. */
  String upper() {
    return progress.upper();
  }

  /** Fixes the newest change the sync reads, for this attempt's checkpoints and a retried attempt's. */
  void readUpTo(String upper) {
    progress = progress.upTo(upper);
  }

  /** The newest change read so far. */
  String maxSeen() {
    return progress.maxSeen();
  }

  /**
   * Syncs one page of the cursor's query: its records not already handled, a slice at a time (what the
   * target writes at once, at least {@link #CHECKPOINT_EVERY}), each slice but the last followed by a
   * checkpoint (after the last slice the page's end is that position); for a target writing more than
   * the page at once, together with the next pages' (see
   * {@link #syncTogether}), the last page (no more) syncing all that wait. An attempt that fails, or
   * whose worker dies, is retried from the last checkpoint.
   *
   * @param hasMore whether the query holds more pages
   * @param matching how many records the whole query matches, asked only for the progress display
   */
  void syncPage(SyncRun run, List<ObjectNode> records, boolean hasMore, IntSupplier matching) {
    Map<Boolean, List<ObjectNode>> freshByDeleted =
        fresh(records, run.retried).stream().collect(Collectors.partitioningBy(source::isDeleted));
    List<ObjectNode> fresh = freshByDeleted.get(false);
    if (!freshByDeleted.get(true).isEmpty()) {
      // Before the page's checkpoint moves past them: marking is idempotent, so a retried attempt may do it again.
      syncDeleted(run, freshByDeleted.get(true).stream().map(Pager::id).toList());
    }
    totalFrom(records, fresh, hasMore, matching);
    for (ObjectNode record : records) {
      seen(source.changedAt(record));
    }
    int perWrite = engine.target(run.direction).recordsPerWrite(run, progress.total());
    if (perWrite > CHECKPOINT_EVERY && perWrite > records.size()) {
      syncTogether(run, records, fresh, hasMore, perWrite);
      return;
    }
    int perSlice = Math.max(CHECKPOINT_EVERY, perWrite);
    lastCheckpoint = counted(progress);
    Set<ObjectNode> toSync = Collections.newSetFromMap(new IdentityHashMap<>());
    toSync.addAll(fresh);
    for (int from = 0; from < records.size(); from += perSlice) {
      int to = Math.min(records.size(), from + perSlice);
      List<ObjectNode> slice = records.subList(from, to).stream().filter(toSync::contains).toList();
      process(run, slice);
      if (to < records.size()) {
        lastCheckpoint = after(records.subList(0, to));
        context.heartbeat(lastCheckpoint);
      }
    }
    progress = after(records);
    context.heartbeat(progress);
  }

  /**
   * The page's fresh records join those waiting; they are synced when the next page could bring more
   * than the target writes at once, or the query ends. The checkpoint stays at the position before the
   * first waiting record until they are written, so a retried attempt reads those pages again.
   */
  private void syncTogether(SyncRun run, List<ObjectNode> records, List<ObjectNode> fresh, boolean hasMore, int perWrite) {
    if (waiting.size() + fresh.size() > perWrite) {
      syncWaiting(run);
      context.heartbeat(counted(progress));
    }
    if (waiting.isEmpty()) {
      lastCheckpoint = counted(progress);
    }
    for (ObjectNode record : fresh) {
      waiting.remove(id(record));
      waiting.put(id(record), record);
    }
    progress = after(records);
    if (!hasMore || waiting.size() >= perWrite) {
      syncWaiting(run);
      progress = counted(progress);
      context.heartbeat(progress);
    } else {
      context.heartbeat(lastCheckpoint);
    }
  }

  /** Does what the mapping says to the linked target records of source records deleted since the cursor. */
  void syncDeleted(SyncRun run, List<String> sourceIds) {
    engine.markDeleted(run, sourceIds);
  }

  private void syncWaiting(SyncRun run) {
    process(run, List.copyOf(waiting.values()));
    waiting.clear();
  }

  /** Syncs records: once written and counted, the bulk jobs they went in are no longer a retry's to ask. */
  private void process(SyncRun run, List<ObjectNode> records) {
    engine.process(run, records);
    tally.bulkJobs.clear();
  }

  /**
   * A heartbeat from within a slice: the last checkpoint, never a position past unwritten records, with the bulk
   * jobs sent since.
   */
  void heartbeatMidPage() {
    context.heartbeat(lastCheckpoint != null ? lastCheckpoint.sending(tally.bulkJobs) : counted(progress));
  }

  /**
   * The page's records not already handled: at the lower bound by an earlier page or attempt, or
   * as deferred records at the start of this sync ({@code retried}).
   */
  private List<ObjectNode> fresh(List<ObjectNode> records, Set<String> retried) {
    Set<String> done = new HashSet<>(progress.doneAtLower());
    List<ObjectNode> fresh = new ArrayList<>();
    for (ObjectNode record : records) {
      boolean alreadyDone = retried.contains(id(record))
          || done.contains(id(record)) && source.sameInstant(source.changedAt(record), progress.lower());
      if (!alreadyDone) {
        fresh.add(record);
      }
    }
    return fresh;
  }

  /**
   * Called with the first page of the cursor's query: the total is what was read before it
   * (deferred retries) plus what the query still holds, counted only when it has more than one
   * page, so a small sync costs no extra call.
   */
  private void totalFrom(List<ObjectNode> firstPage, List<ObjectNode> fresh, boolean hasMore, IntSupplier matching) {
    if (progress.total() != null || totalTried) {
      return;
    }
    totalTried = true;
    int remaining;
    try {
      remaining = hasMore ? matching.getAsInt() - (firstPage.size() - fresh.size()) : fresh.size();
    } catch (RuntimeException countFailed) {
      // The total only feeds the progress display; the sync goes on without it.
      log.warn("No record total for the progress display: {}", countFailed.getMessage());
      return;
    }
    progress = progress.totalling(tally.read + remaining);
  }

  private void seen(String changedAt) {
    if (changedAt != null && (maxSeen == null || source.instant(changedAt).isAfter(source.instant(maxSeen)))) {
      maxSeen = changedAt;
    }
  }

  /** The position after the first {@code records} of the page that started at {@link #progress}, with the counts. */
  private SyncProgress after(List<ObjectNode> records) {
    SyncProgress current = progress;
    if (records.isEmpty()) {
      return counted(new SyncProgress(current.lower(), current.position(), current.doneAtLower(), maxSeen, null, null,
          current.total(), current.upper(), null, 0, null, null));
    }
    String lastTime = source.changedAt(records.get(records.size() - 1));
    List<String> atLast = records.stream()
        .filter(r -> source.sameInstant(source.changedAt(r), lastTime))
        .map(Pager::id)
        .toList();
    if (source.sameInstant(lastTime, current.lower())) {
      // Every record so far shares the lower bound's instant: page deeper into it.
      Set<String> done = new LinkedHashSet<>(current.doneAtLower());
      done.addAll(atLast);
      return counted(new SyncProgress(current.lower(), current.position() + records.size(), List.copyOf(done), maxSeen,
          null, null, current.total(), current.upper(), null, 0, null, null));
    }
    // Restart the query at the last record's instant: records changed meanwhile cannot shift
    // unread ones out of view, and the ones of that instant already done are skipped.
    return counted(new SyncProgress(lastTime, 1, atLast, maxSeen, null, null, current.total(), current.upper(), null, 0, null, null));
  }

  /** The position with the tally's counts as they are now. */
  private SyncProgress counted(SyncProgress position) {
    return position.counting(tally, engine.options.clock().instant());
  }

  private static String id(ObjectNode record) {
    return record.path("Id").asText();
  }
}
