package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailure;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.ItemAccounts;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.mapping.Paths;
import io.ledgerbridge.activities.mapping.References;
import io.ledgerbridge.activities.mapping.SalesforceDeletePolicy;
import io.ledgerbridge.activities.quickbooks.BatchAnswer;
import io.ledgerbridge.activities.quickbooks.BatchItem;
import io.ledgerbridge.activities.quickbooks.ChartOfAccounts;
import io.ledgerbridge.activities.quickbooks.QueryPage;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksException;
import io.ledgerbridge.activities.store.CreateInFlightStore;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuickBooks Online as the sync reads and writes it: changes ordered by {@code
 * MetaData.LastUpdatedTime} (whole seconds, so a page restarts at its last second), queries with
 * {@code STARTPOSITION}, deletes from change data capture, which reaches back 30 days; a record's
 * version is its {@code SyncToken}; writes go in batches of 30 records a call, creates under a
 * {@code requestid} per batch, updates sparse with the current SyncToken. QuickBooks keeps no keys
 * of ours: until a create's link is saved, the new record carries nothing that leads back, so
 * creates are noted in flight with their batch.
 */
final class QuickBooksSide implements Source, Target {
  private static final Logger log = LoggerFactory.getLogger(QuickBooksSide.class);
  private static final String LAST_UPDATED = "MetaData.LastUpdatedTime";
  /** QBO change data capture reaches back 30 days; stay inside it. */
  private static final Duration CDC_WINDOW = Duration.ofDays(29);
  private static final String STALE_OBJECT = "5010";
  /**
   * 600 records, the fewest that fill both the QuickBooks batches of 30 and the 200-record collections that give
   * the keys back to Salesforce (20 batches and 3 collections; a slice of 200 ended in a batch of 20, 7 calls where
   * 6.7 would do), while a retried attempt redoes little: its creates are answered from their requestids.
   */
  static final int RECORDS_PER_WRITE = 600;
  /**
   * How long a QuickBooks change may take to show in queries and change data capture: what a run read
   * is everything that changed before its start less this. Intuit does not say; minutes are generous.
   */
  static final Duration SETTLED_AFTER = Duration.ofMinutes(5);

  final QuickBooksClient client;
  private final SyncOptions options;
  private final SyncStores stores;
  private final QuickBooksChangeProbe probe;

