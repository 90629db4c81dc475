package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceError;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both directions share: the clients, the stores, the mappings, reading records by id, and
 * recording what became of each record (synced, deferred, failed).
 */
final class SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
  /**
   * Values per IN list in a query URL: one collection write's worth (200), so reading a batch back
   * takes one query; 200 quoted ids stay far below Salesforce's 16 KB limit on URI and headers.
   */
  static final int IN_CHUNK = SalesforceClient.MAX_COLLECTION_SIZE;

  final QuickBooksClient qbo;
  final SalesforceClient salesforce;
  final SyncStores stores;
  final Mappings mappings;
  final SyncOptions options;
  private final AtomicReference<String> standardPricebookId = new AtomicReference<>();

  SyncEngine(QuickBooksClient qbo, SalesforceClient salesforce, SyncStores stores, Mappings mappings, SyncOptions options) {
    this.qbo = qbo;
    this.salesforce = salesforce;
    this.stores = stores;
    this.mappings = mappings;
    this.options = options;
  }

  /** Syncs records already read from the source. */
  void process(SyncRun run, List<ObjectNode> records) {
    if (records.isEmpty()) {
      return;
    }
    if (run.direction == SyncDirection.QBO_TO_SALESFORCE) {
      new QboToSalesforce(this, run).process(records);
    } else {
      new SalesforceToQbo(this, run).process(records);
    }
  }

  /** Reads records of the run's object by source id and syncs them; ids the source lacks are returned. */
  List<String> processIds(SyncRun run, Collection<String> ids) {
    List<String> notFound = new ArrayList<>();
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      Map<String, ObjectNode> found = read(run.direction, run.mapping, run.realmId, chunk);
      for (String id : chunk) {
        if (!found.containsKey(id)) {
          notFound.add(id);
        }
      }
      process(run, new ArrayList<>(found.values()));
      run.heartbeat.run();
    }
    return notFound;
  }

  /**
   * Source records by id that meet the mapping's condition: QBO records for QBO_TO_SALESFORCE,
   * Salesforce records otherwise.
   */
  Map<String, ObjectNode> read(SyncDirection direction, ObjectMapping mapping, String realmId, Collection<String> ids) {
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return byId;
    }
    if (direction == SyncDirection.QBO_TO_SALESFORCE) {
      for (ObjectNode record : qboByIds(realmId, mapping, ids)) {
        byId.put(record.path("Id").asText(), record);
      }
    } else {
      // The mapping's condition holds here too: a lost deal is no invoice, whoever asks.
      for (ObjectNode record : salesforceIn(mapping.salesforceObject(), String.join(", ", mapping.salesforceFieldsRead()),
          "Id", ids, mapping.salesforceCondition())) {
        byId.put(record.path("Id").asText(), record);
      }
    }
    return byId;
  }

  /** QBO records of the mapping's entity by id, inactive ones included. */
  List<ObjectNode> qboByIds(String realmId, ObjectMapping mapping, Collection<String> ids) {
    List<ObjectNode> records = new ArrayList<>();
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      String in = chunk.stream().map(QuickBooksClient::quote).collect(Collectors.joining(", "));
      String where = "WHERE Id IN (" + in + ")" + (mapping.qboCondition() == null ? "" : " AND " + mapping.qboCondition());
      records.addAll(qbo.queryAll(realmId, mapping.qboEntity(), where));
    }
    return records;
  }

  /** {@code SELECT <select> FROM <type> WHERE <field> IN (<values>) [AND <condition>]}, in chunks. */
  List<ObjectNode> salesforceIn(String type, String select, String field, Collection<String> values, String condition) {
    List<ObjectNode> records = new ArrayList<>();
    List<String> all = values.stream().distinct().toList();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      String in = chunk.stream().map(SalesforceClient::quote).collect(Collectors.joining(", "));
      records.addAll(
          salesforce.queryAll(
              "SELECT " + select + " FROM " + type + " WHERE " + field + " IN (" + in + ")"
                  + (condition == null ? "" : " AND (" + condition + ")")));
    }
    return records;
  }

  /**
   * Writes records with {@code write} (a collection call per 200) and once more those Salesforce
   * turned away for a passing reason, such as a locked row; a whole request that fails throws.
   *
   * @return one result per record, in input order
   */
  <T> List<SaveResult> salesforceWrite(List<T> records, Function<List<T>, List<SaveResult>> write) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<SaveResult> results = new ArrayList<>(write.apply(records));
    List<Integer> passing = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).success() && RemoteFailures.recordFailureType(firstError(results.get(i))).retryable()) {
        passing.add(i);
      }
    }
    if (!passing.isEmpty()) {
      log.info("Writing again {} Salesforce record(s) turned away for a passing reason", passing.size());
      List<SaveResult> again = write.apply(passing.stream().map(records::get).toList());
      for (int i = 0; i < passing.size(); i++) {
        results.set(passing.get(i), again.get(i));
      }
    }
    return results;
  }

  static SalesforceError firstError(SaveResult result) {
    return result.errors().isEmpty() ? null : result.errors().get(0);
  }

  /** A record whose Salesforce write was rejected: an error of the type its first error code tells. */
  void failWrite(SyncRun run, String sourceId, SaveResult rejected, String what) {
    SalesforceError first = firstError(rejected);
    String reasons = rejected.errors().isEmpty() ? "no reason given"
        : rejected.errors().stream().map(SalesforceError::toString).collect(Collectors.joining("; "));
    fail(run, sourceId, RemoteFailures.recordFailureType(first), first == null ? null : first.code(), what + ": " + reasons);
  }

  /** The id of the org's standard price book, read once. */
  String standardPricebookId() {
    String id = standardPricebookId.get();
    if (id == null) {
      List<ObjectNode> books = salesforce.queryAll("SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1");
      if (books.isEmpty()) {
        throw RemoteFailures.failure(
            FailureType.CONFIGURATION,
            "the Salesforce org has no standard price book, so product prices cannot be kept; activate the"
                + " standard price book (Setup, Price Books)");
      }
      id = books.get(0).get("Id").asText();
      standardPricebookId.set(id);
    }
    return id;
  }

  // ---- outcomes ----

  /** A record synced or found unchanged: its open error and its deferral end. */
  void settled(SyncRun run, Collection<String> sourceIds) {
    if (sourceIds.isEmpty()) {
      return;
    }
    stores.errors().resolve(run.realmId, run.object, run.direction, sourceIds);
    stores.deferred().remove(run.realmId, run.object, run.direction, sourceIds);
  }

  void unchanged(SyncRun run, String sourceId, String why) {
    run.tally.outcome(sourceId, RecordOutcome.Kind.UNCHANGED, why);
  }

  /**
   * A record the target already holds as {@code link} says: unchanged, unless an earlier attempt of
   * this sync wrote it there (see {@link #doneByEarlierAttempt}).
   */
  void alreadyInTarget(SyncRun run, String sourceId, RecordLink link, String whyUnchanged) {
    if (link.writtenBy(run.writer)) {
      doneByEarlierAttempt(run, sourceId, link);
    } else {
      unchanged(run, sourceId, whyUnchanged);
    }
  }

  /**
   * A record an earlier attempt of this sync already synced (the attempt failed or its worker died
   * before its checkpoint): counted as what that write did, so every record is counted once.
   */
  void doneByEarlierAttempt(SyncRun run, String sourceId, RecordLink link) {
    run.tally.outcome(sourceId, link.createdByWrite() ? RecordOutcome.Kind.CREATED : RecordOutcome.Kind.UPDATED,
        "synced by an earlier attempt of this sync");
  }

  /**
   * A record whose parents are missing in the target: deferred, and an error once it has been
   * tried the configured number of times (it stays deferred, so it syncs when the parent arrives).
   */
  void defer(SyncRun run, String sourceId, String missing) {
    int attempts =
        stores.deferred().defer(run.realmId, run.object, run.direction, sourceId, missing, run.jobId, run.runId);
    String message =
        run.object.displayName() + " " + sourceId + " waits for its parent(s) in "
            + (run.direction == SyncDirection.QBO_TO_SALESFORCE ? "Salesforce" : "QuickBooks") + ": " + missing
            + " (attempt " + attempts + " of " + mappings.maxDeferAttempts() + ")";
    if (attempts >= mappings.maxDeferAttempts()) {
      fail(run, sourceId, FailureType.MISSING_PARENT, null, message + "; sync the parent object first, or turn on"
          + " pull-through for the job");
      return;
    }
    log.info("Deferred {} {} of company {} ({}): {}", run.object.displayName(), sourceId, run.realmId, run.direction,
        missing);
    run.tally.outcome(sourceId, RecordOutcome.Kind.DEFERRED, message);
  }

  void fail(SyncRun run, String sourceId, FailureType type, String remoteCode, String message) {
    log.warn("{} {} of company {} failed to sync {}: {} {}", run.object.displayName(), sourceId, run.realmId,
        run.direction, type, message);
    stores.errors().record(new RecordFailure(run.realmId, run.object, run.direction, sourceId, type, remoteCode, message,
        run.jobId, run.runId));
    run.tally.outcome(sourceId, type == FailureType.CONFLICT ? RecordOutcome.Kind.CONFLICT : RecordOutcome.Kind.FAILED,
        message);
  }
}
