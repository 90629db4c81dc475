package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
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
 * Per-record errors in {@code record_error}: at most one OPEN row per (company, object, direction,
 * source id), whose attempts count the runs in which the record failed; a later successful sync
 * resolves it.
 */
public final class RecordErrorStore {
  private static final int IN_CHUNK = 500;
  private static final int MESSAGE_MAX = 4000;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public RecordErrorStore(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  RecordErrorStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records a failure: opens an error, or updates the open one and counts one more attempt.
   * Idempotent per run: recording the same record again in the same run does not count twice.
   */
  public void record(RecordFailure failure) {
    var now = Sql.timestamp(clock.instant());
    String message = Sql.fit(failure.message(), MESSAGE_MAX);
    String remoteCode = Sql.fit(failure.remoteCode(), 64);
    int updated =
        jdbc.update(
            "UPDATE record_error SET error_type = ?, remote_code = ?, message = ?,"
                + " attempts = CASE WHEN run_id IS NOT NULL AND run_id = ? THEN attempts ELSE attempts + 1 END,"
                + " job_id = ?, run_id = ?, last_seen_at = ?"
                + " WHERE company_id = ? AND object = ? AND direction = ? AND source_id = ? AND status = ?",
            failure.type().name(),
            remoteCode,
            message,
            failure.runId(),
            failure.jobId(),
            failure.runId(),
            now,
            failure.companyId(),
            failure.object().displayName(),
            failure.direction().name(),
            failure.sourceId(),
            RecordErrorStatus.OPEN.name());
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO record_error (company_id, object, direction, source_id, error_type, remote_code,"
              + " message, attempts, status, job_id, run_id, first_seen_at, last_seen_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
          failure.companyId(),
          failure.object().displayName(),
          failure.direction().name(),
          failure.sourceId(),
          failure.type().name(),
          remoteCode,
          message,
          RecordErrorStatus.OPEN.name(),
          failure.jobId(),
          failure.runId(),
          now,
          now);
    }
  }

  /**
   * Resolves the open errors of records that have now synced.
   *
   * @return how many errors were resolved
   */
  public int resolve(
      String companyId, SyncObject object, SyncDirection direction, Collection<String> sourceIds) {
    var now = Sql.timestamp(clock.instant());
    List<String> ids = new ArrayList<>(sourceIds);
    int resolved = 0;
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>();
      args.add(RecordErrorStatus.RESOLVED.name());
      args.add(now);
      args.add(companyId);
      args.add(object.displayName());
      args.add(direction.name());
      args.add(RecordErrorStatus.OPEN.name());
      args.addAll(chunk);
      resolved +=
          jdbc.update(
              "UPDATE record_error SET status = ?, last_seen_at = ?"
                  + " WHERE company_id = ? AND object = ? AND direction = ? AND status = ? AND source_id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ")",
              args.toArray());
    }
    return resolved;
  }

  /** The open error of one record, if any. */
  public Optional<RecordError> findOpen(
      String companyId, SyncObject object, SyncDirection direction, String sourceId) {
    return jdbc
        .query(
            "SELECT * FROM record_error WHERE company_id = ? AND object = ? AND direction = ?"
                + " AND source_id = ? AND status = ?",
            (rs, n) -> read(rs),
            companyId,
            object.displayName(),
            direction.name(),
            sourceId,
            RecordErrorStatus.OPEN.name())
        .stream()
        .findFirst();
  }

  /** Open errors, newest first; {@code companyIdOrNull} narrows to one company. */
  public List<RecordError> open(String companyIdOrNull, int limit) {
    if (companyIdOrNull == null) {
      return jdbc.query(
          "SELECT * FROM record_error WHERE status = ? ORDER BY last_seen_at DESC, id DESC LIMIT ?",
          (rs, n) -> read(rs),
          RecordErrorStatus.OPEN.name(),
          limit);
    }
    return jdbc.query(
        "SELECT * FROM record_error WHERE status = ? AND company_id = ?"
            + " ORDER BY last_seen_at DESC, id DESC LIMIT ?",
        (rs, n) -> read(rs),
        RecordErrorStatus.OPEN.name(),
        companyIdOrNull,
        limit);
  }

  public Optional<RecordError> find(long id) {
    return jdbc.query("SELECT * FROM record_error WHERE id = ?", (rs, n) -> read(rs), id).stream()
        .findFirst();
  }

  /** An admin ignores an open error; returns whether it was open. */
  public boolean dismiss(long id) {
    return jdbc.update(
            "UPDATE record_error SET status = ?, last_seen_at = ? WHERE id = ? AND status = ?",
            RecordErrorStatus.DISMISSED.name(),
            Sql.timestamp(clock.instant()),
            id,
            RecordErrorStatus.OPEN.name())
        == 1;
  }

  private static RecordError read(ResultSet rs) throws SQLException {
    return new RecordError(
        rs.getLong("id"),
        rs.getString("company_id"),
        SyncObject.require(rs.getString("object")),
        SyncDirection.valueOf(rs.getString("direction")),
        rs.getString("source_id"),
        FailureType.valueOf(rs.getString("error_type")),
        rs.getString("remote_code"),
        rs.getString("message"),
        rs.getInt("attempts"),
        RecordErrorStatus.valueOf(rs.getString("status")),
        rs.getString("job_id"),
        rs.getString("run_id"),
        Sql.instant(rs, "first_seen_at"),
        Sql.instant(rs, "last_seen_at"));
  }
}
