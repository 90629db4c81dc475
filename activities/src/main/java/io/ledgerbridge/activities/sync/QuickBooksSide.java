package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailure;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.mapping.Paths;
import io.ledgerbridge.activities.mapping.References;
import io.ledgerbridge.activities.quickbooks.QueryPage;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksException;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuickBooks Online as the sync reads and writes it: changes ordered by {@code
 * MetaData.LastUpdatedTime} (whole seconds, so a page restarts at its last second), queries with
 * {@code STARTPOSITION}, deletes from change data capture, which reaches back 30 days; a record's
 * version is its {@code SyncToken}; writes one record per call, creates under a deterministic
 * {@code requestid}, updates sparse with the current SyncToken. QuickBooks keeps no keys of ours:
 * until a create's link is saved, the new record carries nothing that leads back, so creates are
 * noted in flight.
 */
final class QuickBooksSide implements Source, Target {
  private static final Logger log = LoggerFactory.getLogger(QuickBooksSide.class);
  private static final String LAST_UPDATED = "MetaData.LastUpdatedTime";
  /** QBO change data capture reaches back 30 days; stay inside it. */
  private static final Duration CDC_WINDOW = Duration.ofDays(29);
  private static final String STALE_OBJECT = "5010";

  final QuickBooksClient client;
  private final SyncOptions options;
  private final SyncStores stores;

  QuickBooksSide(QuickBooksClient client, SyncOptions options, SyncStores stores) {
    this.client = client;
    this.options = options;
    this.stores = stores;
  }

  @Override
  public String system() {
    return "QuickBooks";
  }

  @Override
  public String objectName(ObjectMapping mapping) {
    return "QuickBooks " + mapping.qboEntity();
  }

  // ---- its end of a record link, and keys ----

  @Override
  public String idIn(RecordLink link) {
    return link.qboId();
  }

  @Override
  public String versionIn(RecordLink link) {
    return link.qboSyncToken();
  }

  @Override
  public void linkEnd(LinkParts link, String id, String version) {
    link.qboId = id;
    link.qboSyncToken = version;
  }

  @Override
  public Map<String, RecordLink> linksOf(String realmId, SyncObject object, String salesforceObject, Collection<String> ids) {
    return stores.links().findAll(realmId, object, salesforceObject, ids);
  }

  /** QuickBooks records carry no keys of the sync's. */
  @Override
  public Map<String, String> keysById(SyncRun run, ObjectMapping mapping, Collection<String> ids) {
    return Map.of();
  }

  @Override
  public Map<String, String> idsByKey(SyncRun run, ObjectMapping mapping, Collection<String> keys) {
    return Map.of();
  }

  // ---- as the source ----

  @Override
  public ChangesRead readChanges(SyncRun run, Pager pager, String cursor) {
    ObjectMapping mapping = run.mapping;
    while (true) {
      SyncProgress at = pager.position();
      QueryPage page = client.queryPage(run.realmId, mapping.qboEntity(), clauses(mapping.qboCondition(), at.lower()),
          at.position(), options.qboPageSize());
      pager.syncPage(run, page.records(), page.hasMore(),
          () -> client.count(run.realmId, mapping.qboEntity(), conditions(mapping.qboCondition(), at.lower())));
      if (!page.hasMore()) {
        return new ChangesRead(pager.maxSeen(), List.of());
      }
    }
  }

  @Override
  public Map<String, ObjectNode> readByIds(SyncRun run, Collection<String> ids) {
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    for (ObjectNode record : byIds(run.realmId, run.mapping, ids)) {
      byId.put(record.path("Id").asText(), record);
    }
    return byId;
  }

  /** Records of the mapping's entity by id that meet its condition, inactive ones included. */
  List<ObjectNode> byIds(String realmId, ObjectMapping mapping, Collection<String> ids) {
    List<ObjectNode> records = new ArrayList<>();
    for (String where : QuickBooksClient.inClauses("Id", List.copyOf(ids), mapping.qboCondition())) {
      records.addAll(client.queryAll(realmId, mapping.qboEntity(), where));
    }
    return records;
  }

