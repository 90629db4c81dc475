package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
   * A create noted in flight: the batch it was sent in ({@code requestId}, and its item's bId), or
   * neither for a create noted before creates went in batches, which was sent alone.
   */
  public record Note(String sourceId, String requestId, String batchItem) {}

  /**
   * Notes that the records' creates are about to be sent in the batch {@code requestId}, with their bIds, where
   * no other create of theirs is noted: the note is the claim to create the record, so two syncs writing the
   * same record at once (a run and the opposite direction finishing its creates, a parent pulled through)
   * never make it twice.
   *
   * @return the source ids another create had noted first, which were not noted again
   */
  public Set<String> claim(String companyId, SyncObject object, SyncDirection direction, String requestId,
      Map<String, String> batchItemBySourceId) {
    var now = Sql.timestamp(clock.instant());
    Set<String> notedElsewhere = new LinkedHashSet<>();
    batchItemBySourceId.forEach((sourceId, batchItem) -> {
      try {
        jdbc.update("INSERT INTO create_in_flight (company_id, object, direction, source_id, started_at, request_id,"
                + " batch_item) VALUES (?, ?, ?, ?, ?, ?, ?)",
            companyId, object.displayName(), direction.name(), sourceId, now, requestId, batchItem);
      } catch (DuplicateKeyException noted) {
        notedElsewhere.add(sourceId);
      }
    });
    return notedElsewhere;
  }

  /**
   * The notes of those records whose create was sent before and cut off: sent again the same way, it
   * is answered with the record the first one made, with what it held then.
   */
  public Map<String, Note> noted(String companyId, SyncObject object, SyncDirection direction,
      Collection<String> sourceIds) {
    Map<String, Note> notes = new HashMap<>();
    List<String> ids = new ArrayList<>(sourceIds);
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>(List.of(companyId, object.displayName(), direction.name()));
      args.addAll(chunk);
      jdbc.query("SELECT source_id, request_id, batch_item FROM create_in_flight"
              + " WHERE company_id = ? AND object = ? AND direction = ? AND source_id IN ("
              + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
          rs -> {
            Note note = new Note(rs.getString("source_id"), rs.getString("request_id"), rs.getString("batch_item"));
            notes.put(note.sourceId(), note);
          },
          args.toArray());
    }
    return notes;
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
