package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of one entity type in one company, by numeric id: seeded rows built on demand (see
 * {@link SeededRows}) under an overlay of stored rows (created, or changed since seeding). Rows are
 * immutable once stored (a change stores a new node), so readers iterate without locks and see a
 * consistent row each; writers hold the company lock, which also guards the unique-key index and the
 * tombstones.
 */
final class EntityTable {
  /** Bits of a packed (LastUpdatedTime, index) key that hold the index: up to 4 million seeded rows. */
  private static final int INDEX_BITS = 22;

  private final EntityKind kind;
  private final ConcurrentSkipListMap<Long, ObjectNode> stored = new ConcurrentSkipListMap<>();
  /** Concurrent because queries read it without the company lock. */
  private final Map<String, Long> storedUniqueKeys = new java.util.concurrent.ConcurrentHashMap<>();
  /** Deleted ids and when; CDC reports them as {@code status: Deleted}. */
  private final ConcurrentSkipListMap<Long, Instant> deletions = new ConcurrentSkipListMap<>();
  private final AtomicLong lastId = new AtomicLong();
  private volatile SeededRows seeded;
  /** Seeded rows as (LastUpdatedTime seconds << INDEX_BITS | index), ascending. */
  private volatile long[] seededByLastUpdated = new long[0];

  /** A row found by iteration; a seeded row is built only when {@link #node()} is asked for. */
  static final class RowRef {
    private final long id;
    private final long lastUpdatedSecond;
    private final SeededRows source;
    private ObjectNode node;

    private RowRef(long id, long lastUpdatedSecond, ObjectNode node, SeededRows source) {
      this.id = id;
      this.lastUpdatedSecond = lastUpdatedSecond;
      this.node = node;
      this.source = source;
    }

    long id() {
      return id;
    }

    long lastUpdatedSecond() {
      return lastUpdatedSecond;
    }

    /** True for a seeded row nobody changed: it is active and its key facts are known without building it. */
    boolean pristineSeed() {
      return source != null;
    }

    ObjectNode node() {
      if (node == null) {
        node = source.row((int) id - 1);
      }
      return node;
    }
  }

  EntityTable(EntityKind kind) {
    this.kind = kind;
  }

  EntityKind kind() {
    return kind;
  }

  /** Puts seeded rows under the table and builds their time index. Caller holds the company lock. */
  void attachSeeded(SeededRows rows) {
    if (rows.count() >= 1 << INDEX_BITS) {
      throw new IllegalArgumentException("too many seeded rows: " + rows.count());
    }
    long[] keys = new long[rows.count()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = rows.lastUpdatedEpochSecond(i) << INDEX_BITS | i;
    }
    Arrays.sort(keys);
    seededByLastUpdated = keys;
    seeded = rows;
    lastId.accumulateAndGet(rows.count(), Math::max);
  }

  ObjectNode get(String id) {
    Long key = parseId(id);
    return key == null ? null : get(key);
  }

  ObjectNode get(long id) {
    ObjectNode row = stored.get(id);
    if (row != null) {
      return row;
    }
    SeededRows rows = seeded;
    if (rows != null && id >= 1 && id <= rows.count() && !deletions.containsKey(id)) {
      return rows.row((int) id - 1);
    }
    return null;
  }

  /** Every live row, in Id order. */
  Stream<RowRef> refsById() {
    SeededRows rows = seeded;
    int seededCount = rows == null ? 0 : rows.count();
    Stream<RowRef> seededPart = java.util.stream.LongStream.rangeClosed(1, seededCount)
        .mapToObj(id -> {
          ObjectNode changed = stored.get(id);
          if (changed != null) {
            return new RowRef(id, lastUpdatedSecond(changed), changed, null);
          }
          if (deletions.containsKey(id)) {
            return null;
          }
          return new RowRef(id, rows.lastUpdatedEpochSecond((int) id - 1), null, rows);
        })
        .filter(java.util.Objects::nonNull);
    Stream<RowRef> storedPart = stored.tailMap((long) seededCount, false).values().stream()
        .map(row -> new RowRef(row.get("Id").asLong(), lastUpdatedSecond(row), row, null));
    return Stream.concat(seededPart, storedPart);
  }