  @Override
  public String changedAt(ObjectNode record) {
    return Times.qboLastUpdated(record);
  }

  @Override
  public Instant instant(String changedAt) {
    return Times.qbo(changedAt);
  }

  /** The tombstones of change data capture since the cursor, for mappings that reflect deletes. */
  @Override
  public List<String> deletedSince(SyncRun run, String cursor) {
    if (run.mapping.onDelete().isEmpty()) {
      return List.of();
    }
    Instant since = Times.qbo(cursor);
    Instant oldest = options.clock().instant().minus(CDC_WINDOW);
    if (since.isBefore(oldest)) {
      log.warn("{}: the cursor {} is older than QuickBooks' 30-day change data capture; deletes before {} are not seen",
          run, cursor, oldest);
      since = oldest;
    }
    Map<String, List<ObjectNode>> changes = client.changes(run.realmId, List.of(run.mapping.qboEntity()), since.toString());
    return changes.getOrDefault(run.mapping.qboEntity(), List.of()).stream()
        .filter(r -> "Deleted".equals(r.path("status").asText()))
        .map(r -> r.path("Id").asText())
        .toList();
  }

  /** QuickBooks keeps no tombstone outside change data capture: a record it no longer has was deleted. */
  @Override
  public boolean goneMeansDeleted() {
    return true;
  }

  @Override
  public String notFound(SyncRun run, String id) {
    return "QuickBooks has no " + run.mapping.qboEntity() + " " + id;
  }

  @Override
  public List<SourceRecord> sourceRecords(SyncRun run, List<ObjectNode> records) {
    return records.stream().map(record -> {
      String lastUpdated = Times.qboLastUpdated(record);
      return new SourceRecord(record.path("Id").asText(), record, List.of(), null,
          lastUpdated == null ? null : Times.qbo(lastUpdated), record.path("SyncToken").asText(null));
    }).toList();
  }

  /** A QuickBooks record holds its lines, and their references. */
  @Override
  public Map<SyncObject, Set<String>> parents(ObjectMapping mapping, SourceRecord record) {
    return mapping.qboParents(record.fields());
  }

  @Override
  public String otherCompany(SyncRun run, SourceRecord record, RecordLink link) {
    return null;
  }

  @Override
  public String keyOf(SyncRun run, SourceRecord record) {
    return null;
  }

  @Override
  public boolean unchangedSince(RecordLink link, SourceRecord record) {
    return Objects.equals(record.version(), link.qboSyncToken());
  }

  @Override
  public RecordLink seen(RecordLink link, SourceRecord record) {
    return new RecordLink(link.companyId(), link.object(), link.qboId(), link.salesforceObject(), link.salesforceId(),
        record.version(), link.contentHash(), link.salesforceModstamp(), link.lastDirection(), link.syncedAt(),
        link.writer(), link.createdByWrite());
  }

  @Override
  public String matchValue(Matching.Pair pair, SourceRecord record) {
    return Side.stripped(Paths.first(record.fields(), pair.qbo()));
  }

  @Override
  public boolean holds(SyncRun run, SourceRecord record, RecordLink link, ObjectNode derived) {
    return true;
  }

  /** Nothing to give back: QuickBooks keeps no keys of the sync's. */
  @Override
  public void writeBack(SyncRun run, Map<String, WriteBack> writeBacks, List<SourceRecord> read, Outcomes outcomes) {}

  // ---- as the target ----

  @Override
  public Mapped map(SyncRun run, SourceRecord record, References parents, boolean create) {
    ObjectMapping mapping = run.mapping;
    if (mapping.lines() != null && record.lines().isEmpty()) {
      return new Mapped(JsonNodeFactory.instance.objectNode(), List.of(), null, null,
          List.of(mapping.salesforceObject() + " " + record.id() + " has no " + mapping.lines().salesforceObject()
              + " records; a QuickBooks " + mapping.qboEntity() + " needs at least one line"), null);
    }
    ObjectMapping.ToQbo mapped = mapping.toQbo(record.fields(), record.lines(), record.price(), parents, create);
    return new Mapped(mapped.body(), List.of(), null, mapped.hash(), mapped.problems(), mapped.body());
  }

