package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.ContainerMapping;
import io.ledgerbridge.activities.mapping.LineMapping;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.mapping.References;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceError;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.salesforce.SoqlPage;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salesforce as the sync reads and writes it: changes ordered by {@code SystemModstamp} up to the
 * newest one when the read starts, a record's version its SystemModstamp (or its standard price's,
 * when later), queries with {@code IN} lists of one collection's worth, line records and standard
 * prices kept apart from their header, writes in collections of 200 with records turned away for a
 * passing reason written once more, and the org's standard price book, read once. Salesforce keeps
 * the sync's keys: a record's external id field holds {@code {realmId}-{QuickBooks Id}}.
 */
final class SalesforceSide implements Source, Target {
  private static final Logger log = LoggerFactory.getLogger(SalesforceSide.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /**
   * Where a current record carries its lines and standard price, read with it so a conflict check can
   * tell whether it still holds the sync's last write; no Salesforce field name has a colon.
   */
  private static final String CURRENT_LINES = "ledgerbridge:lines";
  private static final String CURRENT_PRICE_ENTRY = "ledgerbridge:priceEntry";
  /** How long Salesforce keeps deleted records in the recycle bin, where queryAll finds them. */
  private static final Duration RECYCLE_BIN = Duration.ofDays(15);

  final SalesforceClient client;
  private final SyncOptions options;
  private final SyncStores stores;
  private final Mappings mappings;
  private final AtomicReference<String> standardPricebookId = new AtomicReference<>();
  /** Record type ids by {@code SobjectType/DeveloperName}, read once each. */
  private final Map<String, String> recordTypeIds = new ConcurrentHashMap<>();

  SalesforceSide(SalesforceClient client, SyncOptions options, SyncStores stores, Mappings mappings) {
    this.client = client;
    this.options = options;
    this.stores = stores;
    this.mappings = mappings;
  }

  @Override
  public String system() {
    return "Salesforce";
  }

  @Override
  public String objectName(ObjectMapping mapping) {
    return mapping.salesforceObject();
  }

  // ---- its end of a record link, and keys ----

  @Override
  public String idIn(RecordLink link) {
    return link.salesforceId();
  }

  @Override
  public String versionIn(RecordLink link) {
    return link.salesforceModstamp() == null ? null : Times.soql(link.salesforceModstamp());
  }

  @Override
  public void linkEnd(LinkParts link, String id, String version) {
    link.salesforceId = id;
    link.salesforceModstamp = version == null ? null : Times.salesforce(version);
  }

  @Override
  public Map<String, RecordLink> linksOf(String realmId, SyncObject object, String salesforceObject, Collection<String> ids) {
    return stores.links().findBySalesforceIds(realmId, object, salesforceObject, ids);
  }

  @Override
  public Map<String, String> keysById(SyncRun run, ObjectMapping mapping, Collection<String> ids) {
    Map<String, String> keys = new HashMap<>();
    String field = mapping.externalIdField();
    for (ObjectNode found : in(mapping.salesforceObject(), "Id, " + field, "Id", ids, null)) {
      mapping.qboIdOfKey(run.realmId, Side.text(found.get(field))).ifPresent(qboId -> keys.put(found.get("Id").asText(), qboId));
    }
    return keys;
  }

  @Override
  public Map<String, String> idsByKey(SyncRun run, ObjectMapping mapping, Collection<String> keys) {
    Map<String, String> ids = new HashMap<>();
    String field = mapping.externalIdField();
    List<String> externalIds = keys.stream().map(qboId -> mapping.key(run.realmId, qboId)).toList();
    for (ObjectNode found : in(mapping.salesforceObject(), "Id, " + field, field, externalIds, null)) {
      mapping.qboIdOfKey(run.realmId, found.path(field).asText(null)).ifPresent(qboId -> ids.put(qboId, found.get("Id").asText()));
    }
    return ids;
  }

  // ---- as the source ----

  /**
   * Pages up to the newest modstamp at the start, kept in the checkpoints so a retried attempt keeps it
   * too: the sync's own write-backs during the run wait for the next run (where they read as unchanged);
   * for products, also names those whose standard price changed without the product itself changing.
   */
  @Override
  public ChangesRead readChanges(SyncRun run, Pager pager, CursorStore.Cursor stored) {
    ObjectMapping mapping = run.mapping;
    String cursor = stored == null ? null : stored.value();
    if (cursor != null && Times.salesforce(cursor).isBefore(options.clock().instant().minus(RECYCLE_BIN))) {
      log.warn("{}: the cursor {} is older than Salesforce's {}-day recycle bin; records deleted and emptied from it"
          + " since are not seen", run, cursor, RECYCLE_BIN.toDays());
    }
    String condition = mapping.salesforceCondition();
    Instant fixedUpper = pager.upper() == null ? null : Times.salesforce(pager.upper());
    String select = String.join(", ", mapping.salesforceFieldsRead()) + ", IsDeleted";
    String range = changedSince(condition, pager.position(), fixedUpper);
    String where = " FROM " + mapping.salesforceObject() + (range.isEmpty() ? "" : " WHERE " + range);
    // One query followed page by page: each page costs one call, the checkpoints within it none. queryAll, so
    // the records deleted since the cursor come with the changes (deleting moves SystemModstamp) in the same call.
    SoqlPage page = client.queryIncludingDeleted("SELECT " + select + where + " ORDER BY SystemModstamp, Id",
        options.salesforcePageSize());
    // The first attempt's query needs no upper bound: its answer holds nothing stamped after the answer's second.
    // A retried attempt reads only up to the second before it, so it never reads the keys its dead attempt wrote
    // back (stamped later), while a record stamped in that second, which may have come after the query, is the
    // next run's (the cursor stays at or before it). Salesforce keeps SystemModstamps and its Date in whole seconds.
    Instant answerSecond = page.answeredAt().truncatedTo(ChronoUnit.SECONDS);
    Instant upper = fixedUpper != null ? fixedUpper : answerSecond.minusMillis(1);
    pager.readUpTo(Times.soql(upper));
    Set<String> read = new HashSet<>();
    while (true) {
      page.records().forEach(record -> read.add(record.path("Id").asText()));
      boolean hasMore = !page.done() && page.nextRecordsUrl() != null;
      pager.syncPage(run, page.records(), hasMore, page::totalSize);
      if (!hasMore) {
        break;
      }
      page = client.queryMore(page.nextRecordsUrl());
    }
    String maxSeen = pager.maxSeen();
    if (mapping.standardPrice() == null || cursor == null) {
      return new ChangesRead(maxSeen, lastIdAt(maxSeen, pager.position(), upper), List.of());
    }
    // A new price changes the PricebookEntry, not the Product2: its SystemModstamp stays put. Prices stamped up to
    // the end of the answer's second are read; the cursor moves no further than the second before it, so a price
    // or product changed later in that second is read again by the next run. A cursor naming its last record was
    // complete when the last run read it, prices too: those stamped in its instant were read then.
    String pricesSince = stored.lastIdAtValue() == null
        ? modstampRange(standardPrices(), cursor, answerSecond.plusMillis(999))
        : within(standardPrices(), "SystemModstamp > " + Times.soql(Times.salesforce(cursor)), answerSecond.plusMillis(999));
    List<ObjectNode> prices = client.queryAll("SELECT Product2Id, SystemModstamp FROM PricebookEntry WHERE " + pricesSince);
    List<String> repriced = prices.stream()
        .map(entry -> entry.path("Product2Id").asText())
        .filter(productId -> !read.contains(productId) && !run.retried.contains(productId))
        .distinct()
        .toList();
    if (!repriced.isEmpty()) {
      log.info("{}: {} product(s) whose standard price alone changed", run, repriced.size());
    }
    Instant reached = maxSeen == null ? null : Times.salesforce(maxSeen);
    for (ObjectNode price : prices) {
      reached = Times.latest(reached, Times.earliest(Times.modstamp(price), upper));
    }
    String reachedCursor = reached == null ? null : Times.soql(reached);
    return new ChangesRead(reachedCursor, lastIdAt(reachedCursor, pager.position(), upper), repriced);
  }

  /**
   * The last record done at the cursor's instant, which the next run starts past, when the run ended there
   * and the instant was complete: no later than the read's upper bound, before the second Salesforce answered
   * the query in. A record changed in the answer's second after the query may sort before it, so then none.
   */
  private static String lastIdAt(String cursor, SyncProgress ended, Instant upper) {
    if (cursor == null || ended.lower() == null || ended.doneAtLower().isEmpty()) {
      return null;
    }
    Instant at = Times.salesforce(cursor);
    if (!at.equals(Times.salesforce(ended.lower())) || at.isAfter(upper)) {
      return null;
    }
    return ended.doneAtLower().get(ended.doneAtLower().size() - 1);
  }


  /** A record in the recycle bin, as the change read's queryAll finds it. */
  @Override
  public boolean isDeleted(ObjectNode record) {
    return record.path("IsDeleted").asBoolean(false);
  }

  /** The mapping's condition holds here too: a lost deal is no invoice, whoever asks. */
  @Override
  public Map<String, ObjectNode> readByIds(SyncRun run, Collection<String> ids) {
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    ObjectMapping mapping = run.mapping;
    for (ObjectNode record : in(mapping.salesforceObject(), String.join(", ", mapping.salesforceFieldsRead()), "Id", ids,
        mapping.salesforceCondition())) {
      byId.put(record.path("Id").asText(), record);
    }
    return byId;
  }

  @Override
  public String changedAt(ObjectNode record) {
    Instant modstamp = Times.modstamp(record);
    return modstamp == null ? null : Times.soql(modstamp);
  }

  @Override
  public Instant instant(String changedAt) {
    return Times.salesforce(changedAt);
  }

  /** Those the recycle bin holds: a record the mapping's condition leaves out is no delete. */
  @Override
  public List<String> deletedAmong(SyncRun run, List<String> missing) {
    ObjectMapping mapping = run.mapping;
    String condition = mapping.salesforceCondition() == null ? "IsDeleted = true"
        : "(" + mapping.salesforceCondition() + ") AND IsDeleted = true";
    return in(mapping.salesforceObject(), "Id", "Id", missing, condition, client::queryIncludingDeleted).stream()
        .map(record -> record.path("Id").asText())
        .toList();
  }

  @Override
  public String notFound(SyncRun run, String id) {
    ObjectMapping mapping = run.mapping;
    return "Salesforce has no " + mapping.salesforceObject() + " " + id
        + (mapping.salesforceCondition() == null ? "" : " with " + mapping.salesforceCondition());
  }

  @Override
  public List<SourceRecord> sourceRecords(SyncRun run, List<ObjectNode> records) {
    List<String> ids = records.stream().map(record -> record.path("Id").asText()).toList();
    Map<String, List<JsonNode>> lines = lines(run.mapping, ids);
    Map<String, StandardPrice> prices = prices(run.mapping, ids);
    return records.stream().map(record -> {
      String id = record.path("Id").asText();
      StandardPrice price = prices.get(id);
      Instant changedAt = price == null ? Times.modstamp(record) : Times.latest(Times.modstamp(record), price.modstamp());
      return new SourceRecord(id, record, lines.getOrDefault(id, List.of()), price == null ? null : price.unitPrice(),
          changedAt, changedAt == null ? null : Times.soql(changedAt));
    }).toList();
  }

  /** The line records of each header, ordered by id (their creation order). */
  private Map<String, List<JsonNode>> lines(ObjectMapping mapping, List<String> headerIds) {
    Map<String, List<JsonNode>> byHeader = new HashMap<>();
    if (mapping.lines() == null || headerIds.isEmpty()) {
      return byHeader;
    }
    String parentField = mapping.lines().parentField();
    List<ObjectNode> all = new ArrayList<>(in(mapping.lines().salesforceObject(),
        String.join(", ", mapping.salesforceLineFieldsRead()), parentField, headerIds, null));
    all.sort(Comparator.comparing(line -> line.path("Id").asText()));
    for (ObjectNode line : all) {
      byHeader.computeIfAbsent(line.path(parentField).asText(), h -> new ArrayList<>()).add(line);
    }
    return byHeader;
  }

  /** A product's entry in the standard price book. */
  private record StandardPrice(ObjectNode entry) {
    BigDecimal unitPrice() {
      return entry.hasNonNull("UnitPrice") ? entry.get("UnitPrice").decimalValue() : null;
    }

    Instant modstamp() {
      return Times.modstamp(entry);
    }
  }

  private Map<String, StandardPrice> prices(ObjectMapping mapping, List<String> productIds) {
    Map<String, StandardPrice> prices = new HashMap<>();
    if (mapping.standardPrice() == null || productIds.isEmpty()) {
      return prices;
    }
    for (ObjectNode entry : in("PricebookEntry", "Id, Product2Id, UnitPrice, IsActive, SystemModstamp", "Product2Id",
        productIds, standardPrices())) {
      prices.put(entry.get("Product2Id").asText(), new StandardPrice(entry));
    }
    return prices;
  }

  @Override
  public Map<SyncObject, Set<String>> parents(ObjectMapping mapping, SourceRecord record) {
    return mapping.salesforceParents(record.fields(), record.lines());
  }

  @Override
  public String otherCompany(SyncRun run, SourceRecord record, RecordLink link) {
    String key = key(run, record);
    if (key == null || run.mapping.qboIdOfKey(run.realmId, key).isPresent()
        || link != null && run.mapping.earlierKey(run.realmId, link.qboId()).filter(key::equals).isPresent()) {
      return null;
    }
    return "its key is another QuickBooks company's or entity's (" + run.mapping.externalIdField() + " " + key + ")";
  }

  @Override
  public String keyOf(SyncRun run, SourceRecord record) {
    return run.mapping.qboIdOfKey(run.realmId, key(run, record)).orElse(null);
  }

  private static String key(SyncRun run, SourceRecord record) {
    return Side.text(record.fields().get(run.mapping.externalIdField()));
  }

  /**
   * A record changed later than the link's version was changed since. One no later was written or
   * read by the sync then; when the sync wrote it from QuickBooks, the version is the end of the second
   * Salesforce answered the write in, which a person's edit right after the write may share: the
   * record is then unchanged only if it still holds every value that write gave it. Links from before
   * SystemModstamps were kept know only when the sync wrote.
   */
  @Override
  public boolean unchangedSince(SyncRun run, RecordLink link, SourceRecord record) {
    Instant lastSeen = link.salesforceModstamp() != null ? link.salesforceModstamp() : link.syncedAt();
    if (lastSeen == null || record.changedAt() == null || record.changedAt().isAfter(lastSeen)) {
      return false;
    }
    if (link.lastDirection() != SyncDirection.QBO_TO_SALESFORCE) {
      return true;
    }
    ObjectMapping written = mappings.find(run.object, SyncDirection.QBO_TO_SALESFORCE)
        .filter(mapping -> mapping.salesforceObject().equalsIgnoreCase(link.salesforceObject()))
        .orElse(null);
    return written == null || holdsLastWrite(run, written, link, record.fields(), record.lines(), record.price());
  }

  /** Whether a record, its lines and its standard price hold every value the sync's last write to it gave them. */
  private static boolean holdsLastWrite(SyncRun run, ObjectMapping written, RecordLink link, JsonNode record,
      List<JsonNode> lines, BigDecimal price) {
    return written.salesforceContentHash(run.realmId, record, lines, price).equals(link.contentHash());
  }

  @Override
  public RecordLink seen(RecordLink link, SourceRecord record) {
    return link.withSalesforceModstamp(record.changedAt());
  }

  @Override
  public String matchValue(Matching.Pair pair, SourceRecord record) {
    return Side.stripped(record.fields().get(pair.salesforce()));
  }

  @Override
  public boolean holds(SyncRun run, SourceRecord record, RecordLink link, ObjectNode derived) {
    return Objects.equals(key(run, record), run.mapping.key(run.realmId, link.qboId()))
        && (derived == null || holds(record.fields(), derived));
  }

  /**
   * Writes {realmId}-{qboId}, and the fields only QuickBooks derives, to the Salesforce records, and
   * remembers the end of the second Salesforce answered in as their version: the write-back's own
   * change is then no change to the opposite direction. A person's edit in that same second is not
   * lost: this direction decides by content, not by time, whether a record it synced needs writing.
   */
  @Override
  public void writeBack(SyncRun run, Map<String, WriteBack> writeBacks, Outcomes outcomes) {
    ObjectMapping mapping = run.mapping;
    String extField = mapping.externalIdField();
    List<String> salesforceIds = List.copyOf(writeBacks.keySet());
    List<ObjectNode> updates = salesforceIds.stream().map(id -> {
      WriteBack back = writeBacks.get(id);
      ObjectNode update = NODES.objectNode().put("Id", id).put(extField, mapping.key(run.realmId, back.link().qboId()));
      update.setAll(back.derived());
      return update;
    }).toList();
    Answers answers = new Answers();
    List<SaveResult> results = answers.saw(write(updates, c -> client.updateAll(mapping.salesforceObject(), c)));
    List<RecordLink> done = new ArrayList<>();
    for (int i = 0; i < salesforceIds.size(); i++) {
      String salesforceId = salesforceIds.get(i);
      if (results.get(i).success()) {
        done.add(writeBacks.get(salesforceId).link().withSalesforceModstamp(answers.bound()));
      } else {
        Refusal refusal = refusal(results.get(i));
        outcomes.failed(salesforceId, refusal.type(), refusal.remoteCode(), "synced to QuickBooks " + mapping.qboEntity()
            + " " + writeBacks.get(salesforceId).link().qboId() + ", but writing " + extField + " back to the "
            + mapping.salesforceObject() + " failed: " + refusal.reasons());
      }
    }
    stores.links().saveAll(done);
    run.heartbeat.run();
  }

  @Override
  public List<String> takeBackKeys(SyncRun run, List<String> ids) {
    String extField = run.mapping.externalIdField();
    List<ObjectNode> cleared = ids.stream().map(id -> {
      ObjectNode update = NODES.objectNode().put("Id", id);
      update.putNull(extField);
      return update;
    }).toList();
    List<SaveResult> results = write(cleared, c -> client.updateAll(run.mapping.salesforceObject(), c));
    List<String> keyless = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      SalesforceError first = firstError(results.get(i));
      if (results.get(i).success() || first != null && "ENTITY_IS_DELETED".equals(first.code())) {
        keyless.add(ids.get(i));
      } else {
        log.warn("{}: {} {} keeps its {}, so its record is not taken over: {}", run, run.mapping.salesforceObject(),
            ids.get(i), extField, reasons(results.get(i)));
      }
    }
    run.heartbeat.run();
    return keyless;
  }

