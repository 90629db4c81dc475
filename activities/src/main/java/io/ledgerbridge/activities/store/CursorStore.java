package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Clock;
import java.util.List;
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

  /** The cursor, or empty when the object has never synced in this direction (full sync). */
  public Optional<String> find(String companyId, SyncObject object, SyncDirection direction) {
    List<String> values =
        jdbc.queryForList(
            "SELECT cursor_value FROM sync_cursor WHERE company_id = ? AND object = ? AND direction = ?",
            String.class,
            companyId,
            object.displayName(),
            direction.name());
    return values.stream().findFirst();
  }

  /** Stores the cursor; call only after every record up to it has been written. */
  public void save(String companyId, SyncObject object, SyncDirection direction, String cursor) {
    Objects.requireNonNull(cursor, "cursor");
    var now = Sql.timestamp(clock.instant());
    Sql.upsert(
        () ->
            jdbc.update(
                "UPDATE sync_cursor SET cursor_value = ?, updated_at = ?"
                    + " WHERE company_id = ? AND object = ? AND direction = ?",
                cursor,
                now,
                companyId,
                object.displayName(),
                direction.name()),
        () ->
            jdbc.update(
                "INSERT INTO sync_cursor (company_id, object, direction, cursor_value, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)",
                companyId,
                object.displayName(),
                direction.name(),
                cursor,
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
