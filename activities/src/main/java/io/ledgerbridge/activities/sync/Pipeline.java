package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Matching;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.RecordOutcome;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync's steps, told once for both directions, over the run's source and target sides: a
 * batch's links, the opposite direction's cut-off creates finished, parents found (or the record
 * deferred), echoes and unchanged content settled, the rest mapped, conflicts decided, unlinked
 * records matched, the batch written in the target's own form, links saved, and keys given back to
 * a source that keeps them. What differs between QuickBooks and Salesforce lives in their sides.
 */
final class Pipeline implements Parents.Lookup, Outcomes {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final SyncEngine engine;
  private final SyncRun run;
  private final ObjectMapping mapping;
  private final Source source;
  private final Target target;
  private final List<String> synced = new ArrayList<>();
  private final Map<String, WriteBack> writeBacks = new LinkedHashMap<>();
  private Parents parents;
  /** The batch's records that moved to another parent and left the target record they held ({@link #releaseMoved}). */
  private Set<String> released = Set.of();
  /** The batch's linked target records that keep lines of their own, which the source's lines do not replace. */
  private Set<String> keepingTheirLines = Set.of();
  /** Target records that records kept in their parent's record are written into, by source id; see {@link #intoParentsRecords}. */
  private Map<String, String> intoParentsRecords = Map.of();
  /** Which source record each of those target records holds: the one linked to it, else the batch's first. */
  private final Map<String, String> parentsRecordHolders = new HashMap<>();

  Pipeline(SyncEngine engine, SyncRun run) {
    this.engine = engine;
    this.run = run;
    this.mapping = run.mapping;
    this.source = engine.source(run.direction);
    this.target = engine.target(run.direction);
  }

  /** Syncs records read from the source. */
  void process(List<ObjectNode> read) {
    List<String> ids = read.stream().map(record -> record.path("Id").asText()).toList();
    Map<String, RecordLink> linked = source.linksOf(run.realmId, run.object, mapping.salesforceObject(), ids);
    Map<String, RecordLink> links = linked;
    List<ObjectNode> records = read;
    List<String> unlinked = ids.stream().filter(id -> !linked.containsKey(id)).toList();
    if (!unlinked.isEmpty() && engine.finishCreatesInFlight(run)) {
      links = source.linksOf(run.realmId, run.object, mapping.salesforceObject(), ids);
      // Finishing may have written the unlinked records (the cut-off creates) since they were read: read them again.
      Map<String, ObjectNode> now = source.readByIds(run, unlinked);
      records = read.stream().map(record -> now.getOrDefault(record.path("Id").asText(), record)).toList();
    }
    List<SourceRecord> batch = source.sourceRecords(run, records);
    Map<String, Map<SyncObject, Set<String>>> parentsOf = new HashMap<>();
    Map<SyncObject, Set<String>> wanted = new LinkedHashMap<>();
    for (SourceRecord record : batch) {
      Map<SyncObject, Set<String>> needed = source.parents(mapping, record);
      parentsOf.put(record.id(), needed);
      needed.forEach((object, parentIds) -> wanted.computeIfAbsent(object, o -> new LinkedHashSet<>()).addAll(parentIds));
    }
    parents = new Parents(engine, run, wanted, this);
    links = releaseMoved(batch, links);
    intoParentsRecords(batch, links);
    Map<String, RecordLink> linksNow = links;
    keepingTheirLines = target.keepingTheirLines(run,
        batch.stream().map(record -> linksNow.get(record.id())).filter(Objects::nonNull).map(target::idIn).toList());

    List<Pending> candidates = new ArrayList<>();
    List<String> settled = new ArrayList<>();
    for (SourceRecord record : batch) {
      Pending pending = take(record, links.get(record.id()), parentsOf.get(record.id()));
      if (pending == null) {
        continue;
      }
      if (pending.mapped == null) {
        settled.add(record.id());
      } else {
        candidates.add(pending);
      }
    }
    engine.settled(run, settled);

    List<Pending> toWrite = decideConflicts(candidates);
    match(toWrite);
    linkOrigins(toWrite);
    target.write(run, toWrite, this);
    writeBack();
    engine.settled(run, synced);
  }