  // ---- as the target ----

  /**
   * The header with its key first, the lines with theirs, and the standard price; a conflict compares all but the key.
   * A record to create gets its create-only values and the mapping's container, if it has one: a linked record keeps
   * the parent it has.
   */
  @Override
  public Mapped map(SyncRun run, SourceRecord record, References parents, boolean create, boolean withLines) {
    ObjectMapping mapping = run.mapping;
    ObjectMapping.ToSalesforce mapped = mapping.toSalesforce(run.realmId, record.fields(), parents, withLines);
    ObjectNode compared = mapped.fields().deepCopy();
    compared.remove(mapping.externalIdField());
    List<String> problems = new ArrayList<>(mapped.problems());
    if (create) {
      mapped.fields().setAll(mapping.createOnlyToSalesforce(record.fields(), parents, problems));
      if (withLines && mapping.lines() != null && mapping.lines().priceBookEntryField() != null) {
        // Lines naming price book entries need their header in that price book (Quote, Opportunity and Order alike).
        mapped.fields().put("Pricebook2Id", standardPricebookId());
      }
      if (mapping.recordType() != null) {
        mapped.fields().put("RecordTypeId", recordTypeId(mapping.salesforceObject(), mapping.recordType()));
      }
    }
    ObjectNode container = create && mapping.container() != null
        ? mapping.container().toSalesforce(run.realmId, mapping.qboEntity(), record.fields(), parents, problems) : null;
    return new Mapped(mapped.fields(), mapped.lines(), mapped.price(), mapped.hash(), List.copyOf(problems), compared,
        mapped.notes(), container);
  }

