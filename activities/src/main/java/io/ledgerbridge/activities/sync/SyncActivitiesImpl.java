package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.preflight.SalesforcePreflight;
import io.ledgerbridge.activities.quickbooks.QueryPage;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.runs.ObjectFailures;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.PreflightRequest;
import io.ledgerbridge.workflows.sync.PreflightResult;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import io.ledgerbridge.workflows.sync.RecordSyncFailure;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one object of one job run, or named records, in either direction, as the mappings say.
 * An object's sync first retries its deferred records, then reads what changed since its cursor
 * page by page (QBO LastUpdatedTime, Salesforce SystemModstamp), writes each page, reflects QBO
 * deletes, moves the cursor once every page is written, and finally retries the deferred records of
 * the objects that wait for this one.
 */
public final class SyncActivitiesImpl implements SyncActivities {
  private static final Logger log = LoggerFactory.getLogger(SyncActivitiesImpl.class);
  private static final String LAST_UPDATED = "MetaData.LastUpdatedTime";
  /** QBO change data capture reaches back 30 days; stay inside it. */
  private static final Duration CDC_WINDOW = Duration.ofDays(29);
  /** Deferred records retried per object sync; the rest wait for the next one. */
  private static final int DEFERRED_PER_RUN = 2_000;
  /**
   * Records synced between two checkpoints: one write collection's worth, so a checkpoint costs no
   * extra call and a retried attempt redoes at most that many records.
   */
  static final int CHECKPOINT_EVERY = SyncEngine.IN_CHUNK;

  private final SyncEngine engine;
  private final SalesforcePreflight preflight;

  /**
   * @param mappings the mappings in force: {@link Mappings#defaults()} or the admin's file
   */
  public SyncActivitiesImpl(QuickBooksClient qbo, SalesforceClient salesforce, SyncStores stores, Mappings mappings) {
    this(qbo, salesforce, stores, mappings, SyncOptions.defaults());
  }

  SyncActivitiesImpl(
      QuickBooksClient qbo, SalesforceClient salesforce, SyncStores stores, Mappings mappings, SyncOptions options) {
    Objects.requireNonNull(qbo, "qbo");
    Objects.requireNonNull(salesforce, "salesforce");
    Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(mappings, "mappings");
    this.engine = new SyncEngine(qbo, salesforce, stores, mappings, options);
    this.preflight = new SalesforcePreflight(salesforce, mappings);
  }

  /**
   * Syncs the object's deferred records and the records changed since its cursor; idempotent
   * because Salesforce writes are upserts on {@code {realmId}-{qboId}}, QBO creates carry the
   * requestid {@code lb-<object>-<salesforceId>}, QBO updates the current SyncToken, and the cursor
   * only moves forward after every page is written.
   */
  @Override
  public ObjectSyncResult syncObject(ObjectSyncRequest request) {
    checkRequest(request);
    ObjectMapping mapping = mapping(request.object(), request.direction());
    try {
      preflightBeforeFirstRun(request, mapping);
      ActivityExecutionContext context = Activity.getExecutionContext();
      String cursor = engine.stores.cursors().find(request.companyId(), request.object(), request.direction()).orElse(null);
      boolean resumed = context.getHeartbeatDetails(SyncProgress.class).isPresent();
      SyncProgress progress =
          context.getHeartbeatDetails(SyncProgress.class).orElseGet(() -> SyncProgress.startingAt(cursor));
      Tally tally = Tally.resumed(progress);
      Pager pager = new Pager(context, progress, tally);
      SyncRun run = new SyncRun(request.companyId(), request.object(), request.direction(), mapping, request.jobId(),
          request.runId(), writer(context), request.pullsMissingParents(), null, tally, pager::heartbeatMidPage, Set.of());
      log.info("Syncing {} from cursor {} (page at {}, {} records done)", run, cursor, progress.lower(),
          progress.counts().read());
      if (!resumed) {
        retryDeferred(run);
      }
      String newCursor = request.direction() == SyncDirection.QBO_TO_SALESFORCE
          ? pageQuickBooks(run, pager)
          : pageSalesforce(run, pager, cursor);
      if (request.direction() == SyncDirection.QBO_TO_SALESFORCE && cursor != null) {
        reflectDeletes(run, cursor);
      }
      if (newCursor != null && !Objects.equals(newCursor, cursor)) {
        engine.stores.cursors().save(request.companyId(), request.object(), request.direction(), newCursor);
      }
      retryWaitingChildren(run);
      log.info("Synced {}: read {}, created {}, updated {}, unchanged {}, deferred {}, failed {}; cursor {}", run,
          tally.read, tally.created, tally.updated, tally.unchanged, tally.deferred, tally.failed, newCursor);
      return new ObjectSyncResult(request.object(), tally.counts(), List.copyOf(tally.failedIds), newCursor);
    } catch (RuntimeException failure) {
      throw RemoteFailures.toActivityFailure(failure);
    }
  }

