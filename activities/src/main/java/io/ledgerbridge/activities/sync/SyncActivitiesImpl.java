package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.quickbooks.QueryPage;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceError;
import io.ledgerbridge.activities.salesforce.UpsertResult;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one object of one job run. Implemented: QBO Customer to Salesforce Account. Records are
 * read page by page from the cursor, records whose mapped content is what the target already
 * holds are skipped, the rest are upserted on the external id in collections, and the cursor moves
 * only after every page is written. Each read record ends created, updated, unchanged or failed,
 * and failures are kept in the {@link RecordErrorStore} with their reason.
 */
public final class SyncActivitiesImpl implements SyncActivities {
  private static final Logger log = LoggerFactory.getLogger(SyncActivitiesImpl.class);
  private static final String LAST_UPDATED = "MetaData.LastUpdatedTime";

  private final QuickBooksClient qbo;
  private final SalesforceClient salesforce;
  private final CursorStore cursors;
  private final RecordLinkStore links;
  private final RecordErrorStore errors;
  private final Clock clock;
  private final int pageSize;
  private final RecordMapping customerMapping;

  public SyncActivitiesImpl(
      QuickBooksClient qbo,
      SalesforceClient salesforce,
      CursorStore cursors,
      RecordLinkStore links,
      RecordErrorStore errors) {
    this(
        qbo,
        salesforce,
        cursors,
        links,
        errors,
        Clock.systemUTC(),
        QuickBooksClient.MAX_PAGE_SIZE,
        RecordMapping.CUSTOMER_TO_ACCOUNT);
  }

  SyncActivitiesImpl(
      QuickBooksClient qbo,
      SalesforceClient salesforce,
      CursorStore cursors,
      RecordLinkStore links,
      RecordErrorStore errors,
      Clock clock,
      int pageSize,
      RecordMapping customerMapping) {
    this.qbo = Objects.requireNonNull(qbo, "qbo");
    this.salesforce = Objects.requireNonNull(salesforce, "salesforce");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
    this.links = Objects.requireNonNull(links, "links");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pageSize = pageSize;
    this.customerMapping = Objects.requireNonNull(customerMapping, "customerMapping");
  }