  /** Records outside a container the sync made, for a mapping whose lines go to records in one (see ContainerMapping). */
  @Override
  public Set<String> keepingTheirLines(SyncRun run, Collection<String> targetIds) {
    ContainerMapping container = run.mapping.container();
    LineMapping lines = run.mapping.lines();
    if (container == null || lines == null || lines.externalIdField() == null || targetIds.isEmpty()) {
      return Set.of();
    }
    Set<String> keeping = new HashSet<>();
    for (ObjectNode record : in(run.mapping.salesforceObject(), "Id, " + container.keyThroughLookup(), "Id", targetIds,
        null)) {
      if (!run.mapping.linesFromQbo(run.realmId, record)) {
        keeping.add(record.get("Id").asText());
      }
    }
    return keeping;
  }

  /** A record going to Salesforce is one of its own, upserted on its key. */
  @Override
  public String parentsRecord(SyncRun run, SourceRecord record, References parents) {
    return null;
  }

  /**
   * A bulk job's worth ({@value SalesforceClient#MAX_BULK_JOB_RECORDS}) in a sync of at least the bulk
   * threshold's records, so a page of QuickBooks records and the pages after it go into one job instead of
   * a collection per 200; otherwise what one write takes in collections ({@link #perWriteInCollections}). The
   * sync checkpoints after each such slice, so a retried attempt sends the slice's writes again: its upserts on
   * the key find the records the first made.
   */
  @Override
  public int recordsPerWrite(SyncRun run, Integer total) {
    int threshold = options.salesforceBulkThreshold();
    return threshold > 0 && total != null && total >= threshold ? SalesforceClient.MAX_BULK_JOB_RECORDS
        : perWriteInCollections(run.mapping);
  }

