package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One incremental-sync cursor per (company, object, direction) in {@code sync_cursor}: for QBO the
 * highest {@code MetaData.LastUpdatedTime} already written to the target.
 */
public final class CursorStore {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public CursorStore(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  CursorStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Where the next incremental run of an object starts.
   *
   * @param value the newest change already written to the target (QBO {@code LastUpdatedTime}, Salesforce
   *     {@code SystemModstamp})
   * @param lastIdAtValue the id of the last record done at that instant, where the source's change query
   *     orders by time and then id and the instant was complete when read (Salesforce); the next run starts
   *     past it. Null where the next run reads the instant again.
   */
  public record Cursor(String value, String lastIdAtValue) {
    public Cursor {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The cursor, or empty when the object has never synced in this direction (full sync). */
  public Optional<Cursor> find(String companyId, SyncObject object, SyncDirection direction) {
    return jdbc.query(
            "SELECT cursor_value, last_id_at_cursor FROM sync_cursor WHERE company_id = ? AND object = ? AND direction = ?",
            (rs, row) -> new Cursor(rs.getString("cursor_value"), rs.getString("last_id_at_cursor")),
            companyId,
            object.displayName(),
            direction.name())
        .stream()
        .findFirst();
  }

  /** Stores the cursor; call only after every record up to it has been written. */
  public void save(String companyId, SyncObject object, SyncDirection direction, Cursor cursor) {
    Objects.requireNonNull(cursor, "cursor");
    var now = Sql.timestamp(clock.instant());
    Sql.upsert(
        () ->
            jdbc.update(
                "UPDATE sync_cursor SET cursor_value = ?, last_id_at_cursor = ?, updated_at = ?"
                    + " WHERE company_id = ? AND object = ? AND direction = ?",
                cursor.value(),
                cursor.lastIdAtValue(),
                now,
                companyId,
                object.displayName(),
                direction.name()),
        () ->
            jdbc.update(
                "INSERT INTO sync_cursor (company_id, object, direction, cursor_value, last_id_at_cursor, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                companyId,
                object.displayName(),
                direction.name(),
                cursor.value(),
                cursor.lastIdAtValue(),
                now));
  }

  /** Forgets the cursor, so the next run syncs every record again (an admin's "full resync"). */
  public void reset(String companyId, SyncObject object, SyncDirection direction) {
    jdbc.update(
        "DELETE FROM sync_cursor WHERE company_id = ? AND object = ? AND direction = ?",
        companyId,
        object.displayName(),
        direction.name());
  }
}
