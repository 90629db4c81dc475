package io.ledgerbridge.activities.store;

import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * QuickBooks calls counted as Intuit meters them, in {@code api_usage}: per company, calendar month
 * ({@code 2026-12}) and class ({@code CorePlus}, {@code Core}). Every worker adds its calls here, so
 * the counts are the cluster's and survive restarts.
 */
public final class ApiUsageStore {
  /** One company's calls of one class in one month. */
  public record Usage(String companyId, String month, String callClass, long calls) {}

  private final JdbcTemplate jdbc;

  public ApiUsageStore(JdbcTemplate jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  public void add(String companyId, String month, String callClass, long calls) {
    Sql.upsert(
        () -> jdbc.update("UPDATE api_usage SET calls = calls + ? WHERE company_id = ? AND usage_month = ? AND call_class = ?",
            calls, companyId, month, callClass),
        () -> jdbc.update("INSERT INTO api_usage (company_id, usage_month, call_class, calls) VALUES (?, ?, ?, ?)",
            companyId, month, callClass, calls));
  }

  /** The calls of a class in a month, summed over every company. */
  public long total(String month, String callClass) {
    Long total = jdbc.queryForObject("SELECT COALESCE(SUM(calls), 0) FROM api_usage WHERE usage_month = ? AND call_class = ?",
        Long.class, month, callClass);
    return total == null ? 0 : total;
  }

  /** Every company's counts of a month, by company and class. */
  public List<Usage> month(String month) {
    return jdbc.query("SELECT company_id, usage_month, call_class, calls FROM api_usage WHERE usage_month = ? ORDER BY company_id, call_class",
        (rs, row) -> new Usage(rs.getString("company_id"), rs.getString("usage_month"), rs.getString("call_class"),
            rs.getLong("calls")),
        month);
  }
}