  /**
   * One record's way in: null when it ends here (deferred, failed, another company's), a pending
   * record without a mapping when it is settled unchanged, else a record to write.
   */
  private Pending take(SourceRecord record, RecordLink link, Map<SyncObject, Set<String>> needed) {
    String id = record.id();
    run.tally.read();
    String otherCompany = source.otherCompany(run, record, link);
    if (otherCompany != null) {
      engine.unchanged(run, id, otherCompany);
      return null;
    }
    if (link != null && link.contentHash().equals(RecordLink.DELETED) && link.lastDirection() != run.direction) {
      // The opposite direction found the target record deleted and did what the mapping says (made this one
      // inactive, voided it, or nothing): writing it would make the deleted record again.
      engine.unchanged(run, id, "its " + target.objectName(mapping) + " was deleted in " + target.system()
          + "; the sync does not make it again");
      return null;
    }
    if (link != null && link.lastDirection() != run.direction && source.unchangedSince(run, link, record)) {
      // The sync wrote this version from the target: sending it back would be an echo.
      engine.unchanged(run, id, "written from " + target.system() + " and not changed in " + source.system() + " since");
      giveBackKey(record, link);
      return new Pending(record, link, null, null);
    }
    List<String> missing = parents.missing(needed);
    if (!missing.isEmpty()) {
      engine.defer(run, id, String.join(", ", missing));
      return null;
    }
    String targetId = link != null ? target.idIn(link) : released.contains(id) ? null : source.keyOf(run, record);
    if (targetId == null) {
      targetId = intoParentsRecords.get(id);
      String holder = targetId == null ? null : parentsRecordHolders.putIfAbsent(targetId, id);
      if (holder != null && !holder.equals(id)) {
        // Two source records would take turns overwriting the one record they share: a person must choose.
        engine.fail(run, id, FailureType.DUPLICATE, null, target.objectName(mapping) + " " + targetId
            + " already holds " + source.objectName(mapping) + " " + holder + ", and it holds one "
            + run.object.displayName() + ": leave only one of them in the mapping's condition ("
            + mapping.salesforceCondition() + "); once " + holder + " has left it, retry this one to take it over");
        return null;
      }
    }
    Mapped mapped = target.map(run, record, parents::targetId, targetId == null,
        targetId == null || !keepingTheirLines.contains(targetId));
    if (!mapped.problems().isEmpty()) {
      engine.fail(run, id, FailureType.VALIDATION, null,
          "cannot be written to " + target.objectName(mapping) + ": " + String.join("; ", mapped.problems()));
      return null;
    }
    mapped.notes().forEach(note -> run.tally.note(id, note));
    if (link != null && link.contentHash().equals(mapped.hash())) {
      RecordLink seen = link;
      if (!Objects.equals(source.versionIn(link), record.version())) {
        seen = source.seen(link, record);
        engine.stores.links().save(seen);
      }
      engine.alreadyInTarget(run, id, link, target.system() + " already holds this content");
      giveBackKey(record, seen);
      return new Pending(record, link, null, null);
    }
    return new Pending(record, link, targetId, mapped);
  }

  /**
   * The target records that the batch's records without a link or key are written into, where their
   * mapping keeps them in their parent's record (a Contact in its Account's QuickBooks customer), and
   * the source records already linked to those target records, read in one go.
   */
  private void intoParentsRecords(List<SourceRecord> batch, Map<String, RecordLink> links) {
    Map<String, String> into = new HashMap<>();
    for (SourceRecord record : batch) {
      if (!links.containsKey(record.id()) && (released.contains(record.id()) || source.keyOf(run, record) == null)) {
        String targetId = target.parentsRecord(run, record, parents::targetId);
        if (targetId != null) {
          into.put(record.id(), targetId);
        }
      }
    }
    intoParentsRecords = into;
    if (!into.isEmpty()) {
      target.linksOf(run.realmId, run.object, mapping.salesforceObject(), Set.copyOf(into.values()))
          .forEach((targetId, link) -> parentsRecordHolders.put(targetId, source.idIn(link)));
      releaseLapsedHolders(batch);
    }
  }

  /**
   * Records kept in their parent's target record that now belong to another parent (a primary Contact moved to
   * another Account) leave the record they held: their key is taken back, then their link ended, so they go into
   * their new parent's record as a record new to it does (or are a DUPLICATE while another holds it). The record
   * they left keeps its values; a crash in between leaves a keyless record still linked, which the next run releases.
   *
   * @return the links of the batch, the released records' left out
   */
  private Map<String, RecordLink> releaseMoved(List<SourceRecord> batch, Map<String, RecordLink> links) {
    released = Set.of();
    Map<String, String> held = new HashMap<>();
    for (SourceRecord record : batch) {
      RecordLink link = links.get(record.id());
      String holding = link != null ? target.idIn(link) : source.keyOf(run, record);
      String belongs = holding == null ? null : target.parentsRecord(run, record, parents::targetId);
      if (belongs != null && !belongs.equals(holding)) {
        held.put(record.id(), holding);
      }
    }
    if (held.isEmpty()) {
      return links;
    }
    released = Set.copyOf(source.takeBackKeys(run, List.copyOf(held.keySet())));
    Map<String, RecordLink> remaining = new HashMap<>(links);
    for (String id : released) {
      RecordLink link = remaining.remove(id);
      if (link != null) {
        engine.stores.links().delete(run.realmId, run.object, link.salesforceObject(), link.qboId());
      }
      log.info("{}: {} {} moved to another parent: it leaves {} {}", run, source.objectName(mapping), id,
          target.objectName(mapping), held.get(id));
    }
    return remaining;
  }

