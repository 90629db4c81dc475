package io.ledgerbridge.sandbox.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The org's data: records per type, the recycle bin, and External-ID indexes. Writes hold the org lock so
 * uniqueness holds under concurrency and a multi-record write can roll back as a whole; reads need no lock
 * because records are immutable.
 */
final class SalesforceOrg {
  static final String ORG_ID = SalesforceIds.to18("00D5g00000LbDmQ");
  static final String INTEGRATION_USER_ID = SalesforceIds.to18("0055g00000ItGrT");

  private final SalesforceSchema schema;
  private final Clock clock;
  private final Map<String, Table> tables = new HashMap<>();
  /** Undo actions of the running all-or-none write, or null outside one. Guarded by the org lock. */
  private Deque<Runnable> undoLog;
  /** Saves of the running all-or-none write, announced only if it is kept. Guarded by the org lock. */
  private List<SfRecord> unannounced;
  /** Told of every committed create or edit (outbound messages). */
  private volatile java.util.function.Consumer<SfRecord> saveListener = record -> { };

  /** Records of one type. Keys are ids, which sort in creation order like Salesforce's. */
  private static final class Table {
    final ConcurrentSkipListMap<String, SfRecord> live = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<String, SfRecord> recycleBin = new ConcurrentSkipListMap<>();
    /** External-ID field (lowercase) -> normalised value -> ids. */
    final Map<String, Map<String, Set<String>>> externalIds = new HashMap<>();
    long lastSequence;
  }

  SalesforceOrg(SalesforceSchema schema, Clock clock) {
    this.schema = schema;
    this.clock = clock;
    for (SObjectType type : schema.types()) {
      tables.put(type.name(), new Table());
    }
  }

  void onSave(java.util.function.Consumer<SfRecord> listener) {
    saveListener = listener;
  }

  SalesforceSchema schema() {
    return schema;
  }

  /** A live record, or null. */
  SfRecord get(SObjectType type, String id) {
    return tables.get(type.name()).live.get(id);
  }

  Collection<SfRecord> live(SObjectType type) {
    return tables.get(type.name()).live.values();
  }

  /** Live records, then deleted ones, as queryAll sees them. */
  List<SfRecord> liveAndDeleted(SObjectType type) {
    Table table = tables.get(type.name());
    List<SfRecord> all = new ArrayList<>(table.live.values());
    all.addAll(table.recycleBin.values());
    return all;
  }

  /** Live records whose External-ID field matches the value (case-insensitively unless the field is case-sensitive). */
  List<SfRecord> findByExternalId(SObjectType type, FieldDef field, String value) {
    Table table = tables.get(type.name());
    Set<String> ids;
    synchronized (this) {
      ids = new LinkedHashSet<>(table.externalIds.getOrDefault(field.name().toLowerCase(Locale.ROOT), Map.of())
          .getOrDefault(normalize(field, value), Set.of()));
    }
    List<SfRecord> matches = new ArrayList<>();
    for (String id : ids) {
      SfRecord record = table.live.get(id);
      if (record != null) {
        matches.add(record);
      }
    }
    return matches;
  }

  /** Inserts a record from validated values; applies defaults and checks required fields and uniqueness. */
  synchronized SfRecord insert(SObjectType type, Map<String, Object> values) {
    return insertAt(type, values, now());
  }

  /** Inserts with explicit audit times; the demo-data generator backdates records this way. */
  synchronized SfRecord insertAt(SObjectType type, Map<String, Object> values, Instant createdAt) {
    Table table = tables.get(type.name());
    Map<String, Object> record = new LinkedHashMap<>();
    String id = SalesforceIds.of(type.keyPrefix(), table.lastSequence + 1);
    record.put("Id", id);
    for (FieldDef field : type.fields()) {
      if (field.defaultValue() != null) {
        record.put(field.name(), field.defaultValue());
      }
    }
    record.putAll(values);
    record.put("IsDeleted", false);
    record.put("CreatedDate", createdAt);
    record.put("CreatedById", INTEGRATION_USER_ID);
    record.put("LastModifiedDate", createdAt);
    record.put("LastModifiedById", INTEGRATION_USER_ID);
    record.put("SystemModstamp", createdAt);
    RecordRules.derive(this, null, record, values);
    SfRecord created = new SfRecord(type, record);
    requireFields(created);
    requireReferences(created, values.keySet());
    requireUnique(table, created, null);
    table.lastSequence++;
    store(table, null, created);
    RecordRules.afterWrite(this, null, created);
    announce(created);
    return created;
  }