  /** An update carries the record's current SyncToken. */
  @Override
  public boolean updatesNeedCurrentVersion() {
    return true;
  }

  @Override
  public Map<String, ObjectNode> current(SyncRun run, Collection<String> ids) {
    return readByIds(run, ids);
  }

  @Override
  public Instant lastChanged(ObjectNode current) {
    String lastUpdated = Times.qboLastUpdated(current);
    return lastUpdated == null ? null : Times.qbo(lastUpdated);
  }

  @Override
  public boolean changedSince(RecordLink link, ObjectNode current) {
    return !Objects.equals(current.path("SyncToken").asText(null), link.qboSyncToken());
  }

  /** The key in Salesforce names a record QuickBooks no longer has: only a person can say whether to make it again. */
  @Override
  public String gone(SyncRun run, Pending pending) {
    ObjectMapping mapping = run.mapping;
    return "QuickBooks has no " + mapping.qboEntity() + " " + pending.targetId + " any more (deleted or merged there);"
        + " clear " + mapping.externalIdField() + " on the " + mapping.salesforceObject() + " to create it again";
  }

  @Override
  public String missingParent(SyncRun run, ObjectMapping parentMapping, String sourceId) {
    return parentMapping.salesforceObject() + " " + sourceId + " is not in QuickBooks company " + run.realmId + " yet";
  }

  /** A query filters on top-level fields only. */
  @Override
  public boolean canMatchOn(Matching.Pair pair) {
    return !pair.qbo().contains(".") && !pair.qbo().contains("[");
  }

  @Override
  public Map<String, List<ObjectNode>> unlinkedByValue(SyncRun run, Matching.Pair pair, List<String> values) {
    ObjectMapping mapping = run.mapping;
    Map<String, List<ObjectNode>> found = new HashMap<>();
    for (String where : QuickBooksClient.inClauses(pair.qbo(), values, mapping.qboCondition())) {
      for (ObjectNode record : client.queryAll(run.realmId, mapping.qboEntity(), where)) {
        String value = Side.stripped(record.get(pair.qbo()));
        if (value != null) {
          found.computeIfAbsent(value.toLowerCase(Locale.ROOT), v -> new ArrayList<>()).add(record);
        }
      }
    }
    Set<String> linked = linksOf(run.realmId, run.object, mapping.salesforceObject(),
        found.values().stream().flatMap(List::stream).map(r -> r.path("Id").asText()).toList()).keySet();
    found.replaceAll((value, records) -> records.stream().filter(r -> !linked.contains(r.path("Id").asText())).toList());
    return found;
  }

  @Override
  public ObjectNode derived(SyncRun run, ObjectNode written) {
    return written == null ? JsonNodeFactory.instance.objectNode() : run.mapping.derivedFromQuickBooks(written);
  }

  /** One call per record; each record's link is saved right after its write. */
  @Override
  public void write(SyncRun run, List<Pending> batch, Outcomes outcomes) {
    for (Pending pending : batch) {
      write(run, pending, outcomes);
      run.heartbeat.run();
    }
  }