  /**
   * A target record that a batch record would be written into, held by a source record that no longer meets the
   * mapping's condition (a Contact no longer primary, or deleted), goes to the batch record: the primary role moved.
   * The old holder's key is taken back first, so a crash in between leaves a record held by none, which the next
   * run gives again. A holder still in the condition keeps its record (see {@link #take}).
   */
  private void releaseLapsedHolders(List<SourceRecord> batch) {
    Set<String> inBatch = new HashSet<>();
    batch.forEach(record -> inBatch.add(record.id()));
    Set<String> wanted = Set.copyOf(intoParentsRecords.values());
    List<String> contested = parentsRecordHolders.entrySet().stream()
        .filter(holder -> wanted.contains(holder.getKey()) && !inBatch.contains(holder.getValue()))
        .map(Map.Entry::getValue)
        .distinct()
        .toList();
    if (contested.isEmpty()) {
      return;
    }
    Set<String> holding = source.readByIds(run, contested).keySet();
    List<String> lapsed = contested.stream().filter(id -> !holding.contains(id)).toList();
    if (lapsed.isEmpty()) {
      return;
    }
    List<String> released = source.takeBackKeys(run, lapsed);
    log.info("{}: {} {} no longer in the mapping's condition ({}): their {} records go to the records now in it",
        run, released.size(), source.objectName(mapping), mapping.salesforceCondition(), target.objectName(mapping));
    parentsRecordHolders.values().removeIf(released::contains);
  }

  /** A settled record whose source lacks its key (the write-back was cut off) gets it now. */
  private void giveBackKey(SourceRecord record, RecordLink link) {
    if (!source.holds(run, record, link, null)) {
      writeBacks.put(record.id(), new WriteBack(link, null));
    }
  }

  // ---- parents ----

  /** Linked here, or else (written by another installation, or before links were kept) found by the key a side keeps. */
  @Override
  public Map<String, String> targetIds(SyncObject parent, ObjectMapping parentMapping, Set<String> sourceIds) {
    Map<String, String> ids = new HashMap<>();
    source.linksOf(run.realmId, parent, parentMapping.salesforceObject(), sourceIds)
        .forEach((sourceId, link) -> ids.put(sourceId, target.idIn(link)));
    Set<String> unknown = new LinkedHashSet<>(sourceIds);
    unknown.removeAll(ids.keySet());
    if (!unknown.isEmpty()) {
      ids.putAll(target.idsByKey(run, parentMapping, unknown));
      source.keysById(run, parentMapping, unknown).forEach(ids::putIfAbsent);
    }
    return ids;
  }

  @Override
  public String missing(ObjectMapping parentMapping, String sourceId) {
    return target.missingParent(run, parentMapping, sourceId);
  }

  // ---- conflicts ----

  /**
   * The records to write: those whose target record nobody else changed since the sync last saw it,
   * and those the run's policy writes over such a change. The target's current records are read for
   * the records that may conflict, and for every update where the target needs the current version.
   */
  private List<Pending> decideConflicts(List<Pending> candidates) {
    Set<String> read = new LinkedHashSet<>();
    for (Pending pending : candidates) {
      if (pending.targetId != null && (target.updatesNeedCurrentVersion() || mayConflict(pending))) {
        read.add(pending.targetId);
      }
    }
    Map<String, ObjectNode> current = read.isEmpty() ? Map.of() : target.current(run, read);
    List<Pending> toWrite = new ArrayList<>();
    for (Pending pending : candidates) {
      if (pending.targetId == null || !read.contains(pending.targetId)) {
        toWrite.add(pending);
        continue;
      }
      pending.current = current.get(pending.targetId);
      if (pending.current == null) {
        String gone = target.gone(run, pending);
        if (gone != null) {
          engine.fail(run, pending.id(), FailureType.VALIDATION, null, gone);
        } else {
          toWrite.add(pending);
        }
        continue;
      }
      boolean bothChanged = mayConflict(pending) && sourceChanged(pending)
          && target.changedSince(run, pending.link, pending.current);
      if (!bothChanged || engine.writesOverConflict(run, pending.id(), source.system(), target.system(),
          pending.source.changedAt(), target.lastChanged(pending.current), pending.mapped.compared(), pending.current)) {
        toWrite.add(pending);
      }
    }
    return toWrite;
  }