  /**
   * Records one write takes when it goes in collections: a collection's worth; for records with lines, a
   * QuickBooks query page's worth, so the lines of many records fill their collections instead of every 200
   * records' lines ending in a partly filled one.
   */
  private static int perWriteInCollections(ObjectMapping mapping) {
    return mapping.lines() != null ? QuickBooksClient.MAX_PAGE_SIZE : SalesforceClient.MAX_COLLECTION_SIZE;
  }

  /**
   * Records per call of a write handed {@code handed} records: a bulk job's worth when the sync hands more than
   * a write in collections takes, which it does only at or above the bulk threshold ({@link #recordsPerWrite}).
   */
  private static int perCall(ObjectMapping mapping, int handed) {
    return handed > perWriteInCollections(mapping) ? SalesforceClient.MAX_BULK_JOB_RECORDS
        : SalesforceClient.MAX_COLLECTION_SIZE;
  }

  /** Upserts on the key need no current version. */
  @Override
  public boolean updatesNeedCurrentVersion() {
    return false;
  }

  @Override
  public Map<String, ObjectNode> current(SyncRun run, Collection<String> ids) {
    Set<String> select = new LinkedHashSet<>(List.of("Id", "SystemModstamp", run.mapping.externalIdField()));
    run.mapping.fields(run.direction).forEach(f -> select.add(f.salesforce()));
    if (run.mapping.container() != null) {
      select.add(run.mapping.container().keyThroughLookup());
    }
    Map<String, ObjectNode> current = new HashMap<>();
    List<ObjectNode> records = in(run.mapping.salesforceObject(), String.join(", ", select), "Id", ids, null);
    records.forEach(record -> current.put(record.get("Id").asText(), record));
    List<String> found = List.copyOf(current.keySet());
    lines(run.mapping, found).forEach((id, held) -> current.get(id).putArray(CURRENT_LINES).addAll(held));
    prices(run.mapping, found).forEach((id, price) -> current.get(id).set(CURRENT_PRICE_ENTRY, price.entry()));
    return current;
  }

  @Override
  public Instant lastChanged(ObjectNode current) {
    return Times.modstamp(current);
  }

  /**
   * Changed later than the link's version, or, within it (the second Salesforce answered the sync's
   * last write in), no longer holding what that write gave it.
   */
  @Override
  public boolean changedSince(SyncRun run, RecordLink link, ObjectNode current) {
    Instant modstamp = Times.modstamp(current);
    if (modstamp == null || link.salesforceModstamp() == null) {
      return false;
    }
    if (modstamp.isAfter(link.salesforceModstamp())) {
      return true;
    }
    List<JsonNode> lines = new ArrayList<>();
    current.path(CURRENT_LINES).forEach(lines::add);
    JsonNode price = current.path(CURRENT_PRICE_ENTRY).get("UnitPrice");
    return link.lastDirection() == SyncDirection.QBO_TO_SALESFORCE && !holdsLastWrite(run, run.mapping, link, current, lines,
        price == null || price.isNull() ? null : price.decimalValue());
  }

  /** An upsert on the key makes a deleted record again. */
  @Override
  public String gone(SyncRun run, Pending pending) {
    return null;
  }

  @Override
  public String missingParent(SyncRun run, ObjectMapping parentMapping, String sourceId) {
    return "no " + parentMapping.salesforceObject() + " with " + parentMapping.externalIdField() + " "
        + parentMapping.key(run.realmId, sourceId);
  }

  @Override
  public boolean canMatchOn(Matching.Pair pair) {
    return true;
  }

  /** Records without a key are the ones no sync has linked. */
  @Override
  public Map<String, List<ObjectNode>> unlinkedByValue(SyncRun run, Matching.Pair pair, List<String> values) {
    Map<String, List<ObjectNode>> found = new HashMap<>();
    for (ObjectNode record : in(run.mapping.salesforceObject(), "Id, " + pair.salesforce(), pair.salesforce(), values,
        run.mapping.externalIdField() + " = null")) {
      found.computeIfAbsent(record.path(pair.salesforce()).asText("").toLowerCase(Locale.ROOT), v -> new ArrayList<>())
          .add(record);
    }
    return found;
  }

