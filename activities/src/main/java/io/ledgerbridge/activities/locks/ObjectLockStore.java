package io.ledgerbridge.activities.locks;

import io.ledgerbridge.workflows.locks.ObjectLockRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Object locks in table {@code object_lock}. A lock is a short lease that its holder renews while
 * it syncs, so a run that vanished without releasing it (a killed worker, a terminated workflow, an
 * embedded Temporal that forgot its runs) blocks others for one lease at most.
 */
public final class ObjectLockStore {
  /**
   * How long a lock outlives its last renewal: three renewals' worth (the workflow's {@code
   * ObjectLocking} renews every 30 s),
   * so one slow renewal never loses a live holder's lock, and a dead holder's lock lapses within a
   * minute and a half.
   */
  static final Duration LEASE = Duration.ofSeconds(90);

  private final JdbcTemplate jdbc;
  private final Duration lease;

  public ObjectLockStore(JdbcTemplate jdbc) {
    this(jdbc, LEASE);
  }

  ObjectLockStore(JdbcTemplate jdbc, Duration lease) {
    this.jdbc = jdbc;
    this.lease = lease;
  }

  /**
   * Takes the lock if it is free, lapsed, or already this run's.
   *
   * @return empty when taken; otherwise the workflow id of the run holding it
   */
  Optional<String> tryAcquire(ObjectLockRequest request, Instant now) {
    Timestamp at = Timestamp.from(now);
    Timestamp expires = Timestamp.from(now.plus(lease));
    int taken =
        jdbc.update(
            "UPDATE object_lock SET run_id = ?, workflow_id = ?, acquired_at = ?, expires_at = ?"
                + " WHERE company_id = ? AND object = ? AND direction = ? AND (run_id = ? OR expires_at < ?)",
            request.runId(), request.workflowId(), at, expires,
            request.companyId(), lockedObject(request), request.direction().name(), request.runId(), at);
    if (taken == 1) {
      return Optional.empty();
    }
    try {
      jdbc.update(
          "INSERT INTO object_lock (company_id, object, direction, run_id, workflow_id, acquired_at, expires_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          request.companyId(), lockedObject(request), request.direction().name(), request.runId(),
          request.workflowId(), at, expires);
      return Optional.empty();
    } catch (DuplicateKeyException held) {
      return holder(request).or(() -> Optional.of("a run that just finished"));
    }
  }

  /** Extends this run's lease by one {@link #LEASE} from {@code now}; false when the run no longer holds the lock. */
  boolean renew(ObjectLockRequest request, Instant now) {
    return jdbc.update(
            "UPDATE object_lock SET expires_at = ? WHERE company_id = ? AND object = ? AND direction = ? AND run_id = ?",
            Timestamp.from(now.plus(lease)), request.companyId(), lockedObject(request), request.direction().name(),
            request.runId())
        == 1;
  }

  /** The workflow id of the run holding the lock now, if any. */
  Optional<String> holder(ObjectLockRequest request) {
    return jdbc.queryForList(
            "SELECT workflow_id FROM object_lock WHERE company_id = ? AND object = ? AND direction = ?",
            String.class, request.companyId(), lockedObject(request), request.direction().name())
        .stream()
        .findFirst();
  }

  void release(ObjectLockRequest request) {
    jdbc.update(
        "DELETE FROM object_lock WHERE company_id = ? AND object = ? AND direction = ? AND run_id = ?",
        request.companyId(), lockedObject(request), request.direction().name(), request.runId());
  }

  /** Frees every lock of a workflow that was terminated, so no one waits for its lease to run out. */
  public int releaseAllHeldBy(String workflowId) {
    return jdbc.update("DELETE FROM object_lock WHERE workflow_id = ?", workflowId);
  }

  /** Frees every lock of a run that has ended, however it ended. */
  public int releaseAllOfRun(String runId) {
    return jdbc.update("DELETE FROM object_lock WHERE run_id = ?", runId);
  }

  /**
   * How the table names the object: upper case, as the versions whose catalog was a Java enum wrote it,
   * so a lock taken by a worker of such a version is seen during an upgrade.
   */
  private static String lockedObject(ObjectLockRequest request) {
    return request.object().displayName().toUpperCase(Locale.ROOT);
  }
}