  /**
   * Syncs the named records whatever the cursor says; idempotent for the same reasons as {@link
   * #syncObject}, and it leaves the cursor alone.
   */
  @Override
  public RecordSyncResult syncRecords(RecordSyncRequest request) {
    if (request == null || request.companyId() == null || request.companyId().isBlank()
        || request.object() == null || request.direction() == null) {
      throw RemoteFailures.failure(FailureType.INVALID_JOB, "companyId, object and direction are required");
    }
    if (request.sourceIds().size() > RecordSyncRequest.MAX_IDS) {
      throw RemoteFailures.failure(FailureType.INVALID_JOB, "at most " + RecordSyncRequest.MAX_IDS
          + " ids per request, not " + request.sourceIds().size() + "; split them");
    }
    if (!request.object().supports(request.direction())) {
      throw unsupported(request.object(), request.direction());
    }
    ObjectMapping mapping = mapping(request.object(), request.direction());
    try {
      ActivityExecutionContext context = Activity.getExecutionContext();
      String runId = request.runId() != null ? request.runId() : context.getInfo().getRunId();
      Tally tally = new Tally(true);
      SyncRun run = new SyncRun(request.companyId(), request.object(), request.direction(), mapping, request.jobId(),
          runId, writer(context), request.pullsMissingParents(), request.resolveConflictWith(), tally,
          () -> context.heartbeat(null), Set.of());
      List<String> ids = request.sourceIds().stream().distinct().toList();
      List<String> notFound = engine.processIds(run, ids);
      if (request.direction() == SyncDirection.QBO_TO_SALESFORCE && !notFound.isEmpty()) {
        // Gone from QuickBooks: deleted (QBO keeps no tombstone outside change data capture).
        new QboToSalesforce(engine, run).markDeleted(notFound);
      }
      for (String id : notFound) {
        if (!tally.has(id)) {
          tally.outcome(id, RecordOutcome.Kind.NOT_FOUND, request.direction() == SyncDirection.QBO_TO_SALESFORCE
              ? "QuickBooks has no " + mapping.qboEntity() + " " + id
              : "Salesforce has no " + mapping.salesforceObject() + " " + id
                  + (mapping.salesforceCondition() == null ? "" : " with " + mapping.salesforceCondition()));
          engine.stores.deferred().remove(run.realmId, run.object, run.direction, List.of(id));
        }
      }
      log.info("Synced {} record(s) of {}: created {}, updated {}, unchanged {}, deferred {}, failed {}", ids.size(), run,
          tally.created, tally.updated, tally.unchanged, tally.deferred, tally.failed);
      return new RecordSyncResult(request.object(), request.direction(), tally.counts(), tally.outcomes());
    } catch (RuntimeException failure) {
      throw RemoteFailures.toActivityFailure(failure);
    }
  }

  /** One error per record, with the type the failure tells; recording an open error again only counts an attempt. */
  @Override
  public void recordFailures(RecordSyncFailure failure) {
    FailureType type = ObjectFailures.errorTypeOf(failure.error());
    for (String sourceId : failure.sourceIds()) {
      engine.stores.errors().record(new RecordFailure(failure.companyId(), failure.object(), failure.direction(), sourceId,
          type, null, "the per-record sync failed after Temporal's retries: " + failure.error(), failure.jobId(),
          failure.runId()));
    }
    log.warn("{} {} record(s) of company {} ({}) kept as errors: their per-record sync failed: {}",
        failure.sourceIds().size(), failure.object().displayName(), failure.companyId(), failure.direction(), failure.error());
  }