  /** Salesforce derives nothing the sync gives back to QuickBooks. */
  @Override
  public ObjectNode derived(SyncRun run, ObjectNode written) {
    return NODES.objectNode();
  }

  /**
   * Headers upserted on the key (records matched to an unkeyed record updated by id, which sets the
   * key), then lines and standard prices, then the links saved with the end of the second Salesforce
   * last answered in: no record the write made can have a later SystemModstamp, so the opposite
   * direction recognises the write as its own without the sync reading the records back.
   */
  @Override
  public void write(SyncRun run, List<Pending> batch, Outcomes outcomes) {
    Answers answers = new Answers();
    int perCall = perCall(run.mapping, batch.size());
    List<Pending> written = writeHeaders(run, batch, perCall, outcomes, answers);
    written = writeLines(run, written, perCall, outcomes, answers);
    written = writePrices(run, written, outcomes, answers);
    String version = answers.bound() == null ? null : Times.soql(answers.bound());
    outcomes.written(written.stream().map(pending -> new Outcomes.Written(pending, version, null)).toList());
  }

  /**
   * The latest answer of a write's calls, and the version it bounds: the end of that answer's second, because
   * Salesforce's answer tells the time in whole seconds (and keeps SystemModstamps in whole seconds).
   */
  private static final class Answers {
    private Instant latest;

    List<SaveResult> saw(List<SaveResult> results) {
      results.forEach(result -> latest = Times.latest(latest, result.answeredAt()));
      return results;
    }

    Instant bound() {
      return latest == null ? null : latest.truncatedTo(ChronoUnit.SECONDS).plusMillis(999);
    }
  }

  private List<Pending> writeHeaders(SyncRun run, List<Pending> batch, int perCall, Outcomes outcomes, Answers answers) {
    ObjectMapping mapping = run.mapping;
    List<Pending> written = new ArrayList<>();
    Set<Pending> rekeyed = withEarlierKeys(run, batch);
    List<Pending> byId = batch.stream().filter(p -> p.matched || rekeyed.contains(p)).toList();
    List<SaveResult> updates = answers.saw(write(byId, chunk -> client.updateAll(mapping.salesforceObject(),
        chunk.stream().map(p -> p.mapped.body().deepCopy().put("Id", p.targetId)).toList())));
    for (int i = 0; i < byId.size(); i++) {
      headerWritten(run, byId.get(i), updates.get(i), written, outcomes);
    }
    List<Pending> upserts = inContainers(run, batch.stream().filter(p -> !p.matched && !rekeyed.contains(p)).toList(),
        perCall, outcomes, answers);
    for (int from = 0; from < upserts.size(); from += perCall) {
      List<Pending> chunk = upserts.subList(from, Math.min(upserts.size(), from + perCall));
      List<SaveResult> results = answers.saw(write(chunk, some -> upsert(run, mapping.salesforceObject(),
          mapping.externalIdField(), some.stream().map(p -> p.mapped.body()).toList())));
      for (int i = 0; i < chunk.size(); i++) {
        headerWritten(run, chunk.get(i), results.get(i), written, outcomes);
      }
      run.heartbeat.run();
    }
    if (!written.isEmpty()) {
      outcomes.started(written);
    }
    return written;
  }

  /**
   * The records to upsert, each to create in its container: the containers are upserted on their own keys first and
   * the records look them up; a record whose container is refused is failed (or deferred, when a parent of the
   * container is not in Salesforce yet) and left out. A record already in Salesforce under its key (an earlier
   * attempt made it and was cut off before its link was kept) keeps the container it was made in: the lookup to
   * it cannot change, and that attempt made the container under the same key.
   */
  private List<Pending> inContainers(SyncRun run, List<Pending> upserts, int perCall, Outcomes outcomes, Answers answers) {
    ContainerMapping container = run.mapping.container();
    List<Pending> toContain = upserts.stream().filter(p -> p.mapped.container() != null).toList();
    if (toContain.isEmpty()) {
      return upserts;
    }
    String keyField = run.mapping.externalIdField();
    Set<String> made = new HashSet<>();
    in(run.mapping.salesforceObject(), "Id, " + keyField, keyField,
        toContain.stream().map(p -> p.mapped.body().path(keyField).asText()).toList(), null)
        .forEach(found -> made.add(found.path(keyField).asText().toLowerCase(Locale.ROOT)));
    List<Pending> contained = toContain.stream()
        .filter(p -> !made.contains(p.mapped.body().path(keyField).asText().toLowerCase(Locale.ROOT))).toList();
    Set<Pending> refused = new HashSet<>();
    for (int from = 0; from < contained.size(); from += perCall) {
      List<Pending> chunk = contained.subList(from, Math.min(contained.size(), from + perCall));
      List<SaveResult> results = answers.saw(write(chunk, some -> upsert(run, container.salesforceObject(),
          container.externalIdField(), some.stream().map(p -> p.mapped.container()).toList())));
      for (int i = 0; i < chunk.size(); i++) {
        Pending pending = chunk.get(i);
        SaveResult result = results.get(i);
        if (result.success()) {
          pending.mapped.body().put(container.field(), result.id());
          continue;
        }
        refused.add(pending);
        refused(pending, result, "the " + container.salesforceObject() + " made for it (" + container.externalIdField()
            + "=" + pending.mapped.container().path(container.externalIdField()).asText() + ")", outcomes);
      }
      run.heartbeat.run();
    }
    return upserts.stream().filter(p -> !refused.contains(p)).toList();
  }

  /**
   * Upserts on the key: more than a collection's worth in one Bulk API 2.0 ingest job (handed over only in
   * a sync at or above the bulk threshold, see {@link #perCall}), heartbeating while Salesforce processes it;
   * fewer in one collection, since a job costs at least five calls.
   */
  private List<SaveResult> upsert(SyncRun run, String sObject, String externalIdField, List<ObjectNode> bodies) {
    List<SaveResult> results;
    if (bodies.size() > SalesforceClient.MAX_COLLECTION_SIZE) {
      log.info("{}: upserting {} {} in one bulk job", run, bodies.size(), sObject);
      results = client.upsertInBulk(sObject, externalIdField, bodies, run.heartbeat, run.tally.bulkJobs::add);
    } else {
      results = client.upsertAll(sObject, externalIdField, bodies);
    }
    return createdByEarlierAttempts(run, sObject, externalIdField, bodies, results);
  }