  QuickBooksSide(QuickBooksClient client, SyncOptions options, SyncStores stores, Mappings mappings) {
    this.client = client;
    this.options = options;
    this.stores = stores;
    this.probe = new QuickBooksChangeProbe(client, mappings, stores, options);
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

  /**
   * A scheduled run first asks the run's one change data capture answer whether anything changed at
   * all. The cursor then moves to what the run has certainly seen: the newest change read, or, when
   * later, the time of QuickBooks' first answer (its own clock) less {@link #SETTLED_AFTER}, so a
   * company where nothing changes keeps its cursor inside change data capture's 30 days.
   */
  @Override
  public ChangesRead readChanges(SyncRun run, Pager pager, CursorStore.Cursor cursor) {
    ChangesRead read = readChangedRecords(run, pager, cursor);
    if (cursor != null) {
      pager.syncDeleted(run, deletedSince(run, cursor.value()));
    }
    return read;
  }

  /** QuickBooks records hold no keys of Salesforce records: none to take back. */
  @Override
  public List<String> takeBackKeys(SyncRun run, List<String> ids) {
    return List.copyOf(ids);
  }

  /** QuickBooks' queries find no deleted record: change data capture tells them ({@link #deletedSince}). */
  @Override
  public boolean isDeleted(ObjectNode record) {
    return false;
  }

  private ChangesRead readChangedRecords(SyncRun run, Pager pager, CursorStore.Cursor stored) {
    ObjectMapping mapping = run.mapping;
    String cursor = stored == null ? null : stored.value();
    if (pager.position().equals(SyncProgress.startingAt(stored))) {
      Optional<Instant> nothingChangedBefore = probe.nothingChangedSince(run, cursor);
      if (nothingChangedBefore.isPresent()) {
        log.debug("{}: nothing changed in QuickBooks since {}; no query", run, cursor);
        return new ChangesRead(Times.qboLater(cursor, nothingChangedBefore.get().minus(SETTLED_AFTER)), null, List.of());
      }
      // No more than one checkpoint's worth: a retried attempt then starts from the cursor again, never
      // from a position inside records ordered here rather than by QuickBooks' query.
      Optional<QuickBooksChangeProbe.Changed> changed = probe.changedRecords(run, cursor, Pager.CHECKPOINT_EVERY);
      if (changed.isPresent()) {
        List<ObjectNode> records = changed.get().records();
        log.debug("{}: {} record(s) changed since {}, taken from the run's change data capture answer", run,
            records.size(), cursor);
        pager.syncPage(run, records, false, records::size);
        return new ChangesRead(Times.qboLater(pager.maxSeen(), changed.get().answeredAt().minus(SETTLED_AFTER)), null,
            List.of());
      }
    }
    Instant firstAnswer = null;
    while (true) {
      SyncProgress at = pager.position();
      QueryPage page = client.queryPage(run.realmId, mapping.qboEntity(), clauses(mapping.qboCondition(), at.lower()),
          at.position(), options.qboPageSize());
      pager.syncPage(run, page.records(), page.hasMore(),
          () -> client.count(run.realmId, mapping.qboEntity(), conditions(mapping.qboCondition(), at.lower())));
      firstAnswer = firstAnswer != null ? firstAnswer : page.answeredAt();
      if (!page.hasMore()) {
        return new ChangesRead(firstAnswer == null ? pager.maxSeen() : Times.qboLater(pager.maxSeen(),
            firstAnswer.minus(SETTLED_AFTER)), null, List.of());
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
  private List<String> deletedSince(SyncRun run, String cursor) {
    if (run.mapping.onDelete().isEmpty()) {
      return List.of();
    }
    Optional<List<String>> fromTheRunsAnswer = probe.deletedSince(run, cursor);
    if (fromTheRunsAnswer.isPresent()) {
      return fromTheRunsAnswer.get();
    }
    Instant since = Times.qbo(cursor);
    Instant oldest = options.clock().instant().minus(CDC_WINDOW);
    if (since.isBefore(oldest)) {
      log.warn("{}: the cursor {} is older than QuickBooks' 30-day change data capture; deletes before {} are not seen",
          run, cursor, oldest);
      since = oldest;
    }
    return client.changes(run.realmId, List.of(run.mapping.qboEntity()), since.toString()).of(run.mapping.qboEntity()).stream()
        .filter(r -> "Deleted".equals(r.path("status").asText()))
        .map(r -> r.path("Id").asText())
        .toList();
  }

  /** QuickBooks keeps no tombstone outside change data capture: a record it no longer has was deleted. */
  @Override
  public List<String> deletedAmong(SyncRun run, List<String> missing) {
    return missing;
  }

  @Override
  public String notFound(SyncRun run, String id) {
    return "QuickBooks has no " + run.mapping.qboEntity() + " " + id;
  }

  /** The records of the mapping's entity that are the object's ({@link ObjectMapping#holdsQboRecord}); the rest are not its. */
  @Override
  public List<SourceRecord> sourceRecords(SyncRun run, List<ObjectNode> records) {
    return records.stream().filter(run.mapping::holdsQboRecord).map(record -> {
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
  public boolean unchangedSince(SyncRun run, RecordLink link, SourceRecord record) {
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
  public void writeBack(SyncRun run, Map<String, WriteBack> writeBacks, Outcomes outcomes) {}

  // ---- as the target ----

  @Override
  public Mapped map(SyncRun run, SourceRecord record, References parents, boolean create, boolean withLines) {
    ObjectMapping mapping = run.mapping;
    boolean sendsLines = withLines && mapping.linesGoToQbo(run.realmId, record.fields());
    if (sendsLines && record.lines().isEmpty()) {
      return new Mapped(JsonNodeFactory.instance.objectNode(), List.of(), null, null,
          List.of(mapping.salesforceObject() + " " + record.id() + " has no " + mapping.lines().salesforceObject()
              + " records; a QuickBooks " + mapping.qboEntity() + " needs at least one line"), null, List.of(), null);
    }
    ObjectMapping.ToQbo mapped =
        mapping.toQbo(record.fields(), sendsLines ? record.lines() : null, record.price(), parents, create);
    List<String> problems = mapped.problems();
    if (create && mapping.itemAccounts() != null) {
      problems = new ArrayList<>(problems);
      postToItemAccounts(run, mapping.itemAccounts(), mapped.body(), problems);
    }
    return new Mapped(mapped.body(), List.of(), null, mapped.hash(), List.copyOf(problems), mapped.body(), List.of(), null);
  }

  /**
   * A QuickBooks record keeps its lines only by the Salesforce record's say: one in a container the sync made sends
   * none ({@link ObjectMapping#linesGoToQbo}).
   */
  @Override
  public Set<String> keepingTheirLines(SyncRun run, Collection<String> targetIds) {
    return Set.of();
  }

  /**
   * Gives a new item the accounts its type posts to, found by name in the company's chart of accounts (read
   * once per run, when the first item is created), and an Inventory item the stock QuickBooks requires it to
   * start with unless the mapping gives it: tracked, none on hand, from the day it is created. A type without
   * accounts in the mapping, or an account that cannot be found or used, is a problem saying how to fix it.
   */
  private void postToItemAccounts(SyncRun run, ItemAccounts itemAccounts, ObjectNode item, List<String> problems) {
    String type = Side.text(item.get("Type"));
    if (type == null || !ItemAccounts.ITEM_TYPES.contains(type)) {
      return;
    }
    Optional<List<ItemAccounts.Named>> named = itemAccounts.forType(type);
    if (named.isEmpty()) {
      problems.add("the Item mapping's itemAccounts names no accounts for " + type + " items; add itemAccounts." + type);
      return;
    }
    if (run.chartOfAccounts == null) {
      run.chartOfAccounts = ChartOfAccounts.read(client, run.realmId);
    }
    for (ItemAccounts.Named account : named.get()) {
      ChartOfAccounts.Found found = run.chartOfAccounts.find(account);
      if (found.problem() != null) {
        problems.add(found.problem());
      } else {
        item.putObject(account.role().qboField()).put("value", found.id()).put("name", found.name());
      }
    }
    if (type.equals(ItemAccounts.INVENTORY)) {
      if (!item.has("TrackQtyOnHand")) {
        item.put("TrackQtyOnHand", true);
      }
      if (!item.has("QtyOnHand")) {
        item.put("QtyOnHand", 0);
      }
      if (!item.has("InvStartDate")) {
        item.put("InvStartDate", LocalDate.now(options.clock()).toString());
      }
    }
  }

  @Override
  public String parentsRecord(SyncRun run, SourceRecord record, References parents) {
    return run.mapping.qboRecordOfParent().map(field -> {
      String parentId = field.salesforceReferenceId(record.fields());
      return parentId == null ? null : parents.targetId(field.reference(), parentId);
    }).orElse(null);
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
  public boolean changedSince(SyncRun run, RecordLink link, ObjectNode current) {
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

  /** {@value #RECORDS_PER_WRITE} records at once. */
  @Override
  public int recordsPerWrite(SyncRun run, Integer total) {
    return RECORDS_PER_WRITE;
  }

  /**
   * Writes in QuickBooks batches of up to 30 records a call: creates first, each batch noted in
   * flight under its requestid before it is sent, then updates (sparse, with the current SyncToken).
   * The links of each batch are saved as soon as its answer is in. A refused record becomes its
   * error or deferral; a passing failure of an item (throttled, unavailable) or an authorization
   * failure is thrown once the batch's other records are reported, for Temporal to retry.
   */
  @Override
  public void write(SyncRun run, List<Pending> batch, Outcomes outcomes) {
    BatchWrite write = new BatchWrite(run, outcomes);
    for (Pending pending : batch) {
      if (pending.targetId != null) {
        write.updates.add(new Update(pending, false, pending.targetId, pending.current.path("SyncToken").asText()));
      }
    }
    write.creates(batch.stream().filter(p -> p.targetId == null).toList());
    write.update(write.updates, true);
    write.throwPassingFailure();
  }

  /**
   * A sparse update to send: the record's own, or the one that follows a create sent again, whose
   * answer is the record as the first send made it from the source record as it was then.
   */
  private record Update(Pending pending, boolean creating, String qboId, String syncToken) {}

  /** Creates claimed in flight as one batch: its requestid, each record's bId, and the records no other sync had noted. */
  private record Claimed(String requestId, Map<String, String> bIds, List<Pending> creates) {}

  private static List<String> ids(List<Pending> pendings) {
    return pendings.stream().map(Pending::id).toList();
  }

  /** One {@link #write}: its batches, and the first failure that must go to Temporal. */
  private final class BatchWrite {
    final SyncRun run;
    final Outcomes outcomes;
    final List<Update> updates = new ArrayList<>();
    QuickBooksException passing;

    BatchWrite(SyncRun run, Outcomes outcomes) {
      this.run = run;
      this.outcomes = outcomes;
    }

    /**
     * The records to create. Those noted in flight (cut off before, or being sent by another sync at this
     * moment) are sent again in the batch they went in; the others are claimed, 30 to a batch under a
     * requestid of its own, and sent. One whose link was saved after the pipeline read its links was made
     * meanwhile by another sync, which then ended its note: it is updated, never made twice.
     */
    void creates(List<Pending> creates) {
      if (creates.isEmpty()) {
        return;
      }
      CreateInFlightStore inFlight = stores.createsInFlight();
      Map<String, CreateInFlightStore.Note> notes = new HashMap<>(inFlight.noted(run.realmId, run.object, run.direction, ids(creates)));
      List<Pending> unnoted = creates.stream().filter(p -> !notes.containsKey(p.id())).toList();
      List<Claimed> claims = new ArrayList<>();
      List<Pending> notedElsewhere = new ArrayList<>();
      for (int from = 0; from < unnoted.size(); from += QuickBooksClient.MAX_BATCH_ITEMS) {
        List<Pending> slice = unnoted.subList(from, Math.min(unnoted.size(), from + QuickBooksClient.MAX_BATCH_ITEMS));
        String requestId = UUID.randomUUID().toString();
        Map<String, String> bIds = new LinkedHashMap<>();
        for (int i = 0; i < slice.size(); i++) {
          bIds.put(slice.get(i).id(), Integer.toString(i + 1));
        }
        // Until its link is saved, the new QuickBooks record carries nothing that leads back here.
        Set<String> elsewhere = inFlight.claim(run.realmId, run.object, run.direction, requestId, bIds);
        claims.add(new Claimed(requestId, bIds, slice.stream().filter(p -> !elsewhere.contains(p.id())).toList()));
        slice.stream().filter(p -> elsewhere.contains(p.id())).forEach(notedElsewhere::add);
      }
      notes.putAll(inFlight.noted(run.realmId, run.object, run.direction, ids(notedElsewhere)));
      List<Pending> unsent = new ArrayList<>(notedElsewhere.stream().filter(p -> !notes.containsKey(p.id())).toList());
      claims.forEach(claimed -> unsent.addAll(claimed.creates()));
      Map<String, RecordLink> linkedMeanwhile =
          stores.links().findBySalesforceIds(run.realmId, run.object, run.mapping.salesforceObject(), ids(unsent));
      inFlight.end(run.realmId, run.object, run.direction, linkedMeanwhile.keySet());
      for (Pending pending : unsent) {
        RecordLink link = linkedMeanwhile.get(pending.id());
        if (link != null) {
          updates.add(new Update(pending, false, link.qboId(), link.qboSyncToken()));
        } else if (!notes.containsKey(pending.id()) && notedElsewhere.contains(pending)) {
          outcomes.deferred(pending.id(), "another sync was creating this " + run.mapping.qboEntity()
              + " at the same moment and did not finish; it is tried again with the next run");
        }
      }
      Map<String, List<Pending>> againByRequest = new LinkedHashMap<>();
      creates.stream().filter(p -> notes.containsKey(p.id()))
          .forEach(p -> againByRequest.computeIfAbsent(notes.get(p.id()).requestId(), r -> new ArrayList<>()).add(p));
      againByRequest.forEach((requestId, pendings) -> createAgain(requestId, pendings, notes));
      for (Claimed claimed : claims) {
        create(claimed.requestId(), claimed.bIds(),
            claimed.creates().stream().filter(p -> !linkedMeanwhile.containsKey(p.id())).toList());
      }
    }

    /** Creates claimed in flight with their bIds, sent under the requestid they were claimed with. */
    void create(String requestId, Map<String, String> bIds, List<Pending> creates) {
      if (creates.isEmpty()) {
        return;
      }
      Map<String, BatchAnswer> answers = send(requestId,
          creates.stream().map(p -> BatchItem.create(bIds.get(p.id()), run.mapping.qboEntity(), p.mapped.body())).toList());
      List<Outcomes.Written> written = new ArrayList<>();
      for (Pending pending : creates) {
        BatchAnswer answer = answers.get(bIds.get(pending.id()));
        if (answer.succeeded()) {
          pending.written(answer.saved().path("Id").asText(), true, run.writer);
          written.add(new Outcomes.Written(pending, answer.saved().path("SyncToken").asText(null), answer.saved()));
        } else {
          refused(pending, true, answer.fault());
        }
      }
      finish(written);
    }

    /**
     * Creates sent before and cut off: sent again in the batch they went in, answered with the records
     * that batch made, which are then updated with the source records as they are now. Creates noted
     * before creates went in batches are sent again alone, under their own requestid.
     */
    void createAgain(String requestId, List<Pending> creates, Map<String, CreateInFlightStore.Note> notes) {
      Map<String, BatchAnswer> answers;
      if (requestId == null) {
        answers = new HashMap<>();
        for (Pending pending : creates) {
          answers.put(pending.id(), saveAlone(pending));
        }
      } else {
        answers = send(requestId, creates.stream()
            .map(p -> BatchItem.create(notes.get(p.id()).batchItem(), run.mapping.qboEntity(), p.mapped.body())).toList());
      }
      for (Pending pending : creates) {
        BatchAnswer answer = answers.get(requestId == null ? pending.id() : notes.get(pending.id()).batchItem());
        if (answer.succeeded()) {
          updates.add(new Update(pending, true, answer.saved().path("Id").asText(), answer.saved().path("SyncToken").asText()));
        } else {
          refused(pending, true, answer.fault());
        }
      }
    }

    private BatchAnswer saveAlone(Pending pending) {
      try {
        return new BatchAnswer(pending.id(),
            client.save(run.realmId, run.mapping.qboEntity(), pending.mapped.body(), requestId(run, pending.id())), null);
      } catch (QuickBooksException refused) {
        return new BatchAnswer(pending.id(), null, refused);
      }
    }

    /**
     * Sparse updates in batches; those QuickBooks finds stale (changed since their SyncToken was read)
     * are read again and sent once more, as the last writer's change is already in what was read.
     */
    void update(List<Update> toSend, boolean staleAgain) {
      List<Update> stale = new ArrayList<>();
      for (int from = 0; from < toSend.size(); from += QuickBooksClient.MAX_BATCH_ITEMS) {
        List<Update> chunk = toSend.subList(from, Math.min(toSend.size(), from + QuickBooksClient.MAX_BATCH_ITEMS));
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          Update update = chunk.get(i);
          Pending pending = update.pending();
          // What was emptied in Salesforce is cleared; the update that follows a create sent again has no current record.
          ObjectNode body = pending.current == null ? pending.mapped.body().deepCopy()
              : run.mapping.withEmptiedCleared(pending.mapped.body(), pending.current);
          body.put("Id", update.qboId());
          body.put("SyncToken", update.syncToken());
          body.put("sparse", true);
          items.add(BatchItem.update(Integer.toString(i + 1), run.mapping.qboEntity(), body));
        }
        Map<String, BatchAnswer> answers = send(UUID.randomUUID().toString(), items);
        List<Outcomes.Written> written = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          Update update = chunk.get(i);
          BatchAnswer answer = answers.get(Integer.toString(i + 1));
          if (answer.succeeded()) {
            update.pending().written(update.qboId(), update.creating(), run.writer);
            written.add(new Outcomes.Written(update.pending(), answer.saved().path("SyncToken").asText(null), answer.saved()));
          } else if (staleAgain && STALE_OBJECT.equals(answer.fault().code())) {
            stale.add(update);
          } else {
            refused(update.pending(), false, answer.fault());
          }
        }
        finish(written);
      }
      if (!stale.isEmpty()) {
        update(readAgain(stale), false);
      }
    }

    private List<Update> readAgain(List<Update> stale) {
      Map<String, ObjectNode> current = readByIds(run, stale.stream().map(Update::qboId).toList());
      List<Update> again = new ArrayList<>();
      for (Update update : stale) {
        ObjectNode now = current.get(update.qboId());
        if (now == null) {
          outcomes.failed(update.pending().id(), FailureType.VALIDATION, null, "QuickBooks has no " + run.mapping.qboEntity()
              + " " + update.qboId() + " any more: it was deleted while " + run.mapping.salesforceObject() + " "
              + update.pending().id() + " was written to it");
          endInFlight(update.pending(), update.creating());
        } else {
          log.info("{} {} of company {} changed while we wrote it (stale SyncToken); retrying with SyncToken {}",
              run.mapping.qboEntity(), update.qboId(), run.realmId, now.path("SyncToken").asText());
          again.add(new Update(update.pending(), update.creating(), update.qboId(), now.path("SyncToken").asText()));
        }
      }
      return again;
    }

    private Map<String, BatchAnswer> send(String requestId, List<BatchItem> items) {
      Map<String, BatchAnswer> answers = client.batch(run.realmId, requestId, items);
      run.heartbeat.run();
      return answers;
    }

    /** The batch's links are saved in one go; then its creates are no longer in flight. */
    private void finish(List<Outcomes.Written> written) {
      if (written.isEmpty()) {
        return;
      }
      outcomes.written(written);
      List<String> created = written.stream().filter(w -> w.pending().created).map(w -> w.pending().id()).toList();
      stores.createsInFlight().end(run.realmId, run.object, run.direction, created);
    }

    /**
     * A record QuickBooks refused.
     *
     * @param createRefused whether it was the record's create that was refused: nothing was made, so the
     *     create is no longer in flight and a retry sends it afresh, not the answer kept for its requestid.
     *     An update that follows a create sent again keeps the create in flight: the record it made has no
     *     link yet, and the next attempt must send the create again to find it
     */
    private void refused(Pending pending, boolean createRefused, QuickBooksException refused) {
      ObjectMapping mapping = run.mapping;
      endInFlight(pending, createRefused);
      RemoteFailure failure = RemoteFailures.classify(refused).orElseThrow();
      if (failure.type().retryable() || failure.type() == FailureType.AUTH || failure.type() == FailureType.CONFIGURATION) {
        if (passing == null) {
          passing = refused;
        }
      } else if (failure.type() == FailureType.MISSING_PARENT) {
        outcomes.deferred(pending.id(), "QuickBooks refused a reference: " + refused.getMessage());
      } else {
        outcomes.failed(pending.id(), failure.type(), failure.remoteCode(),
            "QuickBooks refused " + mapping.qboEntity() + (pending.targetId == null ? " create" : " " + pending.targetId)
                + " from " + mapping.salesforceObject() + " " + pending.id() + ": " + refused.getMessage());
      }
    }

    private void endInFlight(Pending pending, boolean inFlight) {
      if (inFlight) {
        stores.createsInFlight().end(run.realmId, run.object, run.direction, List.of(pending.id()));
      }
    }

    void throwPassingFailure() {
      if (passing != null) {
        throw passing;
      }
    }
  }

  /**
   * The idempotency key of a create noted in flight before creates went in batches: the source id,
   * with the attempt number after a refused create (a recorded error), as it was sent then.
   */
  private String requestId(SyncRun run, String sourceId) {
    int attempts = stores.errors().findOpen(run.realmId, run.object, run.direction, sourceId)
        .map(RecordError::attempts).orElse(0);
    String key = "lb-" + run.object.displayName().toLowerCase(Locale.ROOT) + "-" + sourceId;
    return attempts == 0 ? key : key + "-" + attempts;
  }

  /** The mapping's {@code onSalesforceDelete}; NOTHING writes nothing, and the delete is reported. */
  @Override
  public DeleteEffect onSourceDeleted(ObjectMapping mapping) {
    SalesforceDeletePolicy policy = mapping.onSalesforceDelete();
    return new DeleteEffect(policy.done(), policy != SalesforceDeletePolicy.NOTHING);
  }

  /**
   * Makes the linked records inactive (a sparse update), voids or deletes them, as the mapping's
   * {@code onSalesforceDelete} says, in batches of 30 with their current SyncToken; those QuickBooks finds
   * stale (changed since they were read) are read again and sent once more, as updates are. A record
   * QuickBooks no longer has, or one already inactive, needs nothing. A passing failure (throttled,
   * unavailable) or an authorization failure is thrown for Temporal to retry; what was done by then needs
   * nothing the next time.
   */
  @Override
  public List<Refusal> markDeleted(SyncRun run, List<RecordLink> links) {
    SalesforceDeletePolicy policy = run.mapping.onSalesforceDelete();
    List<Refusal> refusals = new ArrayList<>(Collections.nCopies(links.size(), null));
    if (policy == SalesforceDeletePolicy.NOTHING || links.isEmpty()) {
      return refusals;
    }
    List<Integer> all = IntStream.range(0, links.size()).boxed().toList();
    List<Integer> stale = markDeleted(run, policy, links, all, refusals, true);
    if (!stale.isEmpty()) {
      markDeleted(run, policy, links, stale, refusals, false);
    }
    return refusals;
  }

  /**
   * Reads the records of {@code links} at {@code which} and sends what the policy does to them; a
   * refusal is noted in {@code refusals}, except a stale SyncToken when {@code staleAgain}.
   *
   * @return the positions QuickBooks found stale, to read and send again
   */
  private List<Integer> markDeleted(SyncRun run, SalesforceDeletePolicy policy, List<RecordLink> links,
      List<Integer> which, List<Refusal> refusals, boolean staleAgain) {
    String entity = run.mapping.qboEntity();
    Map<String, ObjectNode> current = readByIds(run, which.stream().map(i -> links.get(i).qboId()).toList());
    List<Integer> toSend = new ArrayList<>();
    for (int i : which) {
      ObjectNode record = current.get(links.get(i).qboId());
      if (record != null && !(policy == SalesforceDeletePolicy.INACTIVATE && !record.path("Active").asBoolean(true))) {
        toSend.add(i);
      }
    }
    List<Integer> stale = new ArrayList<>();
    for (int from = 0; from < toSend.size(); from += QuickBooksClient.MAX_BATCH_ITEMS) {
      List<Integer> chunk = toSend.subList(from, Math.min(toSend.size(), from + QuickBooksClient.MAX_BATCH_ITEMS));
      List<BatchItem> items = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        ObjectNode record = current.get(links.get(chunk.get(i)).qboId());
        ObjectNode body = JsonNodeFactory.instance.objectNode()
            .put("Id", record.path("Id").asText()).put("SyncToken", record.path("SyncToken").asText());
        String bId = Integer.toString(i + 1);
        items.add(switch (policy) {
          case INACTIVATE -> BatchItem.update(bId, entity, body.put("sparse", true).put("Active", false));
          case VOID -> BatchItem.voiding(bId, entity, body);
          case DELETE -> BatchItem.delete(bId, entity, body);
          case NOTHING -> throw new IllegalStateException("nothing to send for " + policy);
        });
      }
      Map<String, BatchAnswer> answers = client.batch(run.realmId, UUID.randomUUID().toString(), items);
      run.heartbeat.run();
      for (int i = 0; i < chunk.size(); i++) {
        QuickBooksException refused = answers.get(Integer.toString(i + 1)).fault();
        if (refused == null) {
          continue;
        }
        RemoteFailure failure = RemoteFailures.classify(refused).orElseThrow();
        if (failure.type().retryable() || failure.type() == FailureType.AUTH) {
          throw refused;
        }
        if (staleAgain && STALE_OBJECT.equals(refused.code())) {
          stale.add(chunk.get(i));
        } else {
          refusals.set(chunk.get(i), new Refusal(failure.type(), failure.remoteCode(), refused.getMessage()));
        }
      }
    }
    return stale;
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