  /** Live rows last updated at or after the given second, ordered by (LastUpdatedTime, Id). */
  Stream<RowRef> refsByLastUpdated(long fromSecond) {
    SeededRows rows = seeded;
    long[] keys = seededByLastUpdated;
    List<RowRef> changed = new ArrayList<>();
    for (ObjectNode row : stored.values()) {
      long second = lastUpdatedSecond(row);
      if (second >= fromSecond) {
        changed.add(new RowRef(row.get("Id").asLong(), second, row, null));
      }
    }
    changed.sort(Comparator.comparingLong(RowRef::lastUpdatedSecond).thenComparingLong(RowRef::id));
    int start = firstAtOrAfter(keys, fromSecond);
    Iterator<RowRef> merged = new Iterator<>() {
      private int seededPosition = start;
      private int changedPosition;
      private RowRef nextSeeded = advanceSeeded();

      private RowRef advanceSeeded() {
        while (seededPosition < keys.length) {
          long key = keys[seededPosition++];
          int index = (int) (key & ((1L << INDEX_BITS) - 1));
          long id = index + 1L;
          if (!stored.containsKey(id) && !deletions.containsKey(id)) {
            return new RowRef(id, key >>> INDEX_BITS, null, rows);
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return nextSeeded != null || changedPosition < changed.size();
      }

      @Override
      public RowRef next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RowRef candidate = changedPosition < changed.size() ? changed.get(changedPosition) : null;
        if (candidate == null || nextSeeded != null && (nextSeeded.lastUpdatedSecond() < candidate.lastUpdatedSecond()
            || nextSeeded.lastUpdatedSecond() == candidate.lastUpdatedSecond() && nextSeeded.id() < candidate.id())) {
          RowRef result = nextSeeded;
          nextSeeded = advanceSeeded();
          return result;
        }
        changedPosition++;
        return candidate;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED), false);
  }

  /** A reference to a row already in hand. */
  static RowRef refOf(ObjectNode row) {
    return new RowRef(row.get("Id").asLong(), lastUpdatedSecond(row), row, null);
  }

  Map<Long, Instant> deletions() {
    return deletions;
  }

  long nextId() {
    return lastId.incrementAndGet();
  }

  /** The id of the live row holding this unique key (case-insensitive), or null. Caller holds the company lock. */
  Long ownerOfUniqueKey(String key) {
    if (key == null) {
      return null;
    }
    String lowercase = key.toLowerCase(Locale.ROOT);
    Long owner = storedUniqueKeys.get(lowercase);
    if (owner != null) {
      return owner;
    }
    SeededRows rows = seeded;
    Long seededOwner = rows == null ? null : rows.idOfUniqueKey(lowercase);
    // A seeded row that was changed or deleted since no longer holds its seeded key.
    if (seededOwner == null || stored.containsKey(seededOwner) || deletions.containsKey(seededOwner)) {
      return null;
    }
    return seededOwner;
  }

  /** Stores a new version of a row. Caller holds the company lock. */
  void put(long id, ObjectNode node) {
    ObjectNode previous = stored.put(id, node);
    if (previous != null) {
      forgetKey(previous, id);
    }
    String newKey = kind.uniqueKey(node);
    if (newKey != null) {
      storedUniqueKeys.put(newKey.toLowerCase(Locale.ROOT), id);
    }
    lastId.accumulateAndGet(id, Math::max);
  }

  /** Removes a row and records the deletion. Caller holds the company lock. */
  void delete(long id, Instant when) {
    ObjectNode previous = get(id);
    if (previous == null) {
      return;
    }
    if (stored.remove(id) != null) {
      forgetKey(previous, id);
    }
    deletions.put(id, when);
  }

  /** Empties the table and drops the seeded rows. Caller holds the company lock. */
  void clear() {
    stored.clear();
    storedUniqueKeys.clear();
    deletions.clear();
    lastId.set(0);
    seeded = null;
    seededByLastUpdated = new long[0];
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

  static long lastUpdatedSecond(ObjectNode row) {
    return QboTime.parseDateTime(row.path("MetaData").path("LastUpdatedTime").asText()).getEpochSecond();
  }

  private void forgetKey(ObjectNode row, long id) {
    String oldKey = kind.uniqueKey(row);
    if (oldKey != null) {
      storedUniqueKeys.remove(oldKey.toLowerCase(Locale.ROOT), id);
    }
  }

  private static int firstAtOrAfter(long[] keys, long second) {
    int low = 0;
    int high = keys.length;
    long target = second << INDEX_BITS;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (keys[middle] < target) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