  /**
   * Whether a linked source record changed since its link. Content tells too where this direction wrote
   * last: a version no later than the write's (Salesforce's second of the key written back) may hold a
   * person's edit of that same second.
   */
  private boolean sourceChanged(Pending pending) {
    return !source.unchangedSince(run, pending.link, pending.source)
        || pending.link.lastDirection() == run.direction && pending.link.holdsContentHash()
            && !pending.link.contentHash().equals(pending.mapped.hash());
  }

  /** A record synced before by another sync than this one: a change of its target record since is someone else's. */
  private boolean mayConflict(Pending pending) {
    return pending.link != null && !pending.link.writtenBy(run.writer);
  }

  // ---- matching ----

  /** Records to create that equal exactly one target record no sync has linked, on a matching pair, are linked to it. */
  private void match(List<Pending> toWrite) {
    Matching matching = mapping.matching();
    List<Pending> open = new ArrayList<>(toWrite.stream().filter(p -> p.targetId == null).toList());
    if (!matching.enabled() || open.isEmpty()) {
      return;
    }
    // A target that already keeps a record under its key writes to that one.
    Set<String> keyed = target.idsByKey(run, mapping, open.stream().map(Pending::id).toList()).keySet();
    open.removeIf(pending -> keyed.contains(pending.id()));
    Set<String> taken = new HashSet<>();
    List<Pending> matched = new ArrayList<>();
    for (Matching.Pair pair : matching.pairs()) {
      Map<String, List<Pending>> byValue = new LinkedHashMap<>();
      for (Pending pending : open) {
        String value = source.matchValue(pair, pending.source);
        if (value != null) {
          byValue.computeIfAbsent(value.toLowerCase(Locale.ROOT), v -> new ArrayList<>()).add(pending);
        }
      }
      if (byValue.isEmpty() || !target.canMatchOn(pair)) {
        continue;
      }
      List<String> values = byValue.values().stream().map(list -> source.matchValue(pair, list.get(0).source)).toList();
      Map<String, List<ObjectNode>> found = target.unlinkedByValue(run, pair, values);
      for (Map.Entry<String, List<Pending>> entry : byValue.entrySet()) {
        List<ObjectNode> matches = found.getOrDefault(entry.getKey(), List.of());
        if (entry.getValue().size() == 1 && matches.size() == 1 && taken.add(matches.get(0).path("Id").asText())) {
          Pending pending = entry.getValue().get(0);
          pending.current = matches.get(0);
          pending.targetId = pending.current.path("Id").asText();
          pending.matched = true;
          matched.add(pending);
          log.info("Matched {} {} of company {} to {} {} by {}", source.objectName(mapping), pending.id(), run.realmId,
              target.objectName(mapping), pending.targetId, pair.qbo() + " = " + pair.salesforce());
        }
      }
      open.removeIf(p -> p.matched);
    }
    // Matched means updated, not created: create-only values stay out, and a record with lines of its own keeps them.
    Set<String> keeping = matched.isEmpty() ? Set.of()
        : target.keepingTheirLines(run, matched.stream().map(p -> p.targetId).toList());
    for (Pending pending : matched) {
      pending.mapped = target.map(run, pending.source, parents::targetId, false, !keeping.contains(pending.targetId));
    }
  }

  /**
   * A record the opposite direction created from another object of the target (an invoice from a won
   * Opportunity) gets the mapping's origin lookup to that record.
   */
  private void linkOrigins(List<Pending> toWrite) {
    if (mapping.originField() == null || toWrite.isEmpty()) {
      return;
    }
    String originType = engine.mappings.find(run.object, run.direction.opposite())
        .map(ObjectMapping::salesforceObject).orElse(null);
    if (originType == null || originType.equals(mapping.salesforceObject())) {
      return;
    }
    Map<String, RecordLink> origins =
        source.linksOf(run.realmId, run.object, originType, toWrite.stream().map(Pending::id).toList());
    for (Pending pending : toWrite) {
      RecordLink origin = origins.get(pending.id());
      if (origin != null) {
        pending.mapped.body().put(mapping.originField(), target.idIn(origin));
      }
    }
  }

  // ---- outcomes of the target's writes ----