  /** Describes the mapped Salesforce objects; reads only, so it is trivially idempotent. */
  @Override
  public PreflightResult preflight(PreflightRequest request) {
    try {
      return preflight.check(request);
    } catch (RuntimeException failure) {
      throw RemoteFailures.toActivityFailure(failure);
    }
  }

  /** This activity across its attempts: its workflow run and its activity id. */
  private static String writer(ActivityExecutionContext context) {
    return context.getInfo().getRunId() + "/" + context.getInfo().getActivityId();
  }

  // ---- checks ----

  private static void checkRequest(ObjectSyncRequest request) {
    if (request == null) {
      throw RemoteFailures.failure(FailureType.INVALID_JOB, "the sync request is missing");
    }
    if (request.companyId() == null || request.companyId().isBlank()) {
      throw RemoteFailures.failure(FailureType.INVALID_JOB, "companyId (the QuickBooks realmId) is missing");
    }
    if (request.object() == null || request.direction() == null) {
      throw RemoteFailures.failure(FailureType.INVALID_JOB, "object and direction are required");
    }
    if (!request.object().supports(request.direction())) {
      throw unsupported(request.object(), request.direction());
    }
  }

  private static RuntimeException unsupported(SyncObject object, SyncDirection direction) {
    return RemoteFailures.failure(FailureType.INVALID_JOB, object.displayName() + " is not synced " + direction
        + "; it syncs only " + object.directions());
  }

  private ObjectMapping mapping(SyncObject object, SyncDirection direction) {
    return engine.mappings.find(object, direction)
        .orElseThrow(() -> RemoteFailures.failure(FailureType.CONFIGURATION, "no mapping for " + object.displayName()
            + " " + direction + "; add one to the mappings file"));
  }

