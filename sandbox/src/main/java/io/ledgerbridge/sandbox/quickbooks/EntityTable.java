package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one entity type in one company, by numeric id. Rows are immutable once stored (a change
 * stores a new node), so readers iterate without locks and see a consistent row each; writers hold the
 * company lock, which also guards the unique-key index and the tombstones.
 */
final class EntityTable {
  private final EntityKind kind;
  private final ConcurrentSkipListMap<Long, ObjectNode> rows = new ConcurrentSkipListMap<>();
  private final Map<String, Long> uniqueKeys = new HashMap<>();
  /** Deleted ids and when; CDC reports them as {@code status: Deleted}. */
  private final ConcurrentSkipListMap<Long, Instant> deletions = new ConcurrentSkipListMap<>();
  private final AtomicLong lastId = new AtomicLong();

  EntityTable(EntityKind kind) {
    this.kind = kind;
  }

  EntityKind kind() {
    return kind;
  }

  ObjectNode get(String id) {
    Long key = parseId(id);
    return key == null ? null : rows.get(key);
  }

  Collection<ObjectNode> rows() {
    return rows.values();
  }

  Map<Long, Instant> deletions() {
    return deletions;
  }

  int size() {
    return rows.size();
  }

  long nextId() {
    return lastId.incrementAndGet();
  }

  /** The id of the other row holding this unique key, or null. Caller holds the company lock. */
  Long ownerOfUniqueKey(String key) {
    return key == null ? null : uniqueKeys.get(key.toLowerCase(Locale.ROOT));
  }

  /** Stores a new version of a row. Caller holds the company lock. */
  void put(long id, ObjectNode node) {
    ObjectNode previous = rows.put(id, node);
    if (previous != null) {
      String oldKey = kind.uniqueKey(previous);
      if (oldKey != null) {
        uniqueKeys.remove(oldKey.toLowerCase(Locale.ROOT), id);
      }
    }
    String newKey = kind.uniqueKey(node);
    if (newKey != null) {
      uniqueKeys.put(newKey.toLowerCase(Locale.ROOT), id);
    }
    lastId.accumulateAndGet(id, Math::max);
  }

  /** Removes a row and records the deletion. Caller holds the company lock. */
  void delete(long id, Instant when) {
    ObjectNode previous = rows.remove(id);
    if (previous != null) {
      String oldKey = kind.uniqueKey(previous);
      if (oldKey != null) {
        uniqueKeys.remove(oldKey.toLowerCase(Locale.ROOT), id);
      }
      deletions.put(id, when);
    }
  }

  static Long parseId(String id) {
    if (id == null) {
      return null;
    }
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
