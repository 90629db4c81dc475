package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cross-reference of synced records in {@code record_link}, keyed by (company, object,
 * Salesforce object, QBO id) and findable by Salesforce id.
 */
public final class RecordLinkStore {
  /** Ids per IN list: well below every driver's parameter limit. */
  private static final int IN_CHUNK = 500;

  private final JdbcTemplate jdbc;

  public RecordLinkStore(JdbcTemplate jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  /**
   * The link of a QBO record to the Salesforce object QBO records of its kind are written to
   * ({@link SyncObject#defaultSalesforceObject}), else to any Salesforce object.
   */
  public Optional<RecordLink> find(String companyId, SyncObject object, String qboId) {
    List<RecordLink> all =
        jdbc.query(
            "SELECT * FROM record_link WHERE company_id = ? AND object = ? AND qbo_id = ?",
            (rs, n) -> read(rs),
            companyId,
            object.displayName(),
            qboId);
    String preferred = object.defaultSalesforceObject();
    return all.stream().filter(l -> l.salesforceObject().equals(preferred)).findFirst().or(() -> all.stream().findFirst());
  }

  public Optional<RecordLink> find(String companyId, SyncObject object, String salesforceObject, String qboId) {
    return jdbc
        .query(
            "SELECT * FROM record_link WHERE company_id = ? AND object = ? AND sf_object = ? AND qbo_id = ?",
            (rs, n) -> read(rs),
            companyId,
            object.displayName(),
            salesforceObject,
            qboId)
        .stream()
        .findFirst();
  }

  /** The links to the default Salesforce object of many records at once, by QBO id. */
  public Map<String, RecordLink> findAll(String companyId, SyncObject object, Collection<String> qboIds) {
    return findAll(companyId, object, object.defaultSalesforceObject(), qboIds);
  }

  /** The links of many records at once, by QBO id; ids without a link are absent. */
  public Map<String, RecordLink> findAll(
      String companyId, SyncObject object, String salesforceObject, Collection<String> qboIds) {
    return findIn(companyId, object, salesforceObject, "qbo_id", qboIds, RecordLink::qboId);
  }

  /** The links of many records at once, by Salesforce id; ids without a link are absent. */
  public Map<String, RecordLink> findBySalesforceIds(
      String companyId, SyncObject object, String salesforceObject, Collection<String> salesforceIds) {
    return findIn(companyId, object, salesforceObject, "salesforce_id", salesforceIds, RecordLink::salesforceId);
  }

  private Map<String, RecordLink> findIn(
      String companyId,
      SyncObject object,
      String salesforceObject,
      String column,
      Collection<String> values,
      Function<RecordLink, String> key) {
    Map<String, RecordLink> links = new HashMap<>();
    List<String> ids = new ArrayList<>(values);
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      String rows = String.join(",", Collections.nCopies(chunk.size(), "(?)"));
      List<Object> args = new ArrayList<>(chunk);
      args.add(companyId);
      args.add(object.displayName());
      args.add(salesforceObject);
      // A join on the ids, not "column IN (...)": H2 seeks an IN list only on an index's first column, so the
      // IN form read every link of the object per lookup (423 ms for 200 ids among 300,000 links; the join: 3 ms).
      jdbc.query(
          "SELECT l.* FROM (VALUES " + rows + ") AS wanted(id) JOIN record_link l ON l." + column + " = wanted.id"
              + " WHERE l.company_id = ? AND l.object = ? AND l.sf_object = ?",
          rs -> {
            RecordLink link = read(rs);
            links.put(key.apply(link), link);
          },
          args.toArray());
    }
    return links;
  }

  /** Ends the link of one QuickBooks record to a record of {@code salesforceObject}. */
  public void delete(String companyId, SyncObject object, String salesforceObject, String qboId) {
    jdbc.update("DELETE FROM record_link WHERE company_id = ? AND object = ? AND sf_object = ? AND qbo_id = ?",
        companyId, object.displayName(), salesforceObject, qboId);
  }

  /** Stores or replaces the link of one record. */
  public void save(RecordLink link) {
    saveAll(List.of(link));
  }

  /** Stores or replaces the links of many records: the known ones in one batch, the new ones inserted. */
  public void saveAll(List<RecordLink> links) {
    if (links.isEmpty()) {
      return;
    }
    int[] updated = jdbc.batchUpdate(UPDATE, links.stream().map(RecordLinkStore::updateArgs).toList());
    for (int i = 0; i < links.size(); i++) {
      if (updated[i] == 0) {
        insertOrUpdate(links.get(i));
      }
    }
  }

  private static final String UPDATE =
      "UPDATE record_link SET salesforce_id = ?, qbo_sync_token = ?, content_hash = ?, sf_modstamp = ?,"
          + " last_direction = ?, synced_at = ?, written_by = ?, created_by_write = ?"
          + " WHERE company_id = ? AND object = ? AND sf_object = ? AND qbo_id = ?";