  /**
   * Syncs the object's records changed since its cursor; idempotent because each Account is
   * upserted on {@code QBO_Id__c = {realmId}-{customerId}} and the cursor only moves forward.
   */
  @Override
  public ObjectSyncResult syncObject(ObjectSyncRequest request) {
    checkRequest(request);
    if (request.object() != SyncObject.CUSTOMER || request.direction() != SyncDirection.QBO_TO_SALESFORCE) {
      throw RemoteFailures.failure(
          FailureType.INVALID_JOB,
          "syncing "
              + request.object().displayName()
              + " in direction "
              + request.direction()
              + " is not supported yet; only Customer QBO_TO_SALESFORCE is");
    }
    try {
      return new Run(request, customerMapping).execute();
    } catch (RuntimeException failure) {
      throw RemoteFailures.toActivityFailure(failure);
    }
  }

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
  }

  /** One attempt of one object's sync. */
  private final class Run {
    private final ObjectSyncRequest request;
    private final RecordMapping mapping;
    private final String realmId;
    private final ActivityExecutionContext context;
    private SyncProgress progress;
    /** The progress when the current page began: what mid-page heartbeats report. */
    private SyncProgress pageStart;

    Run(ObjectSyncRequest request, RecordMapping mapping) {
      this.request = request;
      this.mapping = mapping;
      this.realmId = request.companyId();
      this.context = Activity.getExecutionContext();
    }

    ObjectSyncResult execute() {
      String cursor = cursors.find(realmId, request.object(), request.direction()).orElse(null);
      progress =
          context.getHeartbeatDetails(SyncProgress.class).orElseGet(() -> SyncProgress.startingAt(cursor));
      log.info(
          "Syncing {} {} for company {} from cursor {} (page at {}, {} records done)",
          mapping.sourceEntity(),
          request.direction(),
          realmId,
          cursor,
          progress.lower(),
          progress.read());
      while (true) {
        QueryPage page =
            qbo.queryPage(
                realmId, mapping.sourceEntity(), clauses(mapping.sourceCondition(), progress.lower()), progress.position(), pageSize);
        SyncProgress before = progress;
        pageStart = progress;
        List<ObjectNode> fresh = new ArrayList<>();
        Set<String> done = new HashSet<>(before.doneAtLower());
        for (ObjectNode record : page.records()) {
          boolean alreadyDone =
              done.contains(id(record)) && sameInstant(lastUpdated(record), before.lower());
          if (!alreadyDone) {
            fresh.add(record);
          }
        }
        writePage(fresh);
        progress = next(progress, page);
        context.heartbeat(progress);
        if (!page.hasMore()) {
          break;
        }
      }
      String newCursor = progress.maxSeen();
      if (newCursor != null && !Objects.equals(newCursor, cursor)) {
        cursors.save(realmId, request.object(), request.direction(), newCursor);
      }
      log.info(
          "Synced {} {} for company {}: read {}, created {}, updated {}, unchanged {}, failed {}; cursor {}",
          mapping.sourceEntity(),
          request.direction(),
          realmId,
          progress.read(),
          progress.created(),
          progress.updated(),
          progress.unchanged(),
          progress.failed(),
          newCursor);
      return new ObjectSyncResult(
          request.object(),
          progress.read(),
          progress.created(),
          progress.updated(),
          progress.unchanged(),
          0,
          progress.failed(),
          progress.failedIds(),
          newCursor);
    }

    /** Where the next page starts: past the last record's second, or deeper into a crowded second. */
    private SyncProgress next(SyncProgress current, QueryPage page) {
      if (page.records().isEmpty()) {
        return current;
      }
      String lastTime = lastUpdated(page.records().get(page.records().size() - 1));
      List<String> atLast =
          page.records().stream()
              .filter(r -> sameInstant(lastUpdated(r), lastTime))
              .map(SyncActivitiesImpl::id)
              .toList();
      if (sameInstant(lastTime, current.lower())) {
        // The whole page shares the lower bound's second: page deeper into it.
        Set<String> done = new LinkedHashSet<>(current.doneAtLower());
        done.addAll(atLast);
        return new SyncProgress(
            current.lower(),
            current.position() + page.records().size(),
            List.copyOf(done),
            current.maxSeen(),
            current.read(),
            current.created(),
            current.updated(),
            current.unchanged(),
            current.failed(),
            current.failedIds());
      }
      // Restart the query at the last record's second: records changed meanwhile cannot shift
      // unread ones out of view, and the ones of that second already done are skipped.
      return new SyncProgress(
          lastTime,
          1,
          atLast,
          current.maxSeen(),
          current.read(),
          current.created(),
          current.updated(),
          current.unchanged(),
          current.failed(),
          current.failedIds());
    }

    private void writePage(List<ObjectNode> records) {
      if (records.isEmpty()) {
        return;
      }
      Map<String, RecordLink> known =
          links.findAll(realmId, request.object(), records.stream().map(SyncActivitiesImpl::id).toList());
      List<Pending> toWrite = new ArrayList<>();
      List<String> synced = new ArrayList<>();
      for (ObjectNode record : records) {
        String id = id(record);
        count(Outcome.READ);
        seen(lastUpdated(record));
        RecordMapping.Mapped mapped = mapping.map(realmId, record);
        if (!mapped.missingRequired().isEmpty()) {
          fail(
              id,
              FailureType.VALIDATION,
              null,
              "no value for required " + mapping.targetType() + " field(s): " + String.join(", ", mapped.missingRequired()));
          continue;
        }
        RecordLink link = known.get(id);
        if (link != null && link.contentHash().equals(mapped.hash())) {
          count(Outcome.UNCHANGED);
          synced.add(id);
          continue;
        }
        toWrite.add(new Pending(id, record, mapped));
      }
      // Mid-page heartbeats repeat the page's starting point: a retry redoes the page, and what
      // this attempt already wrote then reads as unchanged.
      for (int from = 0; from < toWrite.size(); from += SalesforceClient.MAX_COLLECTION_SIZE) {
        List<Pending> chunk = toWrite.subList(from, Math.min(toWrite.size(), from + SalesforceClient.MAX_COLLECTION_SIZE));
        upsert(chunk, true, synced);
        context.heartbeat(pageStart);
      }
      errors.resolve(realmId, request.object(), request.direction(), synced);
    }

    private void upsert(List<Pending> chunk, boolean retryTransient, List<String> synced) {
      List<UpsertResult> results =
          salesforce.upsertAll(
              mapping.targetType(),
              mapping.externalIdField(),
              chunk.stream().map(p -> p.mapped().fields()).toList());
      List<Pending> transientFailures = new ArrayList<>();
      Instant now = clock.instant();
      for (int i = 0; i < chunk.size(); i++) {
        Pending pending = chunk.get(i);
        UpsertResult result = results.get(i);
        if (result.success()) {
          links.save(
              new RecordLink(
                  realmId,
                  request.object(),
                  pending.id(),
                  result.id(),
                  pending.record().path("SyncToken").asText(null),
                  pending.mapped().hash(),
                  request.direction(),
                  now));
          count(result.created() ? Outcome.CREATED : Outcome.UPDATED);
          synced.add(pending.id());
          continue;
        }
        SalesforceError first = result.errors().isEmpty() ? null : result.errors().get(0);
        FailureType type = RemoteFailures.recordFailureType(first);
        if (retryTransient && type.retryable()) {
          transientFailures.add(pending);
          continue;
        }
        fail(
            pending.id(),
            type,
            first == null ? null : first.code(),
            "Salesforce rejected "
                + mapping.targetType()
                + " "
                + mapping.externalIdField()
                + "="
                + pending.mapped().fields().path(mapping.externalIdField()).asText()
                + ": "
                + (result.errors().isEmpty()
                    ? "no reason given"
                    : result.errors().stream().map(SalesforceError::toString).collect(Collectors.joining("; "))));
      }
      if (!transientFailures.isEmpty()) {
        log.info(
            "Retrying {} {} record(s) of company {} that Salesforce could not write for a passing reason",
            transientFailures.size(),
            mapping.targetType(),
            realmId);
        upsert(transientFailures, false, synced);
      }
    }

    private void fail(String sourceId, FailureType type, String remoteCode, String message) {
      log.warn(
          "{} {} of company {} failed to sync {}: {} {}",
          mapping.sourceEntity(),
          sourceId,
          realmId,
          request.direction(),
          type,
          message);
      errors.record(
          new RecordFailure(
              realmId,
              request.object(),
              request.direction(),
              sourceId,
              type,
              remoteCode,
              message,
              request.jobId(),
              request.runId()));
      List<String> failedIds = progress.failedIds();
      if (failedIds.size() < ObjectSyncResult.MAX_FAILED_IDS) {
        failedIds = new ArrayList<>(failedIds);
        failedIds.add(sourceId);
      }
      progress = with(progress, Outcome.FAILED, failedIds);
    }

    private void count(Outcome outcome) {
      progress = with(progress, outcome, progress.failedIds());
    }

    private void seen(String lastUpdated) {
      if (lastUpdated == null) {
        return;
      }
      String max = progress.maxSeen();
      if (max == null || instant(lastUpdated).isAfter(instant(max))) {
        progress =
            new SyncProgress(
                progress.lower(),
                progress.position(),
                progress.doneAtLower(),
                lastUpdated,
                progress.read(),
                progress.created(),
                progress.updated(),
                progress.unchanged(),
                progress.failed(),
                progress.failedIds());
      }
    }
  }

  private enum Outcome {
    READ,
    CREATED,
    UPDATED,
    UNCHANGED,
    FAILED
  }

  private static SyncProgress with(SyncProgress p, Outcome outcome, List<String> failedIds) {
    return new SyncProgress(
        p.lower(),
        p.position(),
        p.doneAtLower(),
        p.maxSeen(),
        p.read() + (outcome == Outcome.READ ? 1 : 0),
        p.created() + (outcome == Outcome.CREATED ? 1 : 0),
        p.updated() + (outcome == Outcome.UPDATED ? 1 : 0),
        p.unchanged() + (outcome == Outcome.UNCHANGED ? 1 : 0),
        p.failed() + (outcome == Outcome.FAILED ? 1 : 0),
        failedIds);
  }

  private record Pending(String id, ObjectNode record, RecordMapping.Mapped mapped) {}

  /** {@code WHERE <condition> AND LastUpdatedTime >= '<lower>' ORDERBY LastUpdatedTime}, leaving out what is absent. */
  static String clauses(String condition, String lower) {
    List<String> conditions = new ArrayList<>();
    if (condition != null) {
      conditions.add(condition);
    }
    if (lower != null) {
      // >= because LastUpdatedTime has whole seconds: records sharing the cursor's second must be read again.
      conditions.add(LAST_UPDATED + " >= " + QuickBooksClient.quote(lower));
    }
    String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
    return where + "ORDERBY " + LAST_UPDATED;
  }

  private static String id(JsonNode record) {
    return record.path("Id").asText();
  }

  private static String lastUpdated(JsonNode record) {
    JsonNode value = record.path("MetaData").path("LastUpdatedTime");
    return value.isTextual() ? value.asText() : null;
  }

  private static boolean sameInstant(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return instant(a).equals(instant(b));
  }

  private static Instant instant(String qboTime) {
    try {
      return OffsetDateTime.parse(qboTime).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("QuickBooks sent an unreadable LastUpdatedTime: " + qboTime, e);
    }
  }
}
