package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both directions share: the two sides, the stores, the mappings, the one place a direction
 * picks its source, target and writer, reading records by id, and recording what became of each
 * record (synced, deferred, failed).
 */
final class SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
  /**
   * Values per IN list in a query URL: one collection write's worth (200), so reading a batch back
   * takes one query; 200 quoted ids stay far below Salesforce's 16 KB limit on URI and headers.
   */
  static final int IN_CHUNK = SalesforceClient.MAX_COLLECTION_SIZE;

  final QuickBooksSide quickBooks;
  final SalesforceSide salesforce;
  final SyncStores stores;
  final Mappings mappings;
  final SyncOptions options;

  SyncEngine(QuickBooksClient qbo, SalesforceClient salesforce, SyncStores stores, Mappings mappings, SyncOptions options) {
    this.quickBooks = new QuickBooksSide(qbo, options, stores, mappings);
    this.salesforce = new SalesforceSide(salesforce, options, stores, mappings);
    this.stores = stores;
    this.mappings = mappings;
    this.options = options;
  }

  /** The system a sync in {@code direction} reads from: the one place a direction picks its sides. */
  Source source(SyncDirection direction) {
    return direction == SyncDirection.QBO_TO_SALESFORCE ? quickBooks : salesforce;
  }

  /** The system a sync in {@code direction} writes to. */
  Target target(SyncDirection direction) {
    return direction == SyncDirection.QBO_TO_SALESFORCE ? salesforce : quickBooks;
  }

  /** Syncs records already read from the source. */
  void process(SyncRun run, List<ObjectNode> records) {
    if (records.isEmpty()) {
      return;
    }
    new Pipeline(this, run).process(records);
  }

  /** Source records deleted there: the target's records get the mapping's delete values, where it has them. */
  void markDeleted(SyncRun run, List<String> sourceIds) {
    new Pipeline(this, run).markDeleted(sourceIds);
  }

  /**
   * Before a sync takes a record without a link for new, finishes the opposite direction's creates
   * that were cut off before their link was saved (a crash, a database outage): the record may be
   * one of them, and copying it back would make a second record. Finishing goes the normal way, so
   * the create's requestid answers with the record already made. Returns whether any were finished.
   * Where the opposite direction writes another Salesforce object (a won Opportunity becomes an
   * Invoice, which comes back as an {@code Invoice__c}), copying back makes no second record, and its
   * creates are left to its own runs, which hold its lock.
   */
  boolean finishCreatesInFlight(SyncRun run) {
    SyncDirection opposite = run.direction.opposite();
    ObjectMapping mapping = mappings.find(run.object, opposite).orElse(null);
    if (mapping != null && !mapping.salesforceObject().equals(run.mapping.salesforceObject())) {
      return false;
    }
    List<String> cutOff = stores.createsInFlight().ids(run.realmId, run.object, opposite, IN_CHUNK);
    if (cutOff.isEmpty()) {
      return false;
    }
    if (mapping == null) {
      stores.createsInFlight().end(run.realmId, run.object, opposite, cutOff);
      return true;
    }
    log.info("{}: finishing {} create(s) {} cut off before their link was saved", run, cutOff.size(), opposite);
    // Its own writer: this run then reads those writes as the other direction's, as they are.
    List<String> gone = processIds(new SyncRun(run.realmId, run.object, opposite, mapping, run.jobId, run.runId,
        run.writer + "/finishing", false, null, new Tally(false), run.heartbeat, Set.of()), cutOff);
    // A create is over once its record is linked or gone; one left unwritten here (a live sync may be sending it
    // right now) stays noted, so the requestid it went under still answers for the record it makes.
    List<String> over = new ArrayList<>(gone);
    over.addAll(stores.links().findBySalesforceIds(run.realmId, run.object, mapping.salesforceObject(), cutOff).keySet());
    stores.createsInFlight().end(run.realmId, run.object, opposite, over);
    return true;
  }

  /** Reads records of the run's object by source id and syncs them; ids the source lacks are returned. */
  List<String> processIds(SyncRun run, Collection<String> ids) {
    List<String> notFound = new ArrayList<>();
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      Map<String, ObjectNode> found = source(run.direction).readByIds(run, chunk);
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
   * A retried attempt starts knowing what earlier attempts wrote after their last checkpoint ({@code countedAt}),
   * which that checkpoint's counts leave out: each is counted once, when this attempt meets it again or, for those
   * it never reads again (keys given back to Salesforce move their records past the newest change the sync
   * reads), by {@link #countEarlierWritesNotReadAgain} at its end.
   */
  void earlierWritesToCount(SyncRun run, Instant countedAt) {
    Source source = source(run.direction);
    Map<String, RecordLink> bySourceId = new LinkedHashMap<>();
    for (RecordLink link : stores.links().writtenBy(run.realmId, run.object, run.mapping.salesforceObject(), run.writer,
        countedAt)) {
      bySourceId.put(source.idIn(link), link);
    }
    run.tally.earlierWritesToCount(bySourceId);
  }

  /** Counts the earlier attempts' writes this attempt did not read again as what those writes did (read, then created or updated). */
  void countEarlierWritesNotReadAgain(SyncRun run) {
    run.tally.uncountedEarlierWrites().forEach((sourceId, link) -> {
      run.tally.read();
      doneByEarlierAttempt(run, sourceId, link);
    });
  }

  /**
   * A record both sides changed since the last sync, settled by the run's policy: true when the
   * source's version is to be written over the target's; otherwise the target's version stays
   * (unchanged) or the record is held for a person as a CONFLICT error showing both versions.
   *
   * @param sourceVersion the source record mapped to the target's fields
   * @param targetCurrent the target record as it is now
   */
  boolean writesOverConflict(SyncRun run, String sourceId, String sourceSystem, String targetSystem,
      Instant sourceChangedAt, Instant targetChangedAt, ObjectNode sourceVersion, JsonNode targetCurrent) {
    switch (Conflicts.decide(run.policy(), sourceSystem, sourceChangedAt, targetChangedAt)) {
      case WRITE -> {
        return true;
      }
      case KEEP_TARGET -> {
        String kept = Conflicts.kept(run, targetSystem);
        log.info("{} {} of company {}: {}", run.object.displayName(), sourceId, run.realmId, kept);
        unchanged(run, sourceId, kept);
        return false;
      }
      default -> {
        ObjectNode targetVersion = JsonNodeFactory.instance.objectNode();
        sourceVersion.fieldNames().forEachRemaining(name -> targetVersion.set(name, targetCurrent.get(name)));
        fail(run, sourceId, FailureType.CONFLICT, null,
            Conflicts.describe(run, sourceId, sourceSystem, sourceVersion, targetSystem, targetVersion));
        return false;
      }
    }
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
            + target(run.direction).system() + ": " + missing
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