  /** Applies validated changes to a live record; every update moves LastModifiedDate and SystemModstamp. */
  synchronized SfRecord update(SObjectType type, String id, Map<String, Object> changes) {
    Table table = tables.get(type.name());
    SfRecord existing = requireLive(type, id);
    Map<String, Object> all = new LinkedHashMap<>(changes);
    Instant now = now();
    all.put("LastModifiedDate", now);
    all.put("LastModifiedById", INTEGRATION_USER_ID);
    all.put("SystemModstamp", now);
    Map<String, Object> record = new LinkedHashMap<>(existing.values());
    record.putAll(all);
    RecordRules.derive(this, existing, record, changes);
    SfRecord updated = new SfRecord(type, record);
    requireFields(updated);
    requireReferences(updated, changes.keySet());
    requireUnique(table, updated, id);
    store(table, existing, updated);
    RecordRules.afterWrite(this, existing, updated);
    announce(updated);
    return updated;
  }

  /**
   * Moves a record to the recycle bin, where queryAll still sees it with IsDeleted = true. Children whose
   * lookup cascades (master-detail, Opportunity.AccountId) go with it; other lookups to it are cleared.
   * Finding children scans the referring objects, which is fine at sandbox sizes.
   */
  synchronized void delete(SObjectType type, String id) {
    Table table = tables.get(type.name());
    SfRecord existing = requireLive(type, id);
    if (!type.deletable()) {
      throw new SalesforceException(400, "DELETE_FAILED", "You can't delete this record. Deactivate it instead.", null);
    }
    for (SObjectType childType : schema.types()) {
      for (FieldDef field : childType.fields()) {
        if (field.type() != FieldType.REFERENCE || !field.referenceTo().contains(type.name())) {
          continue;
        }
        List<SfRecord> children = live(childType).stream().filter(child -> id.equals(child.get(field.name()))).toList();
        for (SfRecord child : children) {
          if (field.cascadeDelete()) {
            delete(childType, child.id());
          } else if (field.updateable()) {
            Map<String, Object> cleared = new HashMap<>();
            cleared.put(field.name(), null);
            update(childType, child.id(), cleared);
          }
        }
      }
    }
    Instant now = now();
    SfRecord deleted = existing.with(Map.of("IsDeleted", true, "SystemModstamp", now, "LastModifiedDate", now));
    unindex(table, existing);
    table.live.remove(id);
    table.recycleBin.put(id, deleted);
    if (undoLog != null) {
      undoLog.push(() -> {
        table.recycleBin.remove(id);
        table.live.put(id, existing);
        index(table, existing);
      });
    }
    RecordRules.afterWrite(this, existing, null);
  }

  /**
   * Runs a multi-record write; when it returns false from {@code keep}, everything it wrote is undone. Used
   * for allOrNone requests.
   */
  synchronized <T> T allOrNone(Supplier<T> work, java.util.function.Predicate<T> keep) {
    Deque<Runnable> outer = undoLog;
    List<SfRecord> outerAnnouncements = unannounced;
    undoLog = new ArrayDeque<>();
    unannounced = new ArrayList<>();
    List<SfRecord> saves = unannounced;
    try {
      T result = work.get();
      if (keep.test(result)) {
        undoLog = outer;
        unannounced = outerAnnouncements;
        saves.forEach(this::announce);
      } else {
        undoLog.forEach(Runnable::run);
      }
      return result;
    } catch (RuntimeException e) {
      undoLog.forEach(Runnable::run);
      throw e;
    } finally {
      undoLog = outer;
      unannounced = outerAnnouncements;
    }
  }

