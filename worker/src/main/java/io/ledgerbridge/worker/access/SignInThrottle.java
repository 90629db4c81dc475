package io.ledgerbridge.worker.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Limits wrong passwords per email: after {@link #FAILURES_ALLOWED} within {@link #WINDOW}, that email's
 * sign-ins are refused, the right password too, for {@link #LOCKED_FOR}, so a password cannot be guessed
 * at speed. Counted in the database, so every worker and a restart see the same count; emails nobody
 * has count alike, so the refusal tells no one who has an account.
 */
@Component
class SignInThrottle {
  static final int FAILURES_ALLOWED = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration LOCKED_FOR = Duration.ofMinutes(15);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  SignInThrottle(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** Until when the email's sign-ins are refused, if they are now. */
  Optional<Instant> lockedUntil(String email) {
    Instant now = clock.instant();
    return jdbc.query("SELECT locked_until FROM sign_in_failure WHERE email = ?",
            (rs, n) -> ApiTokenStore.instant(rs, "locked_until"), Sessions.normalEmail(email)).stream()
        .filter(until -> until != null && until.isAfter(now))
        .findFirst();
  }

  /** Counts a wrong password; the one that reaches the limit locks the email. */
  void failed(String email) {
    String key = Sessions.normalEmail(email);
    Instant now = clock.instant();
    Object windowStart = now.minus(WINDOW).atOffset(ZoneOffset.UTC);
    // A window that ended starts again at 1 (a lock that ended with it).
    int counted = jdbc.update("UPDATE sign_in_failure SET"
        + " failures = CASE WHEN first_failure_at < ? THEN 1 ELSE failures + 1 END,"
        + " locked_until = CASE WHEN first_failure_at < ? THEN NULL ELSE locked_until END,"
        + " first_failure_at = CASE WHEN first_failure_at < ? THEN ? ELSE first_failure_at END"
        + " WHERE email = ?", windowStart, windowStart, windowStart, now.atOffset(ZoneOffset.UTC), key);
    if (counted == 0) {
      try {
        jdbc.update("INSERT INTO sign_in_failure (email, failures, first_failure_at) VALUES (?, 1, ?)", key,
            now.atOffset(ZoneOffset.UTC));
      } catch (DuplicateKeyException anotherWorkerCountedFirst) {
        failed(email);
        return;
      }
    }
    jdbc.update("UPDATE sign_in_failure SET locked_until = ? WHERE email = ? AND failures >= ? AND locked_until IS NULL",
        now.plus(LOCKED_FOR).atOffset(ZoneOffset.UTC), key, FAILURES_ALLOWED);
  }

  /** A right password forgets the email's wrong ones. */
  void succeeded(String email) {
    jdbc.update("DELETE FROM sign_in_failure WHERE email = ?", Sessions.normalEmail(email));
  }
}