  private static Object[] updateArgs(RecordLink link) {
    return new Object[] {link.salesforceId(), link.qboSyncToken(), link.contentHash(),
        Sql.timestamp(link.salesforceModstamp()), link.lastDirection().name(), Sql.timestamp(link.syncedAt()),
        link.writer(), link.createdByWrite(), link.companyId(), link.object().displayName(),
        link.salesforceObject(), link.qboId()};
  }

  /** Inserts a new link; if another writer inserted it meanwhile, updates theirs. */
  private void insertOrUpdate(RecordLink link) {
    try {
      jdbc.update(
          "INSERT INTO record_link (company_id, object, qbo_id, sf_object, salesforce_id, qbo_sync_token,"
              + " content_hash, sf_modstamp, last_direction, synced_at, written_by, created_by_write)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          link.companyId(), link.object().displayName(), link.qboId(), link.salesforceObject(), link.salesforceId(),
          link.qboSyncToken(), link.contentHash(), Sql.timestamp(link.salesforceModstamp()), link.lastDirection().name(),
          Sql.timestamp(link.syncedAt()), link.writer(), link.createdByWrite());
    } catch (DuplicateKeyException raced) {
      jdbc.update(UPDATE, updateArgs(link));
    }
  }

  /**
   * The finished writes of one sync ({@link RecordLink#writer}) to a Salesforce object saved after {@code after}:
   * what its earlier attempts did that their last checkpoint did not count.
   */
  public List<RecordLink> writtenBy(String companyId, SyncObject object, String salesforceObject, String writer,
      Instant after) {
    return jdbc.query(
        "SELECT * FROM record_link WHERE company_id = ? AND object = ? AND sf_object = ? AND written_by = ?"
            + " AND synced_at > ? AND content_hash NOT IN (?, ?, ?)",
        (rs, n) -> read(rs),
        companyId, object.displayName(), salesforceObject, writer, Sql.timestamp(after),
        RecordLink.UNFINISHED, RecordLink.RESYNC, RecordLink.DELETED);
  }

  /**
   * Every link of a company's object to one Salesforce object, one at a time: a reconciliation
   * reads them all without holding them as records.
   */
  public void forEach(String companyId, SyncObject object, String salesforceObject, Consumer<RecordLink> each) {
    jdbc.query(
        "SELECT * FROM record_link WHERE company_id = ? AND object = ? AND sf_object = ?",
        rs -> {
          each.accept(read(rs));
        },
        companyId,
        object.displayName(),
        salesforceObject);
  }

  /**
   * Makes the next sync of these records in {@code direction} write them, though their links say the
   * target already holds their content: what a reconciliation found to differ. The content becomes
   * {@link RecordLink#RESYNC}; going to QuickBooks the Salesforce side also counts as changed since
   * the last sync (its SystemModstamp is set to the epoch), as the sync reads Salesforce records that
   * changed only. What the link knows of the target stays: when the target changed too, the sync's
   * conflict policy decides, as for any change; otherwise the source's version is written.
   */
  public void markForResync(
      String companyId, SyncObject object, String salesforceObject, SyncDirection direction, Collection<String> qboIds) {
    boolean toQuickBooks = direction == SyncDirection.SALESFORCE_TO_QBO;
    List<String> ids = new ArrayList<>(qboIds);
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>();
      args.add(RecordLink.RESYNC);
      if (toQuickBooks) {
        args.add(Sql.timestamp(Instant.EPOCH));
      }
      args.add(companyId);
      args.add(object.displayName());
      args.add(salesforceObject);
      args.addAll(chunk);
      jdbc.update(
          "UPDATE record_link SET content_hash = ?" + (toQuickBooks ? ", sf_modstamp = ?" : "")
              + " WHERE company_id = ? AND object = ? AND sf_object = ? AND qbo_id IN ("
              + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
          args.toArray());
    }
  }

  /** How many records of an object are linked, for status pages and tests. */
  public int count(String companyId, SyncObject object, String salesforceObject) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM record_link WHERE company_id = ? AND object = ? AND sf_object = ?",
            Integer.class,
            companyId,
            object.displayName(),
            salesforceObject);
    return count == null ? 0 : count;
  }

  private static RecordLink read(ResultSet rs) throws SQLException {
    return new RecordLink(
        rs.getString("company_id"),
        SyncObject.require(rs.getString("object")),
        rs.getString("qbo_id"),
        rs.getString("sf_object"),
        rs.getString("salesforce_id"),
        rs.getString("qbo_sync_token"),
        rs.getString("content_hash"),
        Sql.instant(rs, "sf_modstamp"),
        SyncDirection.valueOf(rs.getString("last_direction")),
        Sql.instant(rs, "synced_at"),
        rs.getString("written_by"),
        rs.getBoolean("created_by_write"));
  }
}
