package io.ledgerbridge.activities.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rate budgets shared by every worker process, in {@code rate_budget}: each (company, budget) row
 * holds when the next call's turn starts. Turns are handed out by compare-and-set on that time, so
 * two processes never take the same turn and no transaction or lock is held while a caller waits.
 *
 * <p>It is the generic cell rate algorithm in its scheduling form: turns are {@code spacing} apart,
 * and a caller that finds the budget idle may go up to {@code tolerance} before its turn, which lets
 * a short burst through without letting any window hold more than its share.
 */
public final class RateBudgetStore {
  private final JdbcTemplate jdbc;

  public RateBudgetStore(JdbcTemplate jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  /**
   * Takes the next turn of the company's budget and returns when it starts: {@code now}, or later
   * when earlier turns (of any process) or a hold come first. The caller waits until then.
   */
  public Instant takeTurn(String companyId, String budget, Duration spacing, Duration tolerance, Instant now) {
    long nowMillis = now.toEpochMilli();
    while (true) {
      List<Long> stored = jdbc.queryForList(
          "SELECT next_turn FROM rate_budget WHERE company_id = ? AND budget = ?", Long.class, companyId, budget);
      if (stored.isEmpty()) {
        try {
          jdbc.update("INSERT INTO rate_budget (company_id, budget, next_turn) VALUES (?, ?, ?)",
              companyId, budget, nowMillis + spacing.toMillis());
          return now;
        } catch (DuplicateKeyException raced) {
          continue;
        }
      }
      long next = stored.get(0);
      long start = Math.max(nowMillis, next - tolerance.toMillis());
      long following = Math.max(next, start) + spacing.toMillis();
      if (jdbc.update("UPDATE rate_budget SET next_turn = ? WHERE company_id = ? AND budget = ? AND next_turn = ?",
          following, companyId, budget, next) == 1) {
        return Instant.ofEpochMilli(start);
      }
    }
  }

  /** No turn of the company's budget starts before {@code until} (a throttled answer's wait). */
  public void holdUntil(String companyId, String budget, Instant until) {
    long untilMillis = until.toEpochMilli();
    Sql.upsert(
        () -> jdbc.update("UPDATE rate_budget SET next_turn = GREATEST(next_turn, ?) WHERE company_id = ? AND budget = ?",
            untilMillis, companyId, budget),
        () -> jdbc.update("INSERT INTO rate_budget (company_id, budget, next_turn) VALUES (?, ?, ?)",
            companyId, budget, untilMillis));
  }
}
