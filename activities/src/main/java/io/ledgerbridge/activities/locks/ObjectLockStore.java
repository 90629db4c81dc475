package io.ledgerbridge.activities.locks;

import io.ledgerbridge.workflows.locks.ObjectLockRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Object locks in table {@code object_lock}. A lock expires after a lease, so a run that vanished
 * without releasing it (a crashed worker, a terminated workflow) blocks others only for a while.
 */
public final class ObjectLockStore {
  /** Longer than the longest object sync (two hours), so a live holder never loses its lock. */
  static final Duration LEASE = Duration.ofHours(3);

  private final JdbcTemplate jdbc;

  public ObjectLockStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the lock if it is free, expired, or already this run's.
   *
   * @return empty when taken; otherwise the workflow id of the run holding it
   */
  Optional<String> tryAcquire(ObjectLockRequest request, Instant now) {
    Timestamp at = Timestamp.from(now);
    Timestamp expires = Timestamp.from(now.plus(LEASE));
    int taken =
        jdbc.update(
            "UPDATE object_lock SET run_id = ?, workflow_id = ?, acquired_at = ?, expires_at = ?"
                + " WHERE company_id = ? AND object = ? AND direction = ? AND (run_id = ? OR expires_at < ?)",
            request.runId(), request.workflowId(), at, expires,
            request.companyId(), request.object().name(), request.direction().name(), request.runId(), at);
    if (taken == 1) {
      return Optional.empty();
    }
    try {
      jdbc.update(
          "INSERT INTO object_lock (company_id, object, direction, run_id, workflow_id, acquired_at, expires_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          request.companyId(), request.object().name(), request.direction().name(), request.runId(),
          request.workflowId(), at, expires);
      return Optional.empty();
    } catch (DuplicateKeyException held) {
      return jdbc.queryForList(
              "SELECT workflow_id FROM object_lock WHERE company_id = ? AND object = ? AND direction = ?",
              String.class, request.companyId(), request.object().name(), request.direction().name())
          .stream()
          .findFirst()
          .or(() -> Optional.of("a run that just finished"));
    }
  }

  void release(ObjectLockRequest request) {
    jdbc.update(
        "DELETE FROM object_lock WHERE company_id = ? AND object = ? AND direction = ? AND run_id = ?",
        request.companyId(), request.object().name(), request.direction().name(), request.runId());
  }

  /** Frees every lock of a workflow that was terminated, so no one waits for its lease to run out. */
  public int releaseAllHeldBy(String workflowId) {
    return jdbc.update("DELETE FROM object_lock WHERE workflow_id = ?", workflowId);
  }
}