  /** Runs work under the org lock, so reads and writes inside it see one consistent state. */
  synchronized <T> T locked(Supplier<T> work) {
    return work.get();
  }

  /** Empties every table. */
  synchronized void clear() {
    for (Table table : tables.values()) {
      table.live.clear();
      table.recycleBin.clear();
      table.externalIds.clear();
      table.lastSequence = 0;
    }
  }

  SfRecord requireLive(SObjectType type, String id) {
    Table table = tables.get(type.name());
    SfRecord existing = table.live.get(id);
    if (existing == null) {
      if (table.recycleBin.containsKey(id)) {
        throw new SalesforceException(404, "ENTITY_IS_DELETED", "entity is deleted", List.of());
      }
      throw SalesforceException.notFound();
    }
    return existing;
  }

  private void announce(SfRecord record) {
    if (unannounced != null) {
      unannounced.add(record);
    } else {
      saveListener.accept(record);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void requireFields(SfRecord record) {
    List<String> missing = new ArrayList<>();
    for (FieldDef field : record.type().fields()) {
      if (field.requiredOnCreate() && record.get(field.name()) == null) {
        missing.add(field.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new SalesforceException(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
    }
  }

  /** Lookups set in this request must point at a live record of a target object (User lookups are not simulated). */
  private void requireReferences(SfRecord record, java.util.Set<String> setFields) {
    for (String name : setFields) {
      FieldDef field = record.type().field(name);
      Object value = record.get(field.name());
      if (field.type() != FieldType.REFERENCE || value == null || field.referenceTo().contains("User")) {
        continue;
      }
      boolean found = false;
      for (String target : field.referenceTo()) {
        SObjectType targetType = schema.type(target);
        found |= targetType != null && get(targetType, (String) value) != null;
      }
      if (!found) {
        throw new SalesforceException(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
            List.of(field.name()));
      }
    }
  }

  private void requireUnique(Table table, SfRecord record, String selfId) {
    for (FieldDef field : record.type().fields()) {
      Object value = record.get(field.name());
      if (!field.unique() || value == null) {
        continue;
      }
      Set<String> owners = table.externalIds.getOrDefault(field.name().toLowerCase(Locale.ROOT), Map.of())
          .getOrDefault(normalize(field, value.toString()), Set.of());
      for (String owner : owners) {
        if (!owner.equals(selfId)) {
          throw new SalesforceException(400, "DUPLICATE_VALUE", "duplicate value found: " + field.name()
              + " duplicates value on record with id: " + owner, List.of());
        }
      }
    }
  }

  private void store(Table table, SfRecord previous, SfRecord current) {
    if (previous != null) {
      unindex(table, previous);
    }
    table.live.put(current.id(), current);
    index(table, current);
    if (undoLog != null) {
      String id = current.id();
      undoLog.push(() -> {
        unindex(table, current);
        if (previous == null) {
          table.live.remove(id);
        } else {
          table.live.put(id, previous);
          index(table, previous);
        }
      });
    }
  }

  private static void index(Table table, SfRecord record) {
    for (FieldDef field : record.type().fields()) {
      Object value = record.get(field.name());
      if (field.externalId() && value != null) {
        table.externalIds.computeIfAbsent(field.name().toLowerCase(Locale.ROOT), k -> new HashMap<>())
            .computeIfAbsent(normalize(field, value.toString()), k -> new LinkedHashSet<>()).add(record.id());
      }
    }
  }

  private static void unindex(Table table, SfRecord record) {
    for (FieldDef field : record.type().fields()) {
      Object value = record.get(field.name());
      if (field.externalId() && value != null) {
        Map<String, Set<String>> byValue = table.externalIds.get(field.name().toLowerCase(Locale.ROOT));
        if (byValue != null) {
          String key = normalize(field, value.toString());
          Set<String> ids = byValue.get(key);
          if (ids != null) {
            ids.remove(record.id());
            if (ids.isEmpty()) {
              byValue.remove(key);
            }
          }
        }
      }
    }
  }

  private static String normalize(FieldDef field, String value) {
    return field.caseSensitive() ? value : value.toLowerCase(Locale.ROOT);
  }
}
