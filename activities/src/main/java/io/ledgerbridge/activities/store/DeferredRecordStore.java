package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records deferred because a parent is missing in the target, in {@code deferred_record}: one row
 * per (company, object, direction, source id), whose attempts count the runs that tried it.
 */
public final class DeferredRecordStore {
  private static final int IN_CHUNK = 500;
  private static final int MISSING_MAX = 1000;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public DeferredRecordStore(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  DeferredRecordStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Defers a record, or counts one more attempt of an already deferred one; a second deferral in
   * the same run does not count twice.
   *
   * @return the attempts so far, this one included
   */
  public int defer(
      String companyId,
      SyncObject object,
      SyncDirection direction,
      String sourceId,
      String missingParents,
      String jobId,
      String runId) {
    var now = Sql.timestamp(clock.instant());
    String missing = Sql.fit(missingParents, MISSING_MAX);
    Sql.upsert(
        () ->
            jdbc.update(
                "UPDATE deferred_record SET missing_parents = ?,"
                    + " attempts = CASE WHEN run_id IS NOT NULL AND run_id = ? THEN attempts ELSE attempts + 1 END,"
                    + " job_id = ?, run_id = ?, last_attempt_at = ?"
                    + " WHERE company_id = ? AND object = ? AND direction = ? AND source_id = ?",
                missing,
                runId,
                jobId,
                runId,
                now,
                companyId,
                object.displayName(),
                direction.name(),
                sourceId),
        () ->
            jdbc.update(
                "INSERT INTO deferred_record (company_id, object, direction, source_id, missing_parents, attempts,"
                    + " job_id, run_id, first_deferred_at, last_attempt_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                companyId,
                object.displayName(),
                direction.name(),
                sourceId,
                missing,
                jobId,
                runId,
                now,
                now));
    return find(companyId, object, direction, sourceId).map(DeferredRecord::attempts).orElse(1);
  }

  /** The deferred records' source ids, longest waiting first. */
  public List<String> ids(String companyId, SyncObject object, SyncDirection direction, int limit) {
    return jdbc.queryForList(
        "SELECT source_id FROM deferred_record WHERE company_id = ? AND object = ? AND direction = ?"
            + " ORDER BY first_deferred_at, source_id LIMIT ?",
        String.class,
        companyId,
        object.displayName(),
        direction.name(),
        limit);
  }

  /** Forgets records that synced (or can no longer be synced). */
  public int remove(String companyId, SyncObject object, SyncDirection direction, Collection<String> sourceIds) {
    List<String> ids = new ArrayList<>(sourceIds);
    int removed = 0;
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>(List.of(companyId, object.displayName(), direction.name()));
      args.addAll(chunk);
      removed +=
          jdbc.update(
              "DELETE FROM deferred_record WHERE company_id = ? AND object = ? AND direction = ? AND source_id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ")",
              args.toArray());
    }
    return removed;
  }

  public Optional<DeferredRecord> find(String companyId, SyncObject object, SyncDirection direction, String sourceId) {
    return jdbc
        .query(
            "SELECT * FROM deferred_record WHERE company_id = ? AND object = ? AND direction = ? AND source_id = ?",
            (rs, n) -> read(rs),
            companyId,
            object.displayName(),
            direction.name(),
            sourceId)
        .stream()
        .findFirst();
  }

  /** Deferred records, longest waiting first; {@code companyIdOrNull} narrows to one company. */
  public List<DeferredRecord> list(String companyIdOrNull, int limit) {
    if (companyIdOrNull == null) {
      return jdbc.query(
          "SELECT * FROM deferred_record ORDER BY first_deferred_at, source_id LIMIT ?", (rs, n) -> read(rs), limit);
    }
    return jdbc.query(
        "SELECT * FROM deferred_record WHERE company_id = ? ORDER BY first_deferred_at, source_id LIMIT ?",
        (rs, n) -> read(rs),
        companyIdOrNull,
        limit);
  }

  private static DeferredRecord read(ResultSet rs) throws SQLException {
    return new DeferredRecord(
        rs.getString("company_id"),
        SyncObject.require(rs.getString("object")),
        SyncDirection.valueOf(rs.getString("direction")),
        rs.getString("source_id"),
        rs.getString("missing_parents"),
        rs.getInt("attempts"),
        rs.getString("job_id"),
        rs.getString("run_id"),
        Sql.instant(rs, "first_deferred_at"),
        Sql.instant(rs, "last_attempt_at"));
  }
}
