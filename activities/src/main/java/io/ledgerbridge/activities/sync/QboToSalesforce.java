package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceError;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuickBooks records into Salesforce, a batch at a time: parents resolved (or the record deferred),
 * echoes and unchanged content skipped, conflicts decided, headers upserted on the external id,
 * then lines and standard prices, then the links saved with Salesforce's new SystemModstamp so the
 * opposite direction recognises the write as its own.
 */
final class QboToSalesforce implements Parents.Lookup {
  private static final Logger log = LoggerFactory.getLogger(QboToSalesforce.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SyncEngine engine;
  private final SyncRun run;
  private final ObjectMapping mapping;

  QboToSalesforce(SyncEngine engine, SyncRun run) {
    this.engine = engine;
    this.run = run;
    this.mapping = run.mapping;
  }

  /** A record on its way to Salesforce. */
  private static final class Pending {
    final String id;
    final ObjectNode record;
    final ObjectMapping.ToSalesforce mapped;
    final RecordLink link;
    String salesforceId;
    boolean created;
    boolean matched;

    Pending(String id, ObjectNode record, ObjectMapping.ToSalesforce mapped, RecordLink link) {
      this.id = id;
      this.record = record;
      this.mapped = mapped;
      this.link = link;
    }

    /** The external id: {@link ObjectMapping#toSalesforce} puts it first. */
    String externalId() {
      return mapped.fields().elements().next().asText();
    }
  }

  void process(List<ObjectNode> read) {
    List<ObjectNode> records = read;
    List<String> ids = records.stream().map(QboToSalesforce::id).toList();
    Map<String, RecordLink> linked = engine.stores.links().findAll(run.realmId, run.object, mapping.salesforceObject(), ids);
    Map<String, RecordLink> known = linked;
    List<String> unlinked = ids.stream().filter(id -> !linked.containsKey(id)).toList();
    if (!unlinked.isEmpty() && engine.finishCreatesInFlight(run)) {
      known = engine.stores.links().findAll(run.realmId, run.object, mapping.salesforceObject(), ids);
      // Finishing may have written the unlinked records (the cut-off creates) since they were read: read them again.
      Map<String, ObjectNode> now = engine.quickBooks.readByIds(run, unlinked);
      records = read.stream().map(record -> now.getOrDefault(id(record), record)).toList();
    }
    Map<SyncObject, Set<String>> wanted = new LinkedHashMap<>();
    for (ObjectNode record : records) {
      mapping.qboParents(record).forEach((object, parentIds) -> wanted.computeIfAbsent(object, o -> new LinkedHashSet<>()).addAll(parentIds));
    }
    Parents parents = new Parents(engine, run, wanted, this);

    List<Pending> candidates = new ArrayList<>();
    List<String> settled = new ArrayList<>();
    for (ObjectNode record : records) {
      String id = id(record);
      run.tally.read();
      List<String> missing = parents.missing(mapping.qboParents(record));
      if (!missing.isEmpty()) {
        engine.defer(run, id, String.join(", ", missing));
        continue;
      }
      ObjectMapping.ToSalesforce mapped =
          mapping.toSalesforce(run.realmId, record, parents::targetId);
      if (!mapped.problems().isEmpty()) {
        engine.fail(run, id, FailureType.VALIDATION, null,
            "cannot be written to " + mapping.salesforceObject() + ": " + String.join("; ", mapped.problems()));
        continue;
      }
      RecordLink link = known.get(id);
      String token = record.path("SyncToken").asText(null);
      if (link != null && link.writtenBy(run.writer) && link.contentHash().equals(mapped.hash())) {
        // An earlier attempt of this sync wrote it all: say what that write did, once.
        engine.doneByEarlierAttempt(run, id, link);
        settled.add(id);
        continue;
      }
      if (link != null && !link.writtenBy(run.writer)) {
        boolean sameVersion = Objects.equals(token, link.qboSyncToken());
        if (sameVersion && link.lastDirection() == SyncDirection.SALESFORCE_TO_QBO) {
          // The sync wrote this version from Salesforce: sending it back would be an echo.
          engine.unchanged(run, id, "written from Salesforce and not changed in QuickBooks since");
          settled.add(id);
          continue;
        }
        if (link.contentHash().equals(mapped.hash())) {
          if (!sameVersion) {
            engine.stores.links().save(relink(link, token));
          }
          engine.unchanged(run, id, "Salesforce already holds this content");
          settled.add(id);
          continue;
        }
      }
      candidates.add(new Pending(id, record, mapped, link));
    }
    engine.settled(run, settled);

    List<Pending> toWrite = decideConflicts(candidates);
    match(toWrite);
    linkOrigins(toWrite);
    List<Pending> written = writeHeaders(toWrite);
    written = writeLines(written);
    written = writePrices(written);
    saveLinks(written);
  }

  // ---- parents ----

  /** Linked here, or else (written by another installation, or before links were kept) found by external id. */
  @Override
  public Map<String, String> targetIds(SyncObject parent, ObjectMapping parentMapping, Set<String> qboIds) {
    Map<String, String> ids = new HashMap<>();
    engine.stores.links().findAll(run.realmId, parent, parentMapping.salesforceObject(), qboIds)
        .forEach((qboId, link) -> ids.put(qboId, link.salesforceId()));
    Set<String> unknown = new LinkedHashSet<>(qboIds);
    unknown.removeAll(ids.keySet());
    if (!unknown.isEmpty()) {
      String field = parentMapping.externalIdField();
      List<String> externalIds = unknown.stream().map(id -> ObjectMapping.externalId(run.realmId, id)).toList();
      for (ObjectNode found : engine.salesforce.in(parentMapping.salesforceObject(), "Id, " + field, field, externalIds, null)) {
        ObjectMapping.qboIdOf(run.realmId, found.path(field).asText(null))
            .ifPresent(qboId -> ids.put(qboId, found.get("Id").asText()));
      }
    }
    return ids;
  }

  @Override
  public String missing(ObjectMapping parentMapping, String qboId) {
    return "no " + parentMapping.salesforceObject() + " with " + parentMapping.externalIdField() + " "
        + ObjectMapping.externalId(run.realmId, qboId);
  }

  // ---- conflicts ----

  private List<Pending> decideConflicts(List<Pending> candidates) {
    List<Pending> linked = candidates.stream().filter(p -> p.link != null && !p.link.writtenBy(run.writer)).toList();
    Map<String, ObjectNode> current = new HashMap<>();
    if (!linked.isEmpty()) {
      Set<String> select = new LinkedHashSet<>(List.of("Id", "SystemModstamp"));
      mapping.fields(SyncDirection.QBO_TO_SALESFORCE).forEach(f -> select.add(f.salesforce()));
      for (ObjectNode record : engine.salesforce.in(mapping.salesforceObject(), String.join(", ", select), "Id",
          linked.stream().map(p -> p.link.salesforceId()).toList(), null)) {
        current.put(record.get("Id").asText(), record);
      }
    }
    List<Pending> toWrite = new ArrayList<>();
    for (Pending pending : candidates) {
      if (pending.link == null || pending.link.writtenBy(run.writer)) {
        // Nothing synced before, or this run's own unfinished write: not someone else's change.
        toWrite.add(pending);
        continue;
      }
      ObjectNode salesforceVersion = current.get(pending.link.salesforceId());
      boolean qboChanged = !Objects.equals(pending.record.path("SyncToken").asText(null), pending.link.qboSyncToken());
      Instant modstamp = salesforceVersion == null ? null : Times.modstamp(salesforceVersion);
      boolean salesforceChanged =
          modstamp != null && pending.link.salesforceModstamp() != null && modstamp.isAfter(pending.link.salesforceModstamp());
      if (!qboChanged || !salesforceChanged) {
        toWrite.add(pending);
        continue;
      }
      String lastUpdated = Times.qboLastUpdated(pending.record);
      ObjectNode ours = pending.mapped.fields().deepCopy();
      ours.remove(mapping.externalIdField());
      if (engine.writesOverConflict(run, pending.id, lastUpdated == null ? null : Times.qbo(lastUpdated), modstamp, ours,
          salesforceVersion)) {
        toWrite.add(pending);
      }
    }
    return toWrite;
  }

  // ---- matching ----

  /** Unlinked records that equal exactly one unlinked Salesforce record on a matching pair are linked to it. */
  private void match(List<Pending> toWrite) {
    Matching matching = mapping.matching();
    List<Pending> unlinked = toWrite.stream().filter(p -> p.link == null).toList();
    if (!matching.enabled() || unlinked.isEmpty()) {
      return;
    }
    String extField = mapping.externalIdField();
    Set<String> existing = new HashSet<>();
    for (ObjectNode found : engine.salesforce.in(mapping.salesforceObject(), "Id, " + extField, extField,
        unlinked.stream().map(Pending::externalId).toList(), null)) {
      existing.add(found.path(extField).asText().toLowerCase(Locale.ROOT));
    }
    List<Pending> open = new ArrayList<>(unlinked.stream()
        .filter(p -> !existing.contains(p.externalId().toLowerCase(Locale.ROOT))).toList());
    Set<String> taken = new HashSet<>();
    for (Matching.Pair pair : matching.pairs()) {
      Map<String, List<Pending>> byValue = new LinkedHashMap<>();
      for (Pending pending : open) {
        String value = FieldMappingText.of(pending.record, pair.qbo());
        if (value != null) {
          byValue.computeIfAbsent(value.toLowerCase(Locale.ROOT), v -> new ArrayList<>()).add(pending);
        }
      }
      if (byValue.isEmpty()) {
        continue;
      }
      List<String> values = byValue.values().stream().map(list -> FieldMappingText.of(list.get(0).record, pair.qbo())).toList();
      Map<String, List<String>> candidates = new HashMap<>();
      for (ObjectNode found : engine.salesforce.in(mapping.salesforceObject(), "Id, " + pair.salesforce(), pair.salesforce(),
          values, extField + " = null")) {
        String value = found.path(pair.salesforce()).asText("").toLowerCase(Locale.ROOT);
        candidates.computeIfAbsent(value, v -> new ArrayList<>()).add(found.get("Id").asText());
      }
      for (Map.Entry<String, List<Pending>> entry : byValue.entrySet()) {
        List<String> sfIds = candidates.getOrDefault(entry.getKey(), List.of());
        if (entry.getValue().size() == 1 && sfIds.size() == 1 && taken.add(sfIds.get(0))) {
          Pending pending = entry.getValue().get(0);
          pending.salesforceId = sfIds.get(0);
          pending.matched = true;
          log.info("Matched {} {} of company {} to {} {} by {}", run.object.displayName(), pending.id, run.realmId,
              mapping.salesforceObject(), pending.salesforceId, pair.salesforce());
        }
      }
      open.removeIf(p -> p.matched);
    }
  }

  /**
   * A record the opposite direction created from another Salesforce object (an invoice from a won
   * Opportunity) gets the mapping's origin lookup to that record.
   */
  private void linkOrigins(List<Pending> toWrite) {
    if (mapping.originField() == null || toWrite.isEmpty()) {
      return;
    }
    String originType = engine.mappings.find(run.object, SyncDirection.SALESFORCE_TO_QBO)
        .map(ObjectMapping::salesforceObject).orElse(null);
    if (originType == null || originType.equals(mapping.salesforceObject())) {
      return;
    }
    Map<String, RecordLink> origins =
        engine.stores.links().findAll(run.realmId, run.object, originType, toWrite.stream().map(p -> p.id).toList());
    for (Pending pending : toWrite) {
      RecordLink origin = origins.get(pending.id);
      if (origin != null) {
        pending.mapped.fields().put(mapping.originField(), origin.salesforceId());
      }
    }
  }

  // ---- writes ----

  private List<Pending> writeHeaders(List<Pending> toWrite) {
    List<Pending> written = new ArrayList<>();
    // Records matched to an unlinked Salesforce record update it by id, which also sets its external id.
    List<Pending> matched = toWrite.stream().filter(p -> p.matched).toList();
    List<SaveResult> updates = engine.salesforce.write(matched, chunk -> engine.salesforce.client.updateAll(
        mapping.salesforceObject(), chunk.stream().map(p -> p.mapped.fields().deepCopy().put("Id", p.salesforceId)).toList()));
    for (int i = 0; i < matched.size(); i++) {
      written(matched.get(i), updates.get(i), written);
    }
    List<Pending> upserts = toWrite.stream().filter(p -> !p.matched).toList();
    for (int from = 0; from < upserts.size(); from += SalesforceClient.MAX_COLLECTION_SIZE) {
      List<Pending> chunk = upserts.subList(from, Math.min(upserts.size(), from + SalesforceClient.MAX_COLLECTION_SIZE));
      List<SaveResult> results = engine.salesforce.write(chunk, some -> engine.salesforce.client.upsertAll(
          mapping.salesforceObject(), mapping.externalIdField(), some.stream().map(p -> p.mapped.fields()).toList()));
      for (int i = 0; i < chunk.size(); i++) {
        written(chunk.get(i), results.get(i), written);
      }
      run.heartbeat.run();
    }
    saveUnfinishedLinks(written);
    return written;
  }

  /**
   * Links for the records whose header is written but whose sync is not finished (lines, prices,
   * read-back): if this attempt dies now, the next one knows the write was its own, and whether
   * it created the record, instead of counting it "updated" or seeing a conflict.
   */
  private void saveUnfinishedLinks(List<Pending> written) {
    Instant now = engine.options.clock().instant();
    engine.stores.links().saveAll(written.stream()
        .map(p -> new RecordLink(run.realmId, run.object, p.id, mapping.salesforceObject(), p.salesforceId,
            p.link == null ? null : p.link.qboSyncToken(), RecordLink.UNFINISHED, null, SyncDirection.QBO_TO_SALESFORCE,
            now, run.writer, p.created))
        .toList());
  }

  private void written(Pending pending, SaveResult result, List<Pending> written) {
    if (!result.success()) {
      rejected(pending, result);
      return;
    }
    if (result.id() != null) {
      pending.salesforceId = result.id();
    }
    // An upsert repeated after an attempt that created the record answers "updated"; the link knows better.
    pending.created = result.created()
        || pending.link != null && pending.link.writtenBy(run.writer) && pending.link.createdByWrite();
    written.add(pending);
  }

  private void rejected(Pending pending, SaveResult result) {
    SalesforceError first = SalesforceSide.firstError(result);
    if (first != null && first.message() != null && first.message().startsWith("Foreign key external ID")) {
      engine.defer(run, pending.id, first.message());
      return;
    }
    engine.failWrite(run, pending.id, result, "Salesforce rejected " + mapping.salesforceObject() + " "
        + mapping.externalIdField() + "=" + pending.externalId());
  }

  /** Invoice lines: upserted on their own external id under the header; lines gone from QuickBooks are removed. */
  private List<Pending> writeLines(List<Pending> written) {
    if (mapping.lines() == null || mapping.lines().externalIdField() == null || written.isEmpty()) {
      return written;
    }
    String lineObject = mapping.lines().salesforceObject();
    String lineExt = mapping.lines().externalIdField();
    String parentField = mapping.lines().parentField();
    List<ObjectNode> lines = new ArrayList<>();
    List<Pending> owners = new ArrayList<>();
    for (Pending pending : written) {
      for (ObjectNode line : pending.mapped.lines()) {
        ObjectNode withParent = line.deepCopy();
        withParent.put(parentField, pending.salesforceId);
        lines.add(withParent);
        owners.add(pending);
      }
    }
    Map<Pending, List<String>> failures = new LinkedHashMap<>();
    List<SaveResult> results = lines.isEmpty() ? List.of() : engine.salesforce.client.upsertAll(lineObject, lineExt, lines);
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).success()) {
        failures.computeIfAbsent(owners.get(i), p -> new ArrayList<>()).add(lines.get(i).path(lineExt).asText() + ": "
            + results.get(i).errors().stream().map(SalesforceError::toString).collect(Collectors.joining("; ")));
      }
    }
    // Lines QuickBooks no longer has: they are part of the invoice's content, not records of their own.
    Set<String> expected = lines.stream().map(l -> l.path(lineExt).asText().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Map<String, Pending> bySalesforceId = new HashMap<>();
    written.forEach(p -> bySalesforceId.put(p.salesforceId, p));
    List<String> gone = new ArrayList<>();
    List<Pending> goneOwners = new ArrayList<>();
    for (ObjectNode existing : engine.salesforce.in(lineObject, "Id, " + parentField + ", " + lineExt, parentField,
        bySalesforceId.keySet(), null)) {
      String ext = existing.path(lineExt).asText("").toLowerCase(Locale.ROOT);
      Pending owner = bySalesforceId.get(existing.path(parentField).asText());
      if (!expected.contains(ext) && owner != null && !failures.containsKey(owner)) {
        gone.add(existing.get("Id").asText());
        goneOwners.add(owner);
      }
    }
    List<SaveResult> deletes = engine.salesforce.write(gone, engine.salesforce.client::deleteAll);
    for (int i = 0; i < deletes.size(); i++) {
      SaveResult deleted = deletes.get(i);
      SalesforceError first = SalesforceSide.firstError(deleted);
      boolean alreadyGone = first != null && "ENTITY_IS_DELETED".equals(first.code());
      if (!deleted.success() && !alreadyGone) {
        failures.computeIfAbsent(goneOwners.get(i), p -> new ArrayList<>()).add("removing " + gone.get(i) + ": "
            + deleted.errors().stream().map(SalesforceError::toString).collect(Collectors.joining("; ")));
      }
    }
    List<Pending> complete = new ArrayList<>();
    for (Pending pending : written) {
      List<String> problems = failures.get(pending);
      if (problems == null) {
        complete.add(pending);
      } else {
        engine.fail(run, pending.id, FailureType.VALIDATION, null,
            "the " + mapping.salesforceObject() + " was written but " + problems.size() + " of its " + lineObject
                + " records were rejected: " + String.join(" | ", problems));
      }
    }
    return complete;
  }

  /** The standard price book entry of each product carries the QuickBooks price. */
  private List<Pending> writePrices(List<Pending> written) {
    List<Pending> priced = written.stream().filter(p -> p.mapped.price() != null).toList();
    if (mapping.standardPrice() == null || priced.isEmpty()) {
      return written;
    }
    String pricebookId = engine.salesforce.standardPricebookId();
    Map<String, ObjectNode> entries = new HashMap<>();
    for (ObjectNode entry : engine.salesforce.in("PricebookEntry", "Id, Product2Id, UnitPrice, IsActive", "Product2Id",
        priced.stream().map(p -> p.salesforceId).toList(), "Pricebook2Id = " + SalesforceClient.quote(pricebookId))) {
      entries.put(entry.get("Product2Id").asText(), entry);
    }
    List<Pending> toCreate = new ArrayList<>();
    List<ObjectNode> creates = new ArrayList<>();
    List<Pending> toUpdate = new ArrayList<>();
    List<ObjectNode> updates = new ArrayList<>();
    for (Pending pending : priced) {
      BigDecimal price = pending.mapped.price();
      ObjectNode entry = entries.get(pending.salesforceId);
      ObjectNode fields = NODES.objectNode();
      if (entry == null) {
        fields.put("Pricebook2Id", pricebookId);
        fields.put("Product2Id", pending.salesforceId);
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
    priceRejections(toCreate, engine.salesforce.write(creates, c -> engine.salesforce.client.createAll("PricebookEntry", c)), complete);
    priceRejections(toUpdate, engine.salesforce.write(updates, c -> engine.salesforce.client.updateAll("PricebookEntry", c)), complete);
    return complete;
  }

  private void priceRejections(List<Pending> pendings, List<SaveResult> results, List<Pending> complete) {
    for (int i = 0; i < pendings.size(); i++) {
      if (!results.get(i).success()) {
        complete.remove(pendings.get(i));
        engine.failWrite(run, pendings.get(i).id, results.get(i), "the Product2 was written but its standard price was not");
      }
    }
  }

  /** Links with Salesforce's SystemModstamp after our write: a later change there is someone else's. */
  private void saveLinks(List<Pending> written) {
    if (written.isEmpty()) {
      return;
    }
    Map<String, Instant> modstamps = new HashMap<>();
    Map<String, Pending> bySalesforceId = new HashMap<>();
    Set<String> select = new LinkedHashSet<>(List.of("Id", "SystemModstamp"));
    for (Pending pending : written) {
      bySalesforceId.put(pending.salesforceId, pending);
      pending.mapped.fields().fields().forEachRemaining(f -> {
        if (f.getValue().isValueNode()) {
          select.add(f.getKey());
        }
      });
    }
    for (ObjectNode record : engine.salesforce.in(mapping.salesforceObject(), String.join(", ", select), "Id",
        bySalesforceId.keySet(), null)) {
      Pending pending = bySalesforceId.get(record.get("Id").asText());
      if (SalesforceSide.holds(record, pending.mapped.fields())) {
        modstamps.put(pending.salesforceId, Times.modstamp(record));
      } else {
        // Someone changed it since our write: its modstamp is theirs, and the next run must see their change.
        log.info("{} {} changed in Salesforce right after the sync wrote it; the opposite direction reads it again",
            mapping.salesforceObject(), pending.salesforceId);
        Instant before = pending.link == null ? null : pending.link.salesforceModstamp();
        modstamps.put(pending.salesforceId, before != null ? before : Instant.EPOCH);
      }
    }
    List<String> salesforceIds = List.copyOf(bySalesforceId.keySet());
    if (mapping.standardPrice() != null) {
      // The price written to the standard PricebookEntry is ours too: the opposite direction must not send it back.
      for (ObjectNode entry : engine.salesforce.in("PricebookEntry", "Product2Id, SystemModstamp", "Product2Id", salesforceIds,
          "Pricebook2Id = " + SalesforceClient.quote(engine.salesforce.standardPricebookId()))) {
        modstamps.merge(entry.get("Product2Id").asText(), Times.modstamp(entry), Times::latest);
      }
    }
    Instant now = engine.options.clock().instant();
    engine.stores.links().saveAll(written.stream()
        .map(pending -> new RecordLink(run.realmId, run.object, pending.id, mapping.salesforceObject(),
            pending.salesforceId, pending.record.path("SyncToken").asText(null), pending.mapped.hash(),
            modstamps.get(pending.salesforceId), SyncDirection.QBO_TO_SALESFORCE, now, run.writer, pending.created))
        .toList());
    List<String> synced = new ArrayList<>();
    for (Pending pending : written) {
      run.tally.outcome(pending.id, pending.created ? RecordOutcome.Kind.CREATED : RecordOutcome.Kind.UPDATED, null);
      synced.add(pending.id);
    }
    engine.settled(run, synced);
  }

  /** A QBO record deleted (a tombstone from change data capture): its Salesforce record gets the delete values. */
  void markDeleted(List<String> qboIds) {
    if (mapping.onDelete().isEmpty() || qboIds.isEmpty()) {
      return;
    }
    Map<String, RecordLink> links = engine.stores.links().findAll(run.realmId, run.object, mapping.salesforceObject(), qboIds);
    List<RecordLink> toMark = qboIds.stream().map(links::get)
        .filter(link -> link != null && !link.contentHash().equals(deletedHash())).toList();
    List<ObjectNode> updates = toMark.stream().map(link -> {
      ObjectNode fields = NODES.objectNode().put("Id", link.salesforceId());
      mapping.onDelete().forEach(fields::put);
      return fields;
    }).toList();
    List<SaveResult> results = engine.salesforce.write(updates, c -> engine.salesforce.client.updateAll(mapping.salesforceObject(), c));
    Instant now = engine.options.clock().instant();
    for (int i = 0; i < toMark.size(); i++) {
      RecordLink link = toMark.get(i);
      if (!results.get(i).success()) {
        engine.failWrite(run, link.qboId(), results.get(i), "deleted in QuickBooks, but marking its "
            + mapping.salesforceObject() + " failed");
        continue;
      }
      engine.stores.links().save(new RecordLink(link.companyId(), link.object(), link.qboId(), link.salesforceObject(),
          link.salesforceId(), link.qboSyncToken(), deletedHash(), link.salesforceModstamp(), SyncDirection.QBO_TO_SALESFORCE,
          now, run.writer, false));
      log.info("{} {} of company {} was deleted in QuickBooks; marked {} {}", run.object.displayName(), link.qboId(),
          run.realmId, mapping.salesforceObject(), mapping.onDelete());
      run.tally.outcome(link.qboId(), RecordOutcome.Kind.UPDATED, "deleted in QuickBooks");
    }
  }

  /** The content hash of a record marked deleted: it never equals a live record's. */
  static String deletedHash() {
    return "deleted";
  }

  private static RecordLink relink(RecordLink link, String token) {
    return new RecordLink(link.companyId(), link.object(), link.qboId(), link.salesforceObject(), link.salesforceId(), token,
        link.contentHash(), link.salesforceModstamp(), link.lastDirection(), link.syncedAt(), link.writer(),
        link.createdByWrite());
  }

  static String id(JsonNode record) {
    return record.path("Id").asText();
  }

  /** Text at a QBO path, for matching. */
  private static final class FieldMappingText {
    static String of(JsonNode record, String path) {
      JsonNode value = io.ledgerbridge.activities.mapping.Paths.first(record, path);
      if (value == null || value.isNull() || value.isContainerNode()) {
        return null;
      }
      String text = value.asText().strip();
      return text.isEmpty() ? null : text;
    }
  }
}
