package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last call that worked and the last that failed for a connection-level reason, per account, in
 * {@code connection_call}, for the connections view. A success is written at most once a minute per
 * account and process, since every call succeeds and the view needs the minute, not the millisecond;
 * the first success after a failure is written at once, so the view never shows a fixed failure as
 * the latest word.
 */
public final class ConnectionCalls {
  /** How stale a recorded success may get while calls keep working. */
  static final Duration SUCCESS_PRECISION = Duration.ofMinutes(1);
  private static final int MAX_REASON_LENGTH = 1000;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  /** When this process last wrote a success per account; absent after it wrote a failure. */
  private final Map<String, Instant> successWritten = new ConcurrentHashMap<>();

  ConnectionCalls(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A call for the account was answered. */
  public void succeeded(ConnectedSystem system, String accountId) {
    Instant now = clock.instant();
    String key = system + "/" + accountId;
    Instant written = successWritten.get(key);
    if (written != null && written.plus(SUCCESS_PRECISION).isAfter(now)) {
      return;
    }
    successWritten.put(key, now);
    upsert(system, accountId, "last_success_at = ?", Sql.timestamp(now));
  }

  /** A call for the account failed for a reason of the connection (refused credentials, unreachable, throttled). */
  public void failed(ConnectedSystem system, String accountId, FailureType type, String reason) {
    successWritten.remove(system + "/" + accountId);
    upsert(
        system,
        accountId,
        "last_failure_at = ?, last_failure_type = ?, last_failure_reason = ?",
        Sql.timestamp(clock.instant()),
        type.name(),
        Sql.fit(reason, MAX_REASON_LENGTH));
  }

  /** Every recorded account of a system, by id. */
  public Map<String, LastCalls> of(ConnectedSystem system) {
    Map<String, LastCalls> calls = new LinkedHashMap<>();
    jdbc.query(
        "SELECT * FROM connection_call WHERE system = ? ORDER BY account_id",
        rs -> {
          calls.put(
              rs.getString("account_id"),
              new LastCalls(
                  Sql.instant(rs, "last_success_at"),
                  Sql.instant(rs, "last_failure_at"),
                  rs.getString("last_failure_type") == null ? null : FailureType.valueOf(rs.getString("last_failure_type")),
                  rs.getString("last_failure_reason")));
        },
        system.name());
    return calls;
  }

  /** The last answered call, and the last failed one with its reason; each null when there was none. */
  public record LastCalls(Instant lastSuccessAt, Instant lastFailureAt, FailureType lastFailureType, String lastFailureReason) {

    /** Whether the last call failed: a failure and no success since. */
    public boolean lastFailed() {
      return lastFailureAt != null && (lastSuccessAt == null || lastFailureAt.isAfter(lastSuccessAt));
    }
  }

  private void upsert(ConnectedSystem system, String accountId, String assignments, Object... values) {
    Object[] updateArgs = new Object[values.length + 2];
    System.arraycopy(values, 0, updateArgs, 0, values.length);
    updateArgs[values.length] = system.name();
    updateArgs[values.length + 1] = accountId;
    Sql.upsert(
        () -> jdbc.update("UPDATE connection_call SET " + assignments + " WHERE system = ? AND account_id = ?", updateArgs),
        () -> {
          jdbc.update("INSERT INTO connection_call (system, account_id) VALUES (?, ?)", system.name(), accountId);
          jdbc.update("UPDATE connection_call SET " + assignments + " WHERE system = ? AND account_id = ?", updateArgs);
        });
  }
}
