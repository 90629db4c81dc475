package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The cross-reference of synced records in {@code record_link}, keyed by (company, object, QBO id). */
public final class RecordLinkStore {
  /** Ids per IN list: well below every driver's parameter limit. */
  private static final int IN_CHUNK = 500;

  private final JdbcTemplate jdbc;

  public RecordLinkStore(JdbcTemplate jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  public Optional<RecordLink> find(String companyId, SyncObject object, String qboId) {
    return jdbc
        .query(
            "SELECT * FROM record_link WHERE company_id = ? AND object = ? AND qbo_id = ?",
            (rs, n) -> read(rs),
            companyId,
            object.displayName(),
            qboId)
        .stream()
        .findFirst();
  }

  /** The links of many records at once, by QBO id; ids without a link are absent. */
  public Map<String, RecordLink> findAll(String companyId, SyncObject object, Collection<String> qboIds) {
    Map<String, RecordLink> links = new HashMap<>();
    List<String> ids = new ArrayList<>(qboIds);
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
      List<Object> args = new ArrayList<>();
      args.add(companyId);
      args.add(object.displayName());
      args.addAll(chunk);
      jdbc.query(
          "SELECT * FROM record_link WHERE company_id = ? AND object = ? AND qbo_id IN (" + marks + ")",
          rs -> {
            RecordLink link = read(rs);
            links.put(link.qboId(), link);
          },
          args.toArray());
    }
    return links;
  }

  /** Stores or replaces the link of one record. */
  public void save(RecordLink link) {
    var syncedAt = Sql.timestamp(link.syncedAt());
    Sql.upsert(
        () ->
            jdbc.update(
                "UPDATE record_link SET salesforce_id = ?, qbo_sync_token = ?, content_hash = ?,"
                    + " last_direction = ?, synced_at = ? WHERE company_id = ? AND object = ? AND qbo_id = ?",
                link.salesforceId(),
                link.qboSyncToken(),
                link.contentHash(),
                link.lastDirection().name(),
                syncedAt,
                link.companyId(),
                link.object().displayName(),
                link.qboId()),
        () ->
            jdbc.update(
                "INSERT INTO record_link (company_id, object, qbo_id, salesforce_id, qbo_sync_token,"
                    + " content_hash, last_direction, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                link.companyId(),
                link.object().displayName(),
                link.qboId(),
                link.salesforceId(),
                link.qboSyncToken(),
                link.contentHash(),
                link.lastDirection().name(),
                syncedAt));
  }

  private static RecordLink read(ResultSet rs) throws SQLException {
    return new RecordLink(
        rs.getString("company_id"),
        SyncObject.require(rs.getString("object")),
        rs.getString("qbo_id"),
        rs.getString("salesforce_id"),
        rs.getString("qbo_sync_token"),
        rs.getString("content_hash"),
        SyncDirection.valueOf(rs.getString("last_direction")),
        Sql.instant(rs, "synced_at"));
  }
}
