package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.quickbooks.QueryPage;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuickBooks Online as the sync reads it: changes ordered by {@code MetaData.LastUpdatedTime}
 * (whole seconds, so a page restarts at its last second), queries with {@code STARTPOSITION}, and
 * deletes from change data capture, which reaches back 30 days.
 */
final class QuickBooksSide implements Side {
  private static final Logger log = LoggerFactory.getLogger(QuickBooksSide.class);
  private static final String LAST_UPDATED = "MetaData.LastUpdatedTime";
  /** QBO change data capture reaches back 30 days; stay inside it. */
  private static final Duration CDC_WINDOW = Duration.ofDays(29);

  final QuickBooksClient client;
  private final SyncOptions options;

  QuickBooksSide(QuickBooksClient client, SyncOptions options) {
    this.client = client;
    this.options = options;
  }

  @Override
  public String system() {
    return "QuickBooks";
  }

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
