package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.preflight.CompanyPreflight;
import io.ledgerbridge.activities.preflight.SalesforcePreflight;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.runs.ObjectFailures;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.CursorStore;
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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one object of one job run, or named records, in either direction, as the mappings say.
 * An object's sync first retries its deferred records, then reads what changed since its cursor
 * page by page (QBO LastUpdatedTime, Salesforce SystemModstamp), writes each page, reflects the source's
 * deletes, moves the cursor once every page is written, and finally retries the deferred records of
 * the objects that wait for this one.
 */
public final class SyncActivitiesImpl implements SyncActivities {
  private static final Logger log = LoggerFactory.getLogger(SyncActivitiesImpl.class);
  /** Deferred records retried per object sync; the rest wait for the next one. */
  private static final int DEFERRED_PER_RUN = 2_000;

  private final SyncEngine engine;
  private final SalesforcePreflight preflight;

  /**
   * @param mappings the mappings in force: {@link Mappings#defaults()} or the admin's file
   */
  public SyncActivitiesImpl(QuickBooksClient qbo, SalesforceClient salesforce, SyncStores stores, Mappings mappings) {
    this(qbo, salesforce, stores, mappings, SyncOptions.defaults());
  }

  /**
   * @param salesforceBulkThreshold a sync to Salesforce of at least this many records writes them in Bulk
   *     API 2.0 ingest jobs (default {@value SyncOptions#DEFAULT_SALESFORCE_BULK_THRESHOLD}); 0 never does
   */
  public SyncActivitiesImpl(QuickBooksClient qbo, SalesforceClient salesforce, SyncStores stores, Mappings mappings,
      int salesforceBulkThreshold) {
    this(qbo, salesforce, stores, mappings, SyncOptions.defaults().withSalesforceBulkThreshold(salesforceBulkThreshold));
  }

  SyncActivitiesImpl(
      QuickBooksClient qbo, SalesforceClient salesforce, SyncStores stores, Mappings mappings, SyncOptions options) {
    Objects.requireNonNull(qbo, "qbo");
    Objects.requireNonNull(salesforce, "salesforce");
    Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(mappings, "mappings");
    this.engine = new SyncEngine(qbo, salesforce, stores, mappings, options);
    this.preflight = new SalesforcePreflight(salesforce, mappings, new CompanyPreflight(qbo));
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
      CursorStore.Cursor cursor =
          engine.stores.cursors().find(request.companyId(), request.object(), request.direction()).orElse(null);
      boolean resumed = context.getHeartbeatDetails(SyncProgress.class).isPresent();
      SyncProgress progress =
          context.getHeartbeatDetails(SyncProgress.class).orElseGet(() -> SyncProgress.startingAt(cursor));
      Tally tally = Tally.resumed(progress);
      Source source = engine.source(request.direction());
      Pager pager = new Pager(context, engine, source, progress, tally);
      SyncRun run = new SyncRun(request.companyId(), request.object(), request.direction(), mapping, request.jobId(),
          request.runId(), writer(context), request.pullsMissingParents(), null, tally, pager::heartbeatMidPage, Set.of());
      log.info("Syncing {} from cursor {} (page at {}, {} records done)", run, cursor, progress.lower(),
          progress.counts().read());
      // A retry counts what earlier attempts wrote after their last count: all they wrote when none heartbeat one
      // (a heartbeat from before counts were timed names no such moment).
      String uncountedSince = resumed ? progress.countedAt() : Instant.EPOCH.toString();
      if (context.getInfo().getAttempt() > 1 && uncountedSince != null) {
        engine.earlierWritesToCount(run, Instant.parse(uncountedSince));
      }
      if (!resumed) {
        retryDeferred(run);
      }
      Source.ChangesRead changes = source.readChanges(run, pager, cursor);
      if (!changes.changedThroughRelated().isEmpty()) {
        engine.processIds(run, changes.changedThroughRelated());
      }
      CursorStore.Cursor newCursor =
          changes.cursor() == null ? null : new CursorStore.Cursor(changes.cursor(), changes.lastIdAtCursor());
      if (newCursor != null && !newCursor.equals(cursor)) {
        engine.stores.cursors().save(request.companyId(), request.object(), request.direction(), newCursor);
      }
      retryWaitingChildren(run);
      engine.countEarlierWritesNotReadAgain(run);
      log.info("Synced {}: read {}, created {}, updated {}, unchanged {}, deferred {}, failed {}; cursor {}", run,
          tally.read, tally.created, tally.updated, tally.unchanged, tally.deferred, tally.failed, changes.cursor());
      return new ObjectSyncResult(request.object(), tally.counts(), List.copyOf(tally.failedIds), changes.cursor(),
          tally.noteSummary());
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
      Source source = engine.source(request.direction());
      engine.markDeleted(run, source.deletedAmong(run, notFound));
      for (String id : notFound) {
        if (!tally.has(id)) {
          tally.outcome(id, RecordOutcome.Kind.NOT_FOUND, source.notFound(run, id));
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

  /**
   * A job's first run of an object checks its Salesforce fields and the QuickBooks company's currency and tax
   * settings, and again after the mapping changed; a run that fails the check writes nothing.
   */
  private void preflightBeforeFirstRun(ObjectSyncRequest request, ObjectMapping mapping) {
    if (!engine.options.preflightBeforeFirstRun() || request.jobId() == null) {
      return;
    }
    String fingerprint = mapping.fingerprint();
    if (engine.stores.preflight().passed(request.jobId(), request.object(), request.direction(), fingerprint)) {
      return;
    }
    PreflightResult result = preflight.check(request.companyId(), List.of(mapping), request.direction());
    if (!result.ok()) {
      throw RemoteFailures.failure(FailureType.CONFIGURATION, "the preflight stopped the "
          + request.object().displayName() + " run: "
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
}
