package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

  /** The source ids of an object's records with an open error, whole-object failures left out. */
  public Set<String> openSourceIds(String companyId, SyncObject object, SyncDirection direction) {
    Set<String> ids = new HashSet<>();
    jdbc.query(
        "SELECT source_id FROM record_error WHERE company_id = ? AND object = ? AND direction = ? AND status = ?"
            + " AND source_id <> ?",
        rs -> {
          ids.add(rs.getString("source_id"));
        },
        companyId,
        object.displayName(),
        direction.name(),
        RecordErrorStatus.OPEN.name(),
        WHOLE_OBJECT);
    return ids;
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

  /**
   * The source id of an error that stands for a whole object run rather than one record: the
   * object failed as a whole (auth, throttling, outage) once Temporal's retries were exhausted.
   */
  public static final String WHOLE_OBJECT = "*";

  private static final String NEWEST_OF_ITS_RECORD =
      "NOT EXISTS (SELECT 1 FROM record_error n WHERE n.company_id = e.company_id AND n.object = e.object"
          + " AND n.direction = e.direction AND n.source_id = e.source_id AND n.id > e.id)";

  /**
   * One page of the newest error of each record matching {@code filter}, most recently seen
   * first; a record's older errors are its history ({@link #history}).
   */
  public List<RecordError> newestPerRecord(RecordErrorFilter filter, int offset, int limit) {
    List<Object> args = new ArrayList<>();
    String where = filter.where("e", args);
    args.add(limit);
    args.add(offset);
    return jdbc.query(
        "SELECT e.* FROM record_error e WHERE " + where + " AND " + NEWEST_OF_ITS_RECORD
            + " ORDER BY e.last_seen_at DESC, e.id DESC LIMIT ? OFFSET ?",
        (rs, n) -> read(rs),
        args.toArray());
  }

  /** How many records {@link #newestPerRecord} would list in all. */
  public long countNewestPerRecord(RecordErrorFilter filter) {
    List<Object> args = new ArrayList<>();
    String where = filter.where("e", args);
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM record_error e WHERE " + where + " AND " + NEWEST_OF_ITS_RECORD,
            Long.class,
            args.toArray());
    return count == null ? 0 : count;
  }

  /** Every error of the record that error {@code id} belongs to, newest first (itself included). */
  public List<RecordError> history(long id) {
    return jdbc.query(
        "SELECT e.* FROM record_error e JOIN record_error r ON r.company_id = e.company_id"
            + " AND r.object = e.object AND r.direction = e.direction AND r.source_id = e.source_id"
            + " WHERE r.id = ? ORDER BY e.id DESC",
        (rs, n) -> read(rs),
        id);
  }

  /** Open errors per company, object, direction and type, for the status summary and metrics. */
  public List<OpenErrorCount> openCounts() {
    return jdbc.query(
        "SELECT company_id, object, direction, error_type,"
            + " SUM(CASE WHEN source_id = ? THEN 0 ELSE 1 END) AS records,"
            + " SUM(CASE WHEN source_id = ? THEN 1 ELSE 0 END) AS whole_object"
            + " FROM record_error WHERE status = ? GROUP BY company_id, object, direction, error_type"
            + " ORDER BY company_id, object, direction, error_type",
        (rs, n) ->
            new OpenErrorCount(
                rs.getString("company_id"),
                SyncObject.require(rs.getString("object")),
                SyncDirection.valueOf(rs.getString("direction")),
                FailureType.valueOf(rs.getString("error_type")),
                rs.getInt("records"),
                rs.getInt("whole_object")),
        WHOLE_OBJECT,
        WHOLE_OBJECT,
        RecordErrorStatus.OPEN.name());
  }

  /** How many errors are open; {@code companyIdOrNull} narrows to one company. */
  public int countOpen(String companyIdOrNull) {
    Integer count =
        companyIdOrNull == null
            ? jdbc.queryForObject(
                "SELECT COUNT(*) FROM record_error WHERE status = ?", Integer.class, RecordErrorStatus.OPEN.name())
            : jdbc.queryForObject(
                "SELECT COUNT(*) FROM record_error WHERE status = ? AND company_id = ?",
                Integer.class,
                RecordErrorStatus.OPEN.name(),
                companyIdOrNull);
    return count == null ? 0 : count;
  }

  /** Notes that an admin retried an open error and which workflow does it; returns whether it was open. */
  public boolean markRetryRequested(long id, String workflowId) {
    return jdbc.update(
            "UPDATE record_error SET retry_requested_at = ?, retry_workflow_id = ? WHERE id = ? AND status = ?",
            Sql.timestamp(clock.instant()),
            Sql.fit(workflowId, 200),
            id,
            RecordErrorStatus.OPEN.name())
        == 1;
  }

  /** The last retry requested on each of {@code ids} that has one. */
  public List<RetryRequest> retryRequests(Collection<Long> ids) {
    List<Long> all = new ArrayList<>(ids);
    List<RetryRequest> found = new ArrayList<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      found.addAll(
          jdbc.query(
              "SELECT id, retry_requested_at, retry_workflow_id FROM record_error WHERE retry_requested_at IS NOT NULL"
                  + " AND id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
              (rs, n) ->
                  new RetryRequest(rs.getLong("id"), Sql.instant(rs, "retry_requested_at"), rs.getString("retry_workflow_id")),
              chunk.toArray()));
    }
    return found;
  }

  /** Dismisses every open error matching {@code filter}; returns how many. */
  public int dismissAll(RecordErrorFilter filter) {
    List<Object> args = new ArrayList<>();
    args.add(RecordErrorStatus.DISMISSED.name());
    args.add(Sql.timestamp(clock.instant()));
    String where = filter.withStatus(RecordErrorStatus.OPEN).where("e", args);
    return jdbc.update(
        "UPDATE record_error e SET status = ?, last_seen_at = ? WHERE " + where, args.toArray());
  }

  /** When an error was open: from {@code openedAt} until {@code closedAt}, null while it is still open. */
  public record OpenSpan(FailureType type, Instant openedAt, Instant closedAt) {}

  /**
   * The errors that were open at some time from {@code from} to {@code to}. A resolved or dismissed
   * error's last_seen_at is when it closed: closing sets it, and nothing changes a closed error
   * afterwards (every other update of last_seen_at is of an OPEN error). Its type is its latest
   * failure's, as record_error keeps no other.
   */
  public List<OpenSpan> openSpans(Instant from, Instant to) {
    return jdbc.query(
        "SELECT error_type, status, first_seen_at, last_seen_at FROM record_error"
            + " WHERE first_seen_at <= ? AND (status = ? OR last_seen_at > ?)",
        (rs, n) ->
            new OpenSpan(
                FailureType.valueOf(rs.getString("error_type")),
                Sql.instant(rs, "first_seen_at"),
                RecordErrorStatus.OPEN.name().equals(rs.getString("status"))
                    ? null
                    : Sql.instant(rs, "last_seen_at")),
        Sql.timestamp(to),
        RecordErrorStatus.OPEN.name(),
        Sql.timestamp(from));
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
