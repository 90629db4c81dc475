package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.runs.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read-only aggregates behind the status summary: per company, object and direction, what the
 * last run of the object did and when it last synced, the cursor, and how many linked records
 * have no open error. Each query is one grouped scan, so the summary stays cheap as history grows.
 */
public final class SyncStatusStore {
  private final JdbcTemplate jdbc;

  public SyncStatusStore(JdbcTemplate jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  /** A (company, object, direction) some job syncs. */
  public record JobObject(String jobId, String jobName, String companyId, String object, String direction, String state) {}

  /** The latest finished run of one object, and the latest one that synced records (did not fail as a whole). */
  public record ObjectRuns(
      String companyId,
      String object,
      String direction,
      String lastRunId,
      RunStatus lastStatus,
      Instant lastFinishedAt,
      int lastDeferred,
      String lastError,
      Instant lastSuccessfulAt) {}

  /** The cursor of one object and direction. */
  public record Cursor(String companyId, String object, String direction, String value, Instant updatedAt) {}

  /**
   * Linked records of one company and object: {@code linked} in all, {@code inSync} of them
   * without an open error.
   */
  public record Linked(String companyId, String object, int linked, int inSync) {}

  public List<JobObject> jobObjects() {
    List<JobObject> all = new ArrayList<>();
    jdbc.query(
        "SELECT id, name, company_id, direction, objects, state FROM sync_job ORDER BY company_id, name",
        rs -> {
          for (String object : Arrays.asList(rs.getString("objects").split(","))) {
            all.add(
                new JobObject(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("company_id"),
                    object.trim(),
                    rs.getString("direction"),
                    rs.getString("state")));
          }
        });
    return all;
  }

  public List<ObjectRuns> objectRuns() {
    List<ObjectRuns> latest =
        jdbc.query(
            "SELECT company_id, direction, object, run_id, status, finished_at, deferred_count, error FROM ("
                + " SELECT r.company_id, r.direction, o.object, o.run_id, o.status, o.finished_at, o.deferred_count, o.error,"
                + " ROW_NUMBER() OVER (PARTITION BY r.company_id, r.direction, o.object ORDER BY o.finished_at DESC, o.run_id) AS n"
                + " FROM job_run_object o JOIN job_run r ON r.run_id = o.run_id"
                + " WHERE r.company_id IS NOT NULL AND r.direction IS NOT NULL AND o.finished_at IS NOT NULL) latest"
                + " WHERE n = 1",
            (rs, n) ->
                new ObjectRuns(
                    rs.getString("company_id"),
                    rs.getString("object"),
                    rs.getString("direction"),
                    rs.getString("run_id"),
                    RunStatus.valueOf(rs.getString("status")),
                    instant(rs, "finished_at"),
                    rs.getInt("deferred_count"),
                    rs.getString("error"),
                    null));
    Map<String, Instant> lastSuccess = new HashMap<>();
    jdbc.query(
        "SELECT r.company_id, r.direction, o.object, MAX(o.finished_at) AS at"
            + " FROM job_run_object o JOIN job_run r ON r.run_id = o.run_id"
            + " WHERE o.status IN (?, ?) AND r.company_id IS NOT NULL GROUP BY r.company_id, r.direction, o.object",
        rs -> {
          lastSuccess.put(key(rs.getString("company_id"), rs.getString("object"), rs.getString("direction")), instant(rs, "at"));
        },
        RunStatus.SUCCEEDED.name(),
        RunStatus.PARTLY_FAILED.name());
    return latest.stream()
        .map(
            runs ->
                new ObjectRuns(
                    runs.companyId(),
                    runs.object(),
                    runs.direction(),
                    runs.lastRunId(),
                    runs.lastStatus(),
                    runs.lastFinishedAt(),
                    runs.lastDeferred(),
                    runs.lastError(),
                    lastSuccess.get(key(runs.companyId(), runs.object(), runs.direction()))))
        .toList();
  }

  private static String key(String companyId, String object, String direction) {
    return companyId + "|" + object + "|" + direction;
  }

  public List<Cursor> cursors() {
    return jdbc.query(
        "SELECT company_id, object, direction, cursor_value, updated_at FROM sync_cursor",
        (rs, n) ->
            new Cursor(
                rs.getString("company_id"),
                rs.getString("object"),
                rs.getString("direction"),
                rs.getString("cursor_value"),
                instant(rs, "updated_at")));
  }

  /**
   * Per company and object, the QBO records linked to Salesforce (one record may have counterparts
   * in several Salesforce objects; it counts once) and those of them without an open error.
   */
  public List<Linked> linked() {
    return jdbc.query(
        "SELECT l.company_id, l.object, COUNT(DISTINCT l.qbo_id) AS linked,"
            + " COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM record_error e WHERE e.company_id = l.company_id"
            + " AND e.object = l.object AND e.status = 'OPEN'"
            + " AND (e.source_id = l.qbo_id OR e.source_id = l.salesforce_id)) THEN NULL ELSE l.qbo_id END) AS in_sync"
            + " FROM record_link l GROUP BY l.company_id, l.object",
        (rs, n) -> new Linked(rs.getString("company_id"), rs.getString("object"), rs.getInt("linked"), rs.getInt("in_sync")));
  }

  /** Records waiting for their parent in the target, per company, object and direction. */
  public record Deferred(String companyId, String object, String direction, int records) {}

  public List<Deferred> deferred() {
    return jdbc.query(
        "SELECT company_id, object, direction, COUNT(*) AS records FROM deferred_record GROUP BY company_id, object, direction",
        (rs, n) -> new Deferred(rs.getString("company_id"), rs.getString("object"), rs.getString("direction"), rs.getInt("records")));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
