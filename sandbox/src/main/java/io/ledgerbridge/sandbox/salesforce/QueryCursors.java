package io.ledgerbridge.sandbox.salesforce;

import io.ledgerbridge.sandbox.http.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open query cursors behind {@code nextRecordsUrl}. A cursor holds the matched records as they were when
 * the query ran (records are immutable), like Salesforce's server-side cursor, and expires after 15
 * minutes without use.
 */
final class QueryCursors {
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

  private final Clock clock;
  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

  record Cursor(List<SfRecord> records, List<SoqlQuery.Column> columns, int batchSize, Instant lastUsed) {}

  QueryCursors(Clock clock) {
    this.clock = clock;
  }

  /** Opens a cursor and returns its locator, e.g. {@code 01gHs0000012AbCdEF}. */
  String open(List<SfRecord> records, List<SoqlQuery.Column> columns, int batchSize) {
    Instant now = clock.instant();
    cursors.values().removeIf(cursor -> cursor.lastUsed().plus(IDLE_TIMEOUT).isBefore(now));
    String locator = "01g" + Tokens.alphanumeric(15);
    cursors.put(locator, new Cursor(records, columns, batchSize, now));
    return locator;
  }

  /** The cursor, marked as used now; null when unknown or expired. */
  Cursor use(String locator) {
    Instant now = clock.instant();
    Cursor cursor = cursors.get(locator);
    if (cursor == null || cursor.lastUsed().plus(IDLE_TIMEOUT).isBefore(now)) {
      cursors.remove(locator);
      return null;
    }
    Cursor touched = new Cursor(cursor.records(), cursor.columns(), cursor.batchSize(), now);
    cursors.put(locator, touched);
    return touched;
  }

  void clear() {
    cursors.clear();
  }
}
