package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.RemoteFailure;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksException;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salesforce records into QuickBooks, a batch at a time: records unchanged since the sync last saw
 * them skipped (that is also how the sync's own writes are recognised), parents resolved or the
 * record deferred, conflicts decided against QBO's SyncToken, then each record created with a
 * deterministic {@code requestid} or updated with the current SyncToken, its link saved at once,
 * and the new QBO key written back to the Salesforce record.
 */
final class SalesforceToQbo implements Parents.Lookup {
  private static final Logger log = LoggerFactory.getLogger(SalesforceToQbo.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String STALE_OBJECT = "5010";

  private final SyncEngine engine;
  private final SyncRun run;
  private final ObjectMapping mapping;
  private final String extField;

  SalesforceToQbo(SyncEngine engine, SyncRun run) {
    this.engine = engine;
    this.run = run;
    this.mapping = run.mapping;
    this.extField = run.mapping.externalIdField();
  }

  private static final class Pending {
    final String id;
    final ObjectNode record;
    /** When the record last changed in Salesforce: its SystemModstamp, or its standard price's if later. */
    final Instant modstamp;
    final RecordLink link;
    ObjectMapping.ToQbo mapped;
    String qboId;
    ObjectNode current;
    /** The QuickBooks record as the write left it. */
    ObjectNode saved;
    boolean matched;

    Pending(String id, ObjectNode record, Instant modstamp, RecordLink link, String qboId) {
      this.id = id;
      this.record = record;
      this.modstamp = modstamp;
      this.link = link;
      this.qboId = qboId;
    }
  }

  /**
   * What the sync writes back to a Salesforce record it synced: the key, and the fields only QuickBooks
   * derives ({@code derived}; null when this run did not write the QuickBooks record, so they are read).
   */
  private record WriteBack(RecordLink link, ObjectNode derived) {
    static WriteBack ofLink(RecordLink link) {
      return new WriteBack(link, null);
    }
  }

  void process(List<ObjectNode> records) {
    List<String> ids = records.stream().map(r -> r.path("Id").asText()).toList();
    Map<String, RecordLink> known =
        engine.stores.links().findBySalesforceIds(run.realmId, run.object, mapping.salesforceObject(), ids);
    Map<String, List<JsonNode>> lines = lines(ids);
    Map<String, StandardPrice> prices = prices(ids);
    Map<SyncObject, Set<String>> wanted = new LinkedHashMap<>();
    for (ObjectNode record : records) {
      mapping.salesforceParents(record, lines.getOrDefault(record.path("Id").asText(), List.of()))
          .forEach((object, parentIds) -> wanted.computeIfAbsent(object, o -> new LinkedHashSet<>()).addAll(parentIds));
    }
    Parents parents = new Parents(engine, run, wanted, this);

    List<Pending> candidates = new ArrayList<>();
    List<String> settled = new ArrayList<>();
    Map<String, WriteBack> writeBacks = new LinkedHashMap<>();
    for (ObjectNode record : records) {
      String id = record.path("Id").asText();
      run.tally.read();
      String ext = Side.text(record.get(extField));
      String extQboId = ObjectMapping.qboIdOf(run.realmId, ext).orElse(null);
      if (ext != null && extQboId == null) {
        engine.unchanged(run, id, "linked to another QuickBooks company (" + extField + " " + ext + ")");
        continue;
      }
      RecordLink link = known.get(id);
      StandardPrice price = prices.get(id);
      Instant modstamp = price == null ? Times.modstamp(record) : Times.latest(Times.modstamp(record), price.modstamp());
      // Links from before SystemModstamps were kept know only when the sync wrote.
      Instant lastSeen = link == null ? null
          : link.salesforceModstamp() != null ? link.salesforceModstamp() : link.syncedAt();
      if (lastSeen != null && modstamp != null && !modstamp.isAfter(lastSeen)) {
        // Unchanged since the sync last wrote or read it: for a record the sync wrote, this is the echo.
        engine.alreadyInTarget(run, id, link, "not changed in Salesforce since the last sync");
        settled.add(id);
        if (!Objects.equals(ext, ObjectMapping.externalId(run.realmId, link.qboId()))) {
          writeBacks.put(id, WriteBack.ofLink(link));
        }
        continue;
      }
      List<JsonNode> recordLines = lines.getOrDefault(id, List.of());
      List<String> missing = parents.missing(mapping.salesforceParents(record, recordLines));
      if (!missing.isEmpty()) {
        engine.defer(run, id, String.join(", ", missing));
        continue;
      }
      if (mapping.lines() != null && recordLines.isEmpty()) {
        engine.fail(run, id, FailureType.VALIDATION, null, mapping.salesforceObject() + " " + id + " has no "
            + mapping.lines().salesforceObject() + " records; a QuickBooks " + mapping.qboEntity() + " needs at least one line");
        continue;
      }
      String qboId = link != null ? link.qboId() : extQboId;
      ObjectMapping.ToQbo mapped = mapping.toQbo(record, recordLines, price == null ? null : price.unitPrice(),
          parents::targetId, qboId == null);
      if (!mapped.problems().isEmpty()) {
        engine.fail(run, id, FailureType.VALIDATION, null,
            "cannot be written to QuickBooks " + mapping.qboEntity() + ": " + String.join("; ", mapped.problems()));
        continue;
      }
      if (link != null && link.contentHash().equals(mapped.hash())) {
        RecordLink seen = link.withSalesforceModstamp(modstamp);
        engine.stores.links().save(seen);
        engine.alreadyInTarget(run, id, link, "QuickBooks already holds this content");
        settled.add(id);
        if (!Objects.equals(ext, ObjectMapping.externalId(run.realmId, link.qboId()))) {
          writeBacks.put(id, WriteBack.ofLink(seen));
        }
        continue;
      }
      Pending pending = new Pending(id, record, modstamp, link, qboId);
      pending.mapped = mapped;
      candidates.add(pending);
    }
    engine.settled(run, settled);

    List<Pending> toWrite = decideConflicts(candidates);
    match(toWrite);
    List<String> synced = new ArrayList<>();
    for (Pending pending : toWrite) {
      RecordLink saved = write(pending);
      if (saved != null) {
        synced.add(pending.id);
        ObjectNode derived = mapping.derivedFromQuickBooks(pending.saved);
        boolean keyed = Objects.equals(Side.text(pending.record.get(extField)), ObjectMapping.externalId(run.realmId, saved.qboId()));
        if (!keyed || !SalesforceSide.holds(pending.record, derived)) {
          writeBacks.put(pending.id, new WriteBack(saved, derived));
        }
      }
      run.heartbeat.run();
    }
    writeBack(writeBacks, records);
    engine.settled(run, synced);
  }

  // ---- reading ----

  /** The line records of each header, ordered by id (their creation order). */
  private Map<String, List<JsonNode>> lines(List<String> headerIds) {
    Map<String, List<JsonNode>> byHeader = new HashMap<>();
    if (mapping.lines() == null || headerIds.isEmpty()) {
      return byHeader;
    }
    String parentField = mapping.lines().parentField();
    List<ObjectNode> all = new ArrayList<>(engine.salesforce.in(mapping.lines().salesforceObject(),
        String.join(", ", mapping.salesforceLineFieldsRead()), parentField, headerIds, null));
    all.sort(Comparator.comparing(l -> l.path("Id").asText()));
    for (ObjectNode line : all) {
      byHeader.computeIfAbsent(line.path(parentField).asText(), h -> new ArrayList<>()).add(line);
    }
    return byHeader;
  }

  /** A product's standard price and when its PricebookEntry last changed. */
  private record StandardPrice(BigDecimal unitPrice, Instant modstamp) {}

  private Map<String, StandardPrice> prices(List<String> productIds) {
    Map<String, StandardPrice> prices = new HashMap<>();
    if (mapping.standardPrice() == null || productIds.isEmpty()) {
      return prices;
    }
    String pricebookId = engine.salesforce.standardPricebookId();
    for (ObjectNode entry : engine.salesforce.in("PricebookEntry", "Product2Id, UnitPrice, SystemModstamp", "Product2Id",
        productIds, "Pricebook2Id = " + SalesforceClient.quote(pricebookId))) {
      if (entry.hasNonNull("UnitPrice")) {
        prices.put(entry.get("Product2Id").asText(),
            new StandardPrice(entry.get("UnitPrice").decimalValue(), Times.modstamp(entry)));
      }
    }
    return prices;
  }

  // ---- parents ----

  /** Linked here, or else read from the parent's external id in Salesforce. */
  @Override
  public Map<String, String> targetIds(SyncObject parent, ObjectMapping parentMapping, Set<String> salesforceIds) {
    Map<String, String> ids = new HashMap<>();
    engine.stores.links().findBySalesforceIds(run.realmId, parent, parentMapping.salesforceObject(), salesforceIds)
        .forEach((salesforceId, link) -> ids.put(salesforceId, link.qboId()));
    Set<String> unknown = new LinkedHashSet<>(salesforceIds);
    unknown.removeAll(ids.keySet());
    if (!unknown.isEmpty()) {
      String field = parentMapping.externalIdField();
      for (ObjectNode found : engine.salesforce.in(parentMapping.salesforceObject(), "Id, " + field, "Id", unknown, null)) {
        ObjectMapping.qboIdOf(run.realmId, Side.text(found.get(field)))
            .ifPresent(qboId -> ids.put(found.get("Id").asText(), qboId));
      }
    }
    return ids;
  }

  @Override
  public String missing(ObjectMapping parentMapping, String salesforceId) {
    return parentMapping.salesforceObject() + " " + salesforceId + " is not in QuickBooks company " + run.realmId + " yet";
  }

  // ---- conflicts and matching ----

  private List<Pending> decideConflicts(List<Pending> candidates) {
    List<String> qboIds = candidates.stream().map(p -> p.qboId).filter(Objects::nonNull).toList();
    Map<String, ObjectNode> current = new HashMap<>();
    for (ObjectNode record : engine.quickBooks.byIds(run.realmId, mapping, qboIds)) {
      current.put(record.path("Id").asText(), record);
    }
    List<Pending> toWrite = new ArrayList<>();
    for (Pending pending : candidates) {
      if (pending.qboId == null) {
        toWrite.add(pending);
        continue;
      }
      pending.current = current.get(pending.qboId);
      if (pending.current == null) {
        engine.fail(run, pending.id, FailureType.VALIDATION, null, "QuickBooks has no " + mapping.qboEntity() + " "
            + pending.qboId + " any more (deleted or merged there); clear " + extField + " on the "
            + mapping.salesforceObject() + " to create it again");
        continue;
      }
      boolean qboChanged = pending.link != null
          && !Objects.equals(pending.current.path("SyncToken").asText(null), pending.link.qboSyncToken());
      if (!qboChanged) {
        toWrite.add(pending);
        continue;
      }
      String lastUpdated = Times.qboLastUpdated(pending.current);
      if (engine.writesOverConflict(run, pending.id, lastUpdated == null ? null : Times.qbo(lastUpdated), pending.modstamp,
          pending.mapped.body(), pending.current)) {
        toWrite.add(pending);
      }
    }
    return toWrite;
  }

  /** New records equal on a matching pair to exactly one unlinked QBO record are linked to it. */
  private void match(List<Pending> toWrite) {
    Matching matching = mapping.matching();
    List<Pending> open = new ArrayList<>(toWrite.stream().filter(p -> p.qboId == null).toList());
    if (!matching.enabled() || open.isEmpty()) {
      return;
    }
    Set<String> taken = new HashSet<>();
    for (Matching.Pair pair : matching.pairs()) {
      Map<String, List<Pending>> byValue = new LinkedHashMap<>();
      for (Pending pending : open) {
        String value = Side.text(pending.record.get(pair.salesforce()));
        if (value != null) {
          byValue.computeIfAbsent(value.strip().toLowerCase(Locale.ROOT), v -> new ArrayList<>()).add(pending);
        }
      }
      if (byValue.isEmpty() || pair.qbo().contains(".") || pair.qbo().contains("[")) {
        continue;
      }
      List<String> values = byValue.values().stream().map(l -> Side.text(l.get(0).record.get(pair.salesforce())).strip()).toList();
      Map<String, List<ObjectNode>> found = new HashMap<>();
      for (String where : QuickBooksClient.inClauses(pair.qbo(), values, mapping.qboCondition())) {
        for (ObjectNode record : engine.quickBooks.client.queryAll(run.realmId, mapping.qboEntity(), where)) {
          String value = Side.text(record.get(pair.qbo()));
          if (value != null) {
            found.computeIfAbsent(value.strip().toLowerCase(Locale.ROOT), v -> new ArrayList<>()).add(record);
          }
        }
      }
      Set<String> linked = engine.stores.links().findAll(run.realmId, run.object, mapping.salesforceObject(),
          found.values().stream().flatMap(List::stream).map(r -> r.path("Id").asText()).toList()).keySet();
      for (Map.Entry<String, List<Pending>> entry : byValue.entrySet()) {
        List<ObjectNode> matches = found.getOrDefault(entry.getKey(), List.of()).stream()
            .filter(r -> !linked.contains(r.path("Id").asText())).toList();
        if (entry.getValue().size() == 1 && matches.size() == 1 && taken.add(matches.get(0).path("Id").asText())) {
          Pending pending = entry.getValue().get(0);
          pending.current = matches.get(0);
          pending.qboId = pending.current.path("Id").asText();
          pending.matched = true;
          pending.mapped = remap(pending);
          log.info("Matched {} {} to QuickBooks {} {} of company {} by {}", mapping.salesforceObject(), pending.id,
              mapping.qboEntity(), pending.qboId, run.realmId, pair.qbo());
        }
      }
      open.removeIf(p -> p.matched);
    }
  }

  /** A matched record is updated, not created: its create-only values are left out. */
  private ObjectMapping.ToQbo remap(Pending pending) {
    ObjectNode body = pending.mapped.body().deepCopy();
    for (var field : mapping.fields(SyncDirection.SALESFORCE_TO_QBO)) {
      if (field.createOnly()) {
        field.qbo().forEach(path -> body.remove(path.split("\\.")[0]));
      }
    }
    return new ObjectMapping.ToQbo(body, pending.mapped.hash(), pending.mapped.problems());
  }

  // ---- writing ----

  /** Creates or updates one QBO record and saves its link at once; null when it did not sync. */
  private RecordLink write(Pending pending) {
    ObjectNode saved;
    boolean created = pending.qboId == null;
    try {
      if (created) {
        // Until its link is saved, the new QuickBooks record carries nothing that leads back here.
        boolean sentBefore = engine.stores.createsInFlight().begin(run.realmId, run.object, run.direction, pending.id);
        saved = engine.quickBooks.client.save(run.realmId, mapping.qboEntity(), pending.mapped.body(), requestId(pending.id));
        if (sentBefore) {
          // The answer may be the first send's record, made from the Salesforce record as it was then.
          saved = update(pending.mapped.body(), saved.path("Id").asText(), saved.path("SyncToken").asText());
        }
      } else {
        saved = update(pending);
      }
    } catch (QuickBooksException refused) {
      RemoteFailure failure = RemoteFailures.classify(refused).orElseThrow();
      if (failure.type().retryable() || failure.type() == FailureType.AUTH || failure.type() == FailureType.CONFIGURATION) {
        throw refused;
      }
      if (created) {
        engine.stores.createsInFlight().end(run.realmId, run.object, run.direction, List.of(pending.id));
      }
      if (failure.type() == FailureType.MISSING_PARENT) {
        engine.defer(run, pending.id, "QuickBooks refused a reference: " + refused.getMessage());
        return null;
      }
      engine.fail(run, pending.id, failure.type(), failure.remoteCode(),
          "QuickBooks refused " + mapping.qboEntity() + (created ? " create" : " " + pending.qboId) + " from "
              + mapping.salesforceObject() + " " + pending.id + ": " + refused.getMessage());
      return null;
    }
    pending.saved = saved;
    // A create repeated under its requestid answers like the first; an earlier attempt's create is still a create.
    created = created || pending.link != null && pending.link.writtenBy(run.writer) && pending.link.createdByWrite();
    RecordLink link =
        new RecordLink(run.realmId, run.object, saved.path("Id").asText(), mapping.salesforceObject(), pending.id,
            saved.path("SyncToken").asText(null), pending.mapped.hash(), pending.modstamp,
            SyncDirection.SALESFORCE_TO_QBO, engine.options.clock().instant(), run.writer, created);
    engine.stores.links().save(link);
    if (pending.qboId == null) {
      engine.stores.createsInFlight().end(run.realmId, run.object, run.direction, List.of(pending.id));
    }
    run.tally.outcome(pending.id, created ? RecordOutcome.Kind.CREATED : RecordOutcome.Kind.UPDATED, null);
    return link;
  }

  private ObjectNode update(Pending pending) {
    return update(pending.mapped.body(), pending.qboId, pending.current.path("SyncToken").asText());
  }

  /** A sparse update with the current SyncToken; a stale one (5010) is read again and retried once. */
  private ObjectNode update(ObjectNode mapped, String qboId, String syncToken) {
    ObjectNode body = mapped.deepCopy();
    body.put("Id", qboId);
    body.put("SyncToken", syncToken);
    body.put("sparse", true);
    try {
      return engine.quickBooks.client.save(run.realmId, mapping.qboEntity(), body, null);
    } catch (QuickBooksException stale) {
      if (!STALE_OBJECT.equals(stale.code())) {
        throw stale;
      }
      ObjectNode fresh = engine.quickBooks.client.read(run.realmId, mapping.qboEntity(), qboId);
      log.info("{} {} of company {} changed while we wrote it (stale SyncToken); retrying with SyncToken {}",
          mapping.qboEntity(), qboId, run.realmId, fresh.path("SyncToken").asText());
      body.put("SyncToken", fresh.path("SyncToken").asText());
      return engine.quickBooks.client.save(run.realmId, mapping.qboEntity(), body, null);
    }
  }

  /**
   * The create's idempotency key: the Salesforce id, so a retried create returns the first one's
   * answer; after a refused create (a recorded error) the attempt number is added, so corrected data
   * is not answered with the old refusal.
   */
  private String requestId(String salesforceId) {
    int attempts = engine.stores.errors().findOpen(run.realmId, run.object, run.direction, salesforceId)
        .map(RecordError::attempts).orElse(0);
    String key = "lb-" + run.object.displayName().toLowerCase(Locale.ROOT) + "-" + salesforceId;
    return attempts == 0 ? key : key + "-" + attempts;
  }

  /**
   * Writes {realmId}-{qboId}, and the fields only QuickBooks derives, to the Salesforce records, then
   * remembers their new SystemModstamp as the sync's own change, but only for a record that still holds
   * what was read ({@code read}): a person's edit between the read and the write-back moves the
   * modstamp too, and taking it as ours would make the next run skip that edit.
   */
  private void writeBack(Map<String, WriteBack> writeBacks, List<ObjectNode> read) {
    if (writeBacks.isEmpty()) {
      return;
    }
    deriveUnwritten(writeBacks);
    List<String> salesforceIds = List.copyOf(writeBacks.keySet());
    List<ObjectNode> updates = salesforceIds.stream().map(id -> {
      WriteBack back = writeBacks.get(id);
      ObjectNode update = NODES.objectNode().put("Id", id).put(extField, ObjectMapping.externalId(run.realmId, back.link().qboId()));
      update.setAll(back.derived());
      return update;
    }).toList();
    List<SaveResult> results = engine.salesforce.write(updates, c -> engine.salesforce.client.updateAll(mapping.salesforceObject(), c));
    Map<String, WriteBack> done = new LinkedHashMap<>();
    for (int i = 0; i < salesforceIds.size(); i++) {
      String salesforceId = salesforceIds.get(i);
      if (results.get(i).success()) {
        done.put(salesforceId, writeBacks.get(salesforceId));
      } else {
        engine.failWrite(run, salesforceId, results.get(i), "synced to QuickBooks " + mapping.qboEntity() + " "
            + writeBacks.get(salesforceId).link().qboId() + ", but writing " + extField + " back to the "
            + mapping.salesforceObject() + " failed");
      }
    }
    run.heartbeat.run();
    if (done.isEmpty()) {
      return;
    }
    Map<String, ObjectNode> asRead = new HashMap<>();
    read.forEach(record -> asRead.put(record.path("Id").asText(), record));
    for (ObjectNode now : engine.salesforce.in(mapping.salesforceObject(), String.join(", ", mapping.salesforceFieldsRead()),
        "Id", done.keySet(), null)) {
      String salesforceId = now.get("Id").asText();
      WriteBack back = done.get(salesforceId);
      if (back == null) {
        continue;
      }
      if (sameContent(asRead.get(salesforceId), now, back.derived())) {
        engine.stores.links().save(back.link().withSalesforceModstamp(Times.modstamp(now)));
      } else {
        log.info("{} {} of company {} changed in Salesforce while the sync wrote its key back; the next run reads it again",
            mapping.salesforceObject(), salesforceId, run.realmId);
      }
    }
  }

  /**
   * The derived fields of records this run did not write (an earlier, cut-off attempt wrote them, and
   * never their key), read from QuickBooks in one query.
   */
  private void deriveUnwritten(Map<String, WriteBack> writeBacks) {
    List<String> qboIds = writeBacks.values().stream().filter(back -> back.derived() == null)
        .map(back -> back.link().qboId()).toList();
    if (qboIds.isEmpty()) {
      return;
    }
    Map<String, ObjectNode> records = new HashMap<>();
    engine.quickBooks.byIds(run.realmId, mapping, qboIds).forEach(record -> records.put(record.path("Id").asText(), record));
    writeBacks.replaceAll((salesforceId, back) -> back.derived() != null ? back : new WriteBack(back.link(),
        records.containsKey(back.link().qboId()) ? mapping.derivedFromQuickBooks(records.get(back.link().qboId())) : NODES.objectNode()));
  }

  /**
   * Whether the record holds the values it was read with, but for the key, the derived fields and the
   * timestamp the write-back changed.
   */
  private boolean sameContent(ObjectNode before, ObjectNode now, ObjectNode derived) {
    if (before == null) {
      return false;
    }
    List<String> written = new ArrayList<>(List.of("SystemModstamp", extField));
    derived.fieldNames().forEachRemaining(written::add);
    return SalesforceSide.holds(now, before.deepCopy().without(written));
  }
}
