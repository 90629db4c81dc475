package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Clock;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which job's object mappings passed the Salesforce preflight, in {@code preflight_pass}: checked
 * before a job's first run of an object, and again when its mapping changed.
 */
public final class PreflightStore {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PreflightStore(JdbcTemplate jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  PreflightStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public boolean passed(String jobId, SyncObject object, SyncDirection direction, String fingerprint) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM preflight_pass WHERE job_id = ? AND object = ? AND direction = ?"
                + " AND mapping_fingerprint = ?",
            Integer.class,
            jobId,
            object.displayName(),
            direction.name(),
            fingerprint);
    return count != null && count > 0;
  }

  public void pass(String jobId, SyncObject object, SyncDirection direction, String fingerprint) {
    var now = Sql.timestamp(clock.instant());
    Sql.upsert(
        () ->
            jdbc.update(
                "UPDATE preflight_pass SET mapping_fingerprint = ?, checked_at = ?"
                    + " WHERE job_id = ? AND object = ? AND direction = ?",
                fingerprint,
                now,
                jobId,
                object.displayName(),
                direction.name()),
        () ->
            jdbc.update(
                "INSERT INTO preflight_pass (job_id, object, direction, mapping_fingerprint, checked_at)"
                    + " VALUES (?, ?, ?, ?, ?)",
                jobId,
                object.displayName(),
                direction.name(),
                fingerprint,
                now));
  }
}
