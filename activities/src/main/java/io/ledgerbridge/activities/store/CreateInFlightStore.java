package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates sent to a target whose record carries no key back to its source until the sync writes
 * one (QuickBooks records made from Salesforce), in {@code create_in_flight}: noted before the
 * create is sent, forgotten once its link is saved. What stays was cut off between the two.
 */
public final class CreateInFlightStore {
  private static final int IN_CHUNK = 200;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public CreateInFlightStore(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  CreateInFlightStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Notes that the record's create is about to be sent; noting it again only moves its time. Returns
   * whether it was noted already: a create sent before and cut off, whose answer to the create sent
   * again under the same requestid is the record the first one made, with what it held then.
   */
  public boolean begin(String companyId, SyncObject object, SyncDirection direction, String sourceId) {
    var now = Sql.timestamp(clock.instant());
    if (moveTime(companyId, object, direction, sourceId, now)) {
      return true;
    }
    try {
      jdbc.update(
          "INSERT INTO create_in_flight (company_id, object, direction, source_id, started_at) VALUES (?, ?, ?, ?, ?)",
          companyId, object.displayName(), direction.name(), sourceId, now);
      return false;
    } catch (DuplicateKeyException raced) {
      return moveTime(companyId, object, direction, sourceId, now);
    }
  }

  private boolean moveTime(String companyId, SyncObject object, SyncDirection direction, String sourceId, Object time) {
    return jdbc.update(
        "UPDATE create_in_flight SET started_at = ? WHERE company_id = ? AND object = ? AND direction = ? AND source_id = ?",
        time, companyId, object.displayName(), direction.name(), sourceId) > 0;
  }

  /** Forgets the records' creates: their links are saved, or they will not be sent. */
  public void end(String companyId, SyncObject object, SyncDirection direction, Collection<String> sourceIds) {
    List<String> ids = new ArrayList<>(sourceIds);
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>(List.of(companyId, object.displayName(), direction.name()));
      args.addAll(chunk);
      jdbc.update("DELETE FROM create_in_flight WHERE company_id = ? AND object = ? AND direction = ? AND source_id IN ("
          + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", args.toArray());
    }
  }

  /** The source ids of creates noted and not forgotten, oldest first. */
  public List<String> ids(String companyId, SyncObject object, SyncDirection direction, int limit) {
    return jdbc.queryForList(
        "SELECT source_id FROM create_in_flight WHERE company_id = ? AND object = ? AND direction = ?"
            + " ORDER BY started_at, source_id LIMIT ?",
        String.class, companyId, object.displayName(), direction.name(), limit);
  }
}