  /** A job's first run of an object checks its Salesforce fields, and again after the mapping changed. */
  private void preflightBeforeFirstRun(ObjectSyncRequest request, ObjectMapping mapping) {
    if (!engine.options.preflightBeforeFirstRun() || request.jobId() == null) {
      return;
    }
    String fingerprint = mapping.fingerprint();
    if (engine.stores.preflight().passed(request.jobId(), request.object(), request.direction(), fingerprint)) {
      return;
    }
    PreflightResult result = preflight.check(List.of(mapping), request.direction());
    if (!result.ok()) {
      throw RemoteFailures.failure(FailureType.CONFIGURATION, "the Salesforce org does not have what the "
          + request.object().displayName() + " mapping needs: "
          + result.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    engine.stores.preflight().pass(request.jobId(), request.object(), request.direction(), fingerprint);
  }

  // ---- deferred records ----

  private void retryDeferred(SyncRun run) {
    List<String> ids = engine.stores.deferred().ids(run.realmId, run.object, run.direction, DEFERRED_PER_RUN);
    if (ids.isEmpty()) {
      return;
    }
    log.info("Retrying {} deferred record(s) of {}", ids.size(), run);
    run.retried.addAll(ids);
    List<String> gone = engine.processIds(run, ids);
    if (!gone.isEmpty()) {
      engine.stores.deferred().remove(run.realmId, run.object, run.direction, gone);
    }
  }

  /** The objects that wait for this one (Invoice for Customer) get their deferred records retried now. */
  private void retryWaitingChildren(SyncRun run) {
    for (SyncObject child : run.object.children()) {
      if (!child.supports(run.direction)) {
        continue;
      }
      ObjectMapping childMapping = engine.mappings.find(child, run.direction).orElse(null);
      if (childMapping == null || engine.stores.deferred().ids(run.realmId, child, run.direction, 1).isEmpty()) {
        continue;
      }
      SyncRun childRun = run.forObject(child, childMapping);
      retryDeferred(childRun);
      log.info("Deferred {} records retried after {}: created {}, updated {}, still deferred {}, failed {}",
          child.displayName(), run, childRun.tally.created, childRun.tally.updated, childRun.tally.deferred,
          childRun.tally.failed);
    }
  }

  // ---- QuickBooks pages ----

  /** Pages through QBO by LastUpdatedTime; returns the new cursor. */
  private String pageQuickBooks(SyncRun run, Pager pager) {
    while (true) {
      SyncProgress at = pager.progress;
      QueryPage page = engine.qbo.queryPage(run.realmId, run.mapping.qboEntity(),
          qboClauses(run.mapping.qboCondition(), at.lower()), at.position(), engine.options.qboPageSize());
      List<ObjectNode> fresh = fresh(page.records(), at, false, run.retried);
      pager.totalFrom(page.records(), fresh, page.hasMore(), () -> engine.qbo.count(run.realmId, run.mapping.qboEntity(),
          qboConditions(run.mapping.qboCondition(), at.lower())));
      pager.beginPage();
      for (ObjectNode record : page.records()) {
        pager.seen(Times.qboLastUpdated(record), false);
      }
      processWithCheckpoints(run, pager, page.records(), fresh, false);
      pager.endPage(page.records(), false);
      if (!page.hasMore()) {
        return pager.progress.maxSeen();
      }
    }
  }

  /** {@code WHERE <condition> AND LastUpdatedTime >= '<lower>' ORDERBY LastUpdatedTime}, leaving out what is absent. */
  static String qboClauses(String condition, String lower) {
    String where = qboConditions(condition, lower);
    return (where.isEmpty() ? "" : "WHERE " + where + " ") + "ORDERBY " + LAST_UPDATED;
  }

  /** {@code <condition> AND LastUpdatedTime >= '<lower>'}, leaving out what is absent; empty for every record. */
  private static String qboConditions(String condition, String lower) {
    List<String> conditions = new ArrayList<>();
    if (condition != null) {
      conditions.add(condition);
    }
    if (lower != null) {
      // >= because LastUpdatedTime has whole seconds: records sharing the cursor's second must be read again.
      conditions.add(LAST_UPDATED + " >= " + QuickBooksClient.quote(lower));
    }
    return String.join(" AND ", conditions);
  }

  /** Deleted QBO records (CDC tombstones since the previous cursor) get the mapping's delete values. */
  private void reflectDeletes(SyncRun run, String previousCursor) {
    if (run.mapping.onDelete().isEmpty()) {
      return;
    }
    Instant since = Times.qbo(previousCursor);
    Instant oldest = engine.options.clock().instant().minus(CDC_WINDOW);
    if (since.isBefore(oldest)) {
      log.warn("{}: the cursor {} is older than QuickBooks' 30-day change data capture; deletes before {} are not seen",
          run, previousCursor, oldest);
      since = oldest;
    }
    Map<String, List<ObjectNode>> changes =
        engine.qbo.changes(run.realmId, List.of(run.mapping.qboEntity()), since.toString());
    List<String> deleted = changes.getOrDefault(run.mapping.qboEntity(), List.of()).stream()
        .filter(r -> "Deleted".equals(r.path("status").asText()))
        .map(r -> r.path("Id").asText())
        .toList();
    if (!deleted.isEmpty()) {
      new QboToSalesforce(engine, run).markDeleted(deleted);
    }
  }

  // ---- Salesforce pages ----

  /**
   * Pages through Salesforce by SystemModstamp up to the newest modstamp at the start, so the sync's
   * own write-backs during the run wait for the next run (where they read as unchanged); then, for
   * products, syncs those whose standard price changed without the product itself changing.
   * Returns the new cursor.
   */
  private String pageSalesforce(SyncRun run, Pager pager, String cursor) {
    ObjectMapping mapping = run.mapping;
    String condition = mapping.salesforceCondition();
    Instant upper = newestModstamp(mapping.salesforceObject(), condition);
    String priceCondition = mapping.standardPrice() == null ? null
        : "Pricebook2Id = " + SalesforceClient.quote(engine.standardPricebookId());
    if (priceCondition != null) {
      Instant newestPrice = newestModstamp("PricebookEntry", priceCondition);
      upper = upper == null || newestPrice != null && newestPrice.isAfter(upper) ? newestPrice : upper;
    }
    if (upper == null) {
      return pager.progress.maxSeen();
    }
    String select = String.join(", ", mapping.salesforceFieldsRead());
    int size = engine.options.salesforcePageSize();
    Set<String> read = new HashSet<>();
    while (true) {
      SyncProgress at = pager.progress;
      String where = " FROM " + mapping.salesforceObject() + " WHERE " + modstampRange(condition, at.lower(), upper);
      String soql = "SELECT " + select + where + " ORDER BY SystemModstamp, Id LIMIT " + size
          + (at.position() > 1 ? " OFFSET " + (at.position() - 1) : "");
      List<ObjectNode> records = engine.salesforce.queryAll(soql);
      List<ObjectNode> fresh = fresh(records, at, true, run.retried);
      pager.totalFrom(records, fresh, records.size() >= size,
          () -> engine.salesforce.query("SELECT COUNT()" + where).totalSize());
      pager.beginPage();
      for (ObjectNode record : records) {
        pager.seen(Times.soql(Times.modstamp(record)), true);
        read.add(id(record));
      }
      processWithCheckpoints(run, pager, records, fresh, true);
      pager.endPage(records, true);
      if (records.size() < size) {
        break;
      }
    }
    if (priceCondition != null && cursor != null) {
      // A new price changes the PricebookEntry, not the Product2: its SystemModstamp stays put.
      List<String> repriced = engine.salesforce.queryAll("SELECT Product2Id FROM PricebookEntry WHERE "
              + modstampRange(priceCondition, cursor, upper)).stream()
          .map(entry -> entry.path("Product2Id").asText())
          .filter(productId -> !read.contains(productId) && !run.retried.contains(productId))
          .distinct()
          .toList();
      if (!repriced.isEmpty()) {
        log.info("{}: {} product(s) whose standard price alone changed", run, repriced.size());
        engine.processIds(run, repriced);
      }
    }
    String maxSeen = pager.progress.maxSeen();
    return priceCondition == null || maxSeen != null && !Times.salesforce(maxSeen).isBefore(upper)
        ? maxSeen
        : Times.soql(upper);
  }

  private Instant newestModstamp(String sObjectType, String condition) {
    List<ObjectNode> newest = engine.salesforce.queryAll("SELECT SystemModstamp FROM " + sObjectType
        + (condition == null ? "" : " WHERE " + condition) + " ORDER BY SystemModstamp DESC LIMIT 1");
    return newest.isEmpty() ? null : Times.modstamp(newest.get(0));
  }

  /** {@code (<condition>) AND SystemModstamp >= <lower> AND SystemModstamp <= <upper>}, leaving out what is absent. */
  private static String modstampRange(String condition, String lower, Instant upper) {
    List<String> conditions = new ArrayList<>();
    if (condition != null) {
      conditions.add("(" + condition + ")");
    }
    if (lower != null) {
      conditions.add("SystemModstamp >= " + Times.soql(Times.salesforce(lower)));
    }
    conditions.add("SystemModstamp <= " + Times.soql(upper));
    return String.join(" AND ", conditions);
  }

  /**
   * Syncs a page's fresh records a slice at a time, each slice but the last followed by a
   * checkpoint: the position after it, as if the page had ended there (after the last slice the
   * page's end is that position). An attempt that fails, or whose worker dies, is retried from the
   * last checkpoint, so it redoes at most one slice, never the whole page.
   */
  private void processWithCheckpoints(
      SyncRun run, Pager pager, List<ObjectNode> page, List<ObjectNode> fresh, boolean salesforce) {
    Set<ObjectNode> toSync = Collections.newSetFromMap(new IdentityHashMap<>());
    toSync.addAll(fresh);
    for (int from = 0; from < page.size(); from += CHECKPOINT_EVERY) {
      int to = Math.min(page.size(), from + CHECKPOINT_EVERY);
      engine.process(run, page.subList(from, to).stream().filter(toSync::contains).toList());
      if (to < page.size()) {
        pager.checkpoint(page.subList(0, to), salesforce);
      }
    }
  }

  /**
   * The page's records not already handled: at the lower bound by an earlier page or attempt, or
   * as deferred records at the start of this sync.
   */
  private static List<ObjectNode> fresh(List<ObjectNode> records, SyncProgress at, boolean salesforce, Set<String> retried) {
    Set<String> done = new HashSet<>(at.doneAtLower());
    List<ObjectNode> fresh = new ArrayList<>();
    for (ObjectNode record : records) {
      boolean alreadyDone = retried.contains(id(record))
          || done.contains(id(record)) && Times.sameInstant(timestamp(record, salesforce), at.lower(), salesforce);
      if (!alreadyDone) {
        fresh.add(record);
      }
    }
    return fresh;
  }

  private static String timestamp(ObjectNode record, boolean salesforce) {
    if (salesforce) {
      Instant modstamp = Times.modstamp(record);
      return modstamp == null ? null : Times.soql(modstamp);
    }
    return Times.qboLastUpdated(record);
  }

  private static String id(ObjectNode record) {
    return record.path("Id").asText();
  }

  /**
   * The paging position and its heartbeats: after each page the next page's start and the counts;
   * within a page, the last checkpoint, so a retried attempt redoes at most the slice it was in
   * (whose writes are idempotent) instead of skipping what was not written.
   */
  private static final class Pager {
    private final ActivityExecutionContext context;
    private final Tally tally;
    SyncProgress progress;
    private SyncProgress lastCheckpoint;
    private String maxSeen;
    private boolean totalTried;

    Pager(ActivityExecutionContext context, SyncProgress progress, Tally tally) {
      this.context = context;
      this.progress = progress;
      this.tally = tally;
      this.maxSeen = progress.maxSeen();
    }

    /**
     * Called with the first page of the cursor's query: the total is what was read before it
     * (deferred retries) plus what the query still holds, counted only when it has more than one
     * page, so a small sync costs no extra call.
     */
    void totalFrom(List<ObjectNode> firstPage, List<ObjectNode> fresh, boolean hasMore, IntSupplier matching) {
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

    void beginPage() {
      lastCheckpoint = progress.counting(tally);
    }

    void heartbeatMidPage() {
      context.heartbeat(lastCheckpoint != null ? lastCheckpoint : progress.counting(tally));
    }

    /** The records of the page up to here are synced: an attempt retried from now on starts after them. */
    void checkpoint(List<ObjectNode> syncedSoFar, boolean salesforce) {
      lastCheckpoint = after(syncedSoFar, salesforce);
      context.heartbeat(lastCheckpoint);
    }

    void seen(String timestamp, boolean salesforce) {
      if (timestamp == null) {
        return;
      }
      Instant at = salesforce ? Times.salesforce(timestamp) : Times.qbo(timestamp);
      if (maxSeen == null || at.isAfter(salesforce ? Times.salesforce(maxSeen) : Times.qbo(maxSeen))) {
        maxSeen = timestamp;
      }
    }

    /** Where the next page starts: past the last record's instant, or deeper into a crowded one. */
    void endPage(List<ObjectNode> records, boolean salesforce) {
      progress = after(records, salesforce);
      context.heartbeat(progress);
    }

    /** The position after the first {@code records} of the page that started at {@link #progress}, with the counts. */
    private SyncProgress after(List<ObjectNode> records, boolean salesforce) {
      SyncProgress current = progress;
      if (records.isEmpty()) {
        return new SyncProgress(current.lower(), current.position(), current.doneAtLower(), maxSeen, null, null,
            current.total()).counting(tally);
      }
      String lastTime = timestamp(records.get(records.size() - 1), salesforce);
      List<String> atLast = records.stream()
          .filter(r -> Times.sameInstant(timestamp(r, salesforce), lastTime, salesforce))
          .map(SyncActivitiesImpl::id)
          .toList();
      if (Times.sameInstant(lastTime, current.lower(), salesforce)) {
        // Every record so far shares the lower bound's instant: page deeper into it.
        Set<String> done = new LinkedHashSet<>(current.doneAtLower());
        done.addAll(atLast);
        return new SyncProgress(current.lower(), current.position() + records.size(), List.copyOf(done), maxSeen,
            null, null, current.total()).counting(tally);
      }
      // Restart the query at the last record's instant: records changed meanwhile cannot shift
      // unread ones out of view, and the ones of that instant already done are skipped.
      return new SyncProgress(lastTime, 1, atLast, maxSeen, null, null, current.total()).counting(tally);
    }
  }
}