  private void write(SyncRun run, Pending pending, Outcomes outcomes) {
    ObjectMapping mapping = run.mapping;
    boolean creating = pending.targetId == null;
    ObjectNode saved;
    try {
      if (creating) {
        // Until its link is saved, the new QuickBooks record carries nothing that leads back here.
        boolean sentBefore = stores.createsInFlight().begin(run.realmId, run.object, run.direction, pending.id());
        saved = client.save(run.realmId, mapping.qboEntity(), pending.mapped.body(), requestId(run, pending.id()));
        if (sentBefore) {
          // The answer may be the first send's record, made from the source record as it was then.
          saved = update(run, pending.mapped.body(), saved.path("Id").asText(), saved.path("SyncToken").asText());
        }
      } else {
        saved = update(run, pending.mapped.body(), pending.targetId, pending.current.path("SyncToken").asText());
      }
    } catch (QuickBooksException refused) {
      RemoteFailure failure = RemoteFailures.classify(refused).orElseThrow();
      if (failure.type().retryable() || failure.type() == FailureType.AUTH || failure.type() == FailureType.CONFIGURATION) {
        throw refused;
      }
      if (creating) {
        stores.createsInFlight().end(run.realmId, run.object, run.direction, List.of(pending.id()));
      }
      if (failure.type() == FailureType.MISSING_PARENT) {
        outcomes.deferred(pending.id(), "QuickBooks refused a reference: " + refused.getMessage());
      } else {
        outcomes.failed(pending.id(), failure.type(), failure.remoteCode(),
            "QuickBooks refused " + mapping.qboEntity() + (creating ? " create" : " " + pending.targetId) + " from "
                + mapping.salesforceObject() + " " + pending.id() + ": " + refused.getMessage());
      }
      return;
    }
    pending.written(saved.path("Id").asText(), creating, run.writer);
    outcomes.written(List.of(new Outcomes.Written(pending, saved.path("SyncToken").asText(null), saved)));
    if (creating) {
      stores.createsInFlight().end(run.realmId, run.object, run.direction, List.of(pending.id()));
    }
  }

  /** A sparse update with the current SyncToken; a stale one (5010) is read again and retried once. */
  private ObjectNode update(SyncRun run, ObjectNode mapped, String qboId, String syncToken) {
    String entity = run.mapping.qboEntity();
    ObjectNode body = mapped.deepCopy();
    body.put("Id", qboId);
    body.put("SyncToken", syncToken);
    body.put("sparse", true);
    try {
      return client.save(run.realmId, entity, body, null);
    } catch (QuickBooksException stale) {
      if (!STALE_OBJECT.equals(stale.code())) {
        throw stale;
      }
      ObjectNode fresh = client.read(run.realmId, entity, qboId);
      log.info("{} {} of company {} changed while we wrote it (stale SyncToken); retrying with SyncToken {}",
          entity, qboId, run.realmId, fresh.path("SyncToken").asText());
      body.put("SyncToken", fresh.path("SyncToken").asText());
      return client.save(run.realmId, entity, body, null);
    }
  }

  /**
   * The create's idempotency key: the source id, so a retried create returns the first one's answer;
   * after a refused create (a recorded error) the attempt number is added, so corrected data is not
   * answered with the old refusal.
   */
  private String requestId(SyncRun run, String sourceId) {
    int attempts = stores.errors().findOpen(run.realmId, run.object, run.direction, sourceId)
        .map(RecordError::attempts).orElse(0);
    String key = "lb-" + run.object.displayName().toLowerCase(Locale.ROOT) + "-" + sourceId;
    return attempts == 0 ? key : key + "-" + attempts;
  }

  /** Salesforce deletes are not synced, so no mapping marks QuickBooks records deleted. */
  @Override
  public List<Refusal> markDeleted(SyncRun run, List<RecordLink> links) {
    throw new IllegalStateException("QuickBooks records are not marked deleted; " + run.mapping.object().displayName()
        + " " + run.direction + " has delete values");
  }

  /** {@code WHERE <condition> AND LastUpdatedTime >= '<lower>' ORDERBY LastUpdatedTime}, leaving out what is absent. */
  static String clauses(String condition, String lower) {
    String where = conditions(condition, lower);
    return (where.isEmpty() ? "" : "WHERE " + where + " ") + "ORDERBY " + LAST_UPDATED;
  }

  /** {@code <condition> AND LastUpdatedTime >= '<lower>'}, leaving out what is absent; empty for every record. */
  private static String conditions(String condition, String lower) {
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
}