  @Override
  public void started(List<Pending> written) {
    Instant now = engine.options.clock().instant();
    engine.stores.links().saveAll(written.stream()
        .map(pending -> link(pending, pending.link == null ? null : source.versionIn(pending.link), null,
            RecordLink.UNFINISHED, now))
        .toList());
  }

  /** Records synced: their links saved in one go, their outcomes counted, and their keys given back where needed. */
  @Override
  public void written(List<Written> written) {
    if (written.isEmpty()) {
      return;
    }
    Instant now = engine.options.clock().instant();
    List<RecordLink> links = written.stream()
        .map(w -> link(w.pending(), w.pending().source.version(), w.targetVersion(), w.pending().mapped.hash(), now))
        .toList();
    engine.stores.links().saveAll(links);
    for (int i = 0; i < written.size(); i++) {
      Pending pending = written.get(i).pending();
      run.tally.outcome(pending.id(), pending.created ? RecordOutcome.Kind.CREATED : RecordOutcome.Kind.UPDATED,
          run.tally.notes.get(pending.id()));
      synced.add(pending.id());
      ObjectNode derived = target.derived(run, written.get(i).saved());
      if (!source.holds(run, pending.source, links.get(i), derived)) {
        writeBacks.put(pending.id(), new WriteBack(links.get(i), derived));
      }
    }
  }

  @Override
  public void deferred(String sourceId, String why) {
    engine.defer(run, sourceId, why);
  }

  @Override
  public void failed(String sourceId, FailureType type, String remoteCode, String message) {
    engine.fail(run, sourceId, type, remoteCode, message);
  }

  private RecordLink link(Pending pending, String sourceVersion, String targetVersion, String hash, Instant now) {
    LinkParts parts = new LinkParts();
    source.linkEnd(parts, pending.id(), sourceVersion);
    target.linkEnd(parts, pending.targetId, targetVersion);
    return parts.link(run, hash, now, pending.created);
  }

  /**
   * Gives the source records their keys and the fields only the target derives; for records this run
   * did not write (an earlier, cut-off attempt did, and never gave the key back), those are read first.
   */
  private void writeBack() {
    if (writeBacks.isEmpty()) {
      return;
    }
    List<String> unwritten = writeBacks.values().stream().filter(back -> back.derived() == null)
        .map(back -> target.idIn(back.link())).toList();
    if (!unwritten.isEmpty()) {
      Map<String, ObjectNode> now = target.current(run, unwritten);
      writeBacks.replaceAll((sourceId, back) -> back.derived() != null ? back
          : new WriteBack(back.link(), target.derived(run, now.get(target.idIn(back.link())))));
    }
    source.writeBack(run, writeBacks, this);
  }

  // ---- deletes ----

  /**
   * Source records deleted there: their target records get what the mapping says, each reported once
   * (its link is then marked deleted).
   */
  void markDeleted(List<String> sourceIds) {
    Target.DeleteEffect effect = target.onSourceDeleted(mapping);
    if (effect == null || sourceIds.isEmpty()) {
      return;
    }
    Map<String, RecordLink> links = source.linksOf(run.realmId, run.object, mapping.salesforceObject(), sourceIds);
    List<RecordLink> toMark = sourceIds.stream().map(links::get)
        .filter(link -> link != null && !link.contentHash().equals(RecordLink.DELETED)).toList();
    List<Refusal> refusals = target.markDeleted(run, toMark);
    Instant now = engine.options.clock().instant();
    List<String> done = new ArrayList<>();
    for (int i = 0; i < toMark.size(); i++) {
      RecordLink link = toMark.get(i);
      String sourceId = source.idIn(link);
      Refusal refused = refusals.get(i);
      if (refused != null) {
        engine.fail(run, sourceId, refused.type(), refused.remoteCode(), "deleted in " + source.system()
            + ", but its " + target.objectName(mapping) + " " + target.idIn(link) + " could not be " + effect.done()
            + ": " + refused.reasons());
        continue;
      }
      engine.stores.links().save(new RecordLink(link.companyId(), link.object(), link.qboId(), link.salesforceObject(),
          link.salesforceId(), link.qboSyncToken(), RecordLink.DELETED, link.salesforceModstamp(), run.direction, now,
          run.writer, false));
      log.info("{} {} of company {} was deleted in {}; its {} {} {}", run.object.displayName(), sourceId, run.realmId,
          source.system(), target.objectName(mapping), target.idIn(link), effect.done());
      run.tally.outcome(sourceId, effect.writes() ? RecordOutcome.Kind.UPDATED : RecordOutcome.Kind.UNCHANGED,
          "deleted in " + source.system() + "; " + effect.done());
      done.add(sourceId);
    }
    engine.settled(run, done);
  }

}