  /**
   * The results, where a record an earlier attempt's bulk job created (cut off while Salesforce processed it, so
   * its links were never saved) is upserted again: created, as that job answers, not the "updated" of this write.
   */
  private List<SaveResult> createdByEarlierAttempts(SyncRun run, String sObject, String externalIdField,
      List<ObjectNode> bodies, List<SaveResult> results) {
    if (run.tally.earlierBulkJobs.isEmpty()) {
      return results;
    }
    if (run.createdByEarlierBulkJobs == null) {
      run.createdByEarlierBulkJobs = new ArrayList<>();
      for (String job : run.tally.earlierBulkJobs) {
        try {
          run.createdByEarlierBulkJobs.add(client.createdInBulk(job, run.heartbeat));
        } catch (RuntimeException unknown) {
          // Only the counts are at stake: the records themselves are upserted again either way.
          log.warn("{}: bulk job {} of an earlier attempt did not say what it created ({}); its records count as this"
              + " attempt's writes found them", run, job, unknown.getMessage());
        }
      }
    }
    List<SaveResult> counted = new ArrayList<>(results);
    for (int i = 0; i < counted.size(); i++) {
      SaveResult result = counted.get(i);
      String key = bodies.get(i).path(externalIdField).asText();
      if (result.success() && !result.created()
          && run.createdByEarlierBulkJobs.stream().anyMatch(job -> job.created(sObject, key))) {
        counted.set(i, new SaveResult(result.id(), true, true, result.errors(), result.answeredAt()));
      }
    }
    return counted;
  }

  /**
   * Linked records still carrying the key from before their mapping's keys named the entity: written
   * by id, which gives them the new key (an upsert on it would not find them and make a second record).
   */
  private Set<Pending> withEarlierKeys(SyncRun run, List<Pending> batch) {
    ObjectMapping mapping = run.mapping;
    Map<String, Pending> linked = new HashMap<>();
    batch.stream().filter(p -> !p.matched && p.link != null && p.targetId != null).forEach(p -> linked.put(p.targetId, p));
    if (!mapping.keyNamesEntity() || linked.isEmpty()) {
      return Set.of();
    }
    Set<Pending> rekeyed = new HashSet<>();
    String field = mapping.externalIdField();
    for (ObjectNode found : in(mapping.salesforceObject(), "Id, " + field, "Id", linked.keySet(), null)) {
      Pending pending = linked.get(found.get("Id").asText());
      if (mapping.earlierKey(run.realmId, pending.id()).filter(found.path(field).asText("")::equals).isPresent()) {
        rekeyed.add(pending);
      }
    }
    return rekeyed;
  }

  private void headerWritten(SyncRun run, Pending pending, SaveResult result, List<Pending> written, Outcomes outcomes) {
    if (result.success()) {
      pending.written(result.id() != null ? result.id() : pending.targetId, result.created(), run.writer);
      written.add(pending);
      return;
    }
    refused(pending, result, run.mapping.salesforceObject() + " " + run.mapping.externalIdField() + "="
        + pending.mapped.body().path(run.mapping.externalIdField()).asText(), outcomes);
  }

  /**
   * A record whose write Salesforce refused: deferred when a parent it names by external id is not in Salesforce
   * yet, else failed with Salesforce's reasons.
   *
   * @param what the refused record, for the message, e.g. {@code Account QBO_Id__c=...}
   */
  private static void refused(Pending pending, SaveResult result, String what, Outcomes outcomes) {
    SalesforceError first = firstError(result);
    if (first != null && first.message() != null && first.message().startsWith("Foreign key external ID")) {
      outcomes.deferred(pending.id(), first.message());
      return;
    }
    Refusal refusal = refusal(result);
    outcomes.failed(pending.id(), refusal.type(), refusal.remoteCode(), "Salesforce rejected " + what + ": "
        + refusal.reasons());
  }

  /**
   * Lines upserted on their own key under the header; lines the source no longer has are removed. A header keeping
   * lines of its own (its mapped lines null: a Quote made in Salesforce) gets none of the source's, and keeps its own.
   */
  private List<Pending> writeLines(SyncRun run, List<Pending> written, int perCall, Outcomes outcomes, Answers answers) {
    ObjectMapping mapping = run.mapping;
    LineMapping lineMapping = mapping.lines();
    if (lineMapping == null || lineMapping.externalIdField() == null || written.isEmpty()) {
      return written;
    }
    String lineObject = lineMapping.salesforceObject();
    String lineExt = lineMapping.externalIdField();
    String parentField = lineMapping.parentField();
    List<Pending> withLines = written.stream().filter(p -> p.mapped.lines() != null).toList();
    List<ObjectNode> lines = new ArrayList<>();
    List<Pending> owners = new ArrayList<>();
    for (Pending pending : withLines) {
      for (ObjectNode line : pending.mapped.lines()) {
        ObjectNode withParent = line.deepCopy();
        withParent.put(parentField, pending.targetId);
        lines.add(withParent);
        owners.add(pending);
      }
    }
    // A header this write made holds no lines yet: only the others' are read (those read for the conflict check were
    // read with it), to remove the lines the source no longer has.
    Map<String, Pending> byTargetId = new HashMap<>();
    withLines.stream().filter(p -> !madeByThisWrite(p)).forEach(p -> byTargetId.put(p.targetId, p));
    List<JsonNode> existingLines = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    for (Pending pending : byTargetId.values()) {
      if (pending.current != null) {
        pending.current.path(CURRENT_LINES).forEach(existingLines::add);
      } else {
        unread.add(pending.targetId);
      }
    }
    Set<String> existingFields = new LinkedHashSet<>(List.of("Id", parentField, lineExt));
    lineMapping.productField().filter(product -> lineMapping.priceBookEntryField() != null).ifPresent(existingFields::add);
    existingLines.addAll(in(lineObject, String.join(", ", existingFields), parentField, unread, null));
    Set<String> expected = lines.stream().map(l -> l.path(lineExt).asText().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Map<Pending, List<String>> failures = new LinkedHashMap<>();
    if (lineMapping.priceBookEntryField() != null) {
      List<Integer> kept = throughPriceBook(run, lines, owners, existingLines, failures, answers);
      lines = kept.stream().map(lines::get).toList();
      owners = kept.stream().map(owners::get).toList();
    }
    List<SaveResult> results = new ArrayList<>();
    for (int from = 0; from < lines.size(); from += perCall) {
      List<ObjectNode> chunk = lines.subList(from, Math.min(lines.size(), from + perCall));
      results.addAll(answers.saw(upsert(run, lineObject, lineExt, chunk)));
      run.heartbeat.run();
    }
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).success()) {
        failures.computeIfAbsent(owners.get(i), p -> new ArrayList<>()).add(lines.get(i).path(lineExt).asText() + ": "
            + reasons(results.get(i)));
      }
    }
    // Lines the source no longer has: they are part of the record's content, not records of their own.
    List<String> gone = new ArrayList<>();
    List<Pending> goneOwners = new ArrayList<>();
    for (JsonNode existing : existingLines) {
      String ext = existing.path(lineExt).asText("").toLowerCase(Locale.ROOT);
      Pending owner = byTargetId.get(existing.path(parentField).asText());
      if (!expected.contains(ext) && owner != null && !failures.containsKey(owner)) {
        gone.add(existing.get("Id").asText());
        goneOwners.add(owner);
      }
    }
    deleteLines(gone, goneOwners, failures, answers);
    List<Pending> complete = new ArrayList<>();
    for (Pending pending : written) {
      List<String> problems = failures.get(pending);
      if (problems == null) {
        complete.add(pending);
      } else {
        outcomes.failed(pending.id(), FailureType.VALIDATION, null,
            "the " + mapping.salesforceObject() + " was written but " + problems.size() + " of its " + lineObject
                + " records were rejected: " + String.join(" | ", problems));
      }
    }
    return complete;
  }

  /** Deletes line records, a refusal (but for one deleted already) a failure of the header owning the line. */
  private void deleteLines(List<String> ids, List<Pending> owners, Map<Pending, List<String>> failures, Answers answers) {
    List<SaveResult> deletes = answers.saw(write(ids, client::deleteAll));
    for (int i = 0; i < deletes.size(); i++) {
      SaveResult deleted = deletes.get(i);
      SalesforceError first = firstError(deleted);
      boolean alreadyGone = first != null && "ENTITY_IS_DELETED".equals(first.code());
      if (!deleted.success() && !alreadyGone) {
        failures.computeIfAbsent(owners.get(i), p -> new ArrayList<>()).add("removing " + ids.get(i) + ": "
            + reasons(deleted));
      }
    }
  }

  /**
   * Lines that name their product through its entry in the standard price book (a QuoteLineItem's PricebookEntryId,
   * set when the line is made and never changed), made ready to upsert: a new line gets its product's entry in place
   * of the product; a line already there keeps its entry, so its update leaves the product out; a line whose product
   * changed is deleted here, to be made again with the new one. A product without an active standard price fails the
   * header, saying so.
   *
   * @return the indexes of the lines to upsert
   */
  private List<Integer> throughPriceBook(SyncRun run, List<ObjectNode> lines, List<Pending> owners,
      List<JsonNode> existingLines, Map<Pending, List<String>> failures, Answers answers) {
    LineMapping lineMapping = run.mapping.lines();
    String productField = lineMapping.productField().orElseThrow();
    String lineExt = lineMapping.externalIdField();
    Map<String, JsonNode> existingByKey = new HashMap<>();
    existingLines.forEach(line -> existingByKey.put(line.path(lineExt).asText("").toLowerCase(Locale.ROOT), line));
    // A line already there with its product is updated without it; the lines still naming a product are to be made.
    List<String> remade = new ArrayList<>();
    List<Pending> remadeOwners = new ArrayList<>();
    Set<String> products = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode line = lines.get(i);
      JsonNode there = existingByKey.get(line.path(lineExt).asText().toLowerCase(Locale.ROOT));
      if (there != null && there.path(productField).asText("").equals(line.path(productField).asText())) {
        line.remove(productField);
        continue;
      }
      if (there != null) {
        remade.add(there.get("Id").asText());
        remadeOwners.add(owners.get(i));
      }
      products.add(line.path(productField).asText());
    }
    Map<String, String> entries = new HashMap<>();
    for (ObjectNode entry : in("PricebookEntry", "Id, Product2Id", "Product2Id", products,
        standardPrices() + " AND IsActive = true")) {
      entries.put(entry.get("Product2Id").asText(), entry.get("Id").asText());
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode line = lines.get(i);
      if (!line.has(productField)) {
        kept.add(i);
        continue;
      }
      String product = line.path(productField).asText();
      String entry = entries.get(product);
      if (entry == null) {
        failures.computeIfAbsent(owners.get(i), p -> new ArrayList<>()).add(line.path(lineExt).asText()
            + ": its product " + product + " has no active price in the standard price book, which a "
            + lineMapping.salesforceObject() + " needs; give the product a standard price (one synced from QuickBooks"
            + " gets its item's), then retry");
        continue;
      }
      line.remove(productField);
      line.put(lineMapping.priceBookEntryField(), entry);
      kept.add(i);
    }
    deleteLines(remade, remadeOwners, failures, answers);
    return kept;
  }

  /**
   * Whether this write made the record: created, and never linked before (a record linked before may have been
   * made by an earlier attempt, which wrote lines the source may since have dropped).
   */
  private static boolean madeByThisWrite(Pending pending) {
    return pending.created && pending.link == null;
  }

  /** The standard price book entry of each product carries the source's price. */
  private List<Pending> writePrices(SyncRun run, List<Pending> written, Outcomes outcomes, Answers answers) {
    List<Pending> priced = written.stream().filter(p -> p.mapped.price() != null).toList();
    if (run.mapping.standardPrice() == null || priced.isEmpty()) {
      return written;
    }
    String pricebookId = standardPricebookId();
    Map<String, ObjectNode> entries = new HashMap<>();
    // A product this write made has no price book entry yet, and one read for the conflict check has it with it:
    // only the others' are looked up.
    List<String> unknown = new ArrayList<>();
    for (Pending pending : priced) {
      if (pending.current != null) {
        JsonNode entry = pending.current.get(CURRENT_PRICE_ENTRY);
        if (entry != null) {
          entries.put(pending.targetId, (ObjectNode) entry);
        }
      } else if (!madeByThisWrite(pending)) {
        unknown.add(pending.targetId);
      }
    }
    prices(run.mapping, unknown).forEach((productId, price) -> entries.put(productId, price.entry()));
    List<Pending> toCreate = new ArrayList<>();
    List<ObjectNode> creates = new ArrayList<>();
    List<Pending> toUpdate = new ArrayList<>();
    List<ObjectNode> updates = new ArrayList<>();
    for (Pending pending : priced) {
      BigDecimal price = pending.mapped.price();
      ObjectNode entry = entries.get(pending.targetId);
      ObjectNode fields = NODES.objectNode();
      if (entry == null) {
        fields.put("Pricebook2Id", pricebookId);
        fields.put("Product2Id", pending.targetId);
        fields.put("UnitPrice", price);
        fields.put("IsActive", true);
        toCreate.add(pending);
        creates.add(fields);
      } else if (entry.get("UnitPrice") == null || entry.get("UnitPrice").decimalValue().compareTo(price) != 0
          || !entry.path("IsActive").asBoolean(false)) {
        fields.put("Id", entry.get("Id").asText());
        fields.put("UnitPrice", price);
        fields.put("IsActive", true);
        toUpdate.add(pending);
        updates.add(fields);
      }
    }
    List<Pending> complete = new ArrayList<>(written);
    priceRejections(toCreate, answers.saw(write(creates, c -> client.createAll("PricebookEntry", c))), complete, outcomes);
    priceRejections(toUpdate, answers.saw(write(updates, c -> client.updateAll("PricebookEntry", c))), complete, outcomes);
    return complete;
  }

  private static void priceRejections(List<Pending> pendings, List<SaveResult> results, List<Pending> complete,
      Outcomes outcomes) {
    for (int i = 0; i < pendings.size(); i++) {
      if (!results.get(i).success()) {
        complete.remove(pendings.get(i));
        Refusal refusal = refusal(results.get(i));
        outcomes.failed(pendings.get(i).id(), refusal.type(), refusal.remoteCode(),
            "the Product2 was written but its standard price was not: " + refusal.reasons());
      }
    }
  }

  /** The mapping's delete values, where it has them. */
  @Override
  public DeleteEffect onSourceDeleted(ObjectMapping mapping) {
    return mapping.onDelete().isEmpty() ? null : new DeleteEffect("marked " + new TreeMap<>(mapping.onDelete()), true);
  }

  /** The records get the mapping's delete values. */
  @Override
  public List<Refusal> markDeleted(SyncRun run, List<RecordLink> links) {
    List<ObjectNode> updates = links.stream().map(link -> {
      ObjectNode fields = NODES.objectNode().put("Id", link.salesforceId());
      run.mapping.onDelete().forEach(fields::put);
      return fields;
    }).toList();
    return write(updates, c -> client.updateAll(run.mapping.salesforceObject(), c)).stream()
        .map(result -> result.success() ? null : refusal(result))
        .toList();
  }

  /** Why Salesforce refused a record: the type its first error code tells, that code, and every error. */
  static Refusal refusal(SaveResult rejected) {
    SalesforceError first = firstError(rejected);
    return new Refusal(RemoteFailures.recordFailureType(first), first == null ? null : first.code(), reasons(rejected));
  }

  private static String reasons(SaveResult result) {
    return result.errors().isEmpty() ? "no reason given"
        : result.errors().stream().map(SalesforceError::toString).collect(Collectors.joining("; "));
  }

  private String standardPrices() {
    return "Pricebook2Id = " + SalesforceClient.quote(standardPricebookId());
  }

  /** The records of {@link SalesforceClient#inQueries}, all pages of each. */
  List<ObjectNode> in(String type, String select, String field, Collection<String> values, String condition) {
    return in(type, select, field, values, condition, client::queryAll);
  }

  /** As {@link #in(String, String, String, Collection, String)}, each query sent by {@code query}. */
  private static List<ObjectNode> in(String type, String select, String field, Collection<String> values, String condition,
      Function<String, List<ObjectNode>> query) {
    List<ObjectNode> records = new ArrayList<>();
    for (String soql : SalesforceClient.inQueries(type, select, field, values, condition)) {
      records.addAll(query.apply(soql));
    }
    return records;
  }

  /**
   * Writes records with {@code write} (a collection call per 200) and once more those Salesforce
   * turned away for a passing reason, such as a locked row; a whole request that fails throws.
   *
   * @return one result per record, in input order
   */
  <T> List<SaveResult> write(List<T> records, Function<List<T>, List<SaveResult>> write) {
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

  /** Whether a record holds the given values (numbers compared as numbers). */
  static boolean holds(ObjectNode record, ObjectNode written) {
    var fields = written.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.getValue().isValueNode() && !sameValue(field.getValue(), record.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Two field values alike as Salesforce stores them: absent, null and "" are one; numbers by value. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    String left = Side.text(a);
    String right = Side.text(b);
    if (left == null || right == null) {
      return left == null && right == null;
    }
    if ((a.isNumber() || b.isNumber()) && left.matches("-?[0-9.]+") && right.matches("-?[0-9.]+")) {
      return new BigDecimal(left).compareTo(new BigDecimal(right)) == 0;
    }
    return left.equals(right);
  }

  static SalesforceError firstError(SaveResult result) {
    return result.errors().isEmpty() ? null : result.errors().get(0);
  }

  /** The id of the org's standard price book, read once. */
  String standardPricebookId() {
    String id = standardPricebookId.get();
    if (id == null) {
      List<ObjectNode> books = client.queryAll("SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1");
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

  /** The id of an active record type of an object, read once; a mapping naming one the org lacks cannot create. */
  String recordTypeId(String sObject, String developerName) {
    return recordTypeIds.computeIfAbsent(sObject + "/" + developerName, key -> client.activeRecordTypeId(sObject, developerName)
        .orElseThrow(() -> RemoteFailures.failure(FailureType.CONFIGURATION, "the Salesforce org has no active " + sObject
            + " record type named " + developerName + ", which the " + sObject + " mapping's recordType names; make it"
            + " (Setup, Object Manager, " + sObject + ", Record Types) or fix the mapping")));
  }

  /**
   * The changes after the position: from its lower bound on ({@code >=}), and where records of that very
   * instant are done, past the last of them in the query's order {@code SystemModstamp, Id}. A keyset
   * rather than an OFFSET, which Salesforce caps at 2,000: however many records share an instant, a
   * retried attempt starts right after its checkpoint.
   */
  private static String changedSince(String condition, SyncProgress position, Instant upper) {
    List<String> done = position.doneAtLower();
    if (position.lower() == null || done.isEmpty()) {
      return modstampRange(condition, position.lower(), upper);
    }
    String lower = Times.soql(Times.salesforce(position.lower()));
    return within(condition, "(SystemModstamp > " + lower + " OR (SystemModstamp = " + lower + " AND Id > "
        + SalesforceClient.quote(done.get(done.size() - 1)) + "))", upper);
  }

  /** {@code (<condition>) AND SystemModstamp >= <lower> AND SystemModstamp <= <upper>}, leaving out what is absent. */
  private static String modstampRange(String condition, String lower, Instant upper) {
    return within(condition, lower == null ? null : "SystemModstamp >= " + Times.soql(Times.salesforce(lower)), upper);
  }

  private static String within(String condition, String lowerBound, Instant upper) {
    List<String> conditions = new ArrayList<>();
    if (condition != null) {
      conditions.add("(" + condition + ")");
    }
    if (lowerBound != null) {
      conditions.add(lowerBound);
    }
    if (upper != null) {
      conditions.add("SystemModstamp <= " + Times.soql(upper));
    }
    return String.join(" AND ", conditions);
  }
}
