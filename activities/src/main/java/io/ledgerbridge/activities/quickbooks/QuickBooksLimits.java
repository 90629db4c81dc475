package io.ledgerbridge.activities.quickbooks;

import io.ledgerbridge.activities.store.ApiUsageStore;
import io.ledgerbridge.activities.store.RateBudgetStore;
import java.time.Clock;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What bounds the QuickBooks calls of every worker together, kept in the database they share:
 * Intuit's throttles per company ({@link QuickBooksPacing}) and the metered reads of the month
 * ({@link QuickBooksMeter}).
 */
public final class QuickBooksLimits {
  final QuickBooksPacing pacing;
  final QuickBooksMeter meter;

  QuickBooksLimits(QuickBooksPacing pacing, QuickBooksMeter meter) {
    this.pacing = Objects.requireNonNull(pacing, "pacing");
    this.meter = Objects.requireNonNull(meter, "meter");
  }

  /** @param monthlyReadBudget CorePlus calls a month for all companies ({@link QuickBooksMeter#BUILDER_TIER_READS}) */
  public static QuickBooksLimits inDatabase(JdbcTemplate jdbc, long monthlyReadBudget) {
    return new QuickBooksLimits(QuickBooksPacing.of(new RateBudgetStore(jdbc)),
        new QuickBooksMeter(new ApiUsageStore(jdbc), monthlyReadBudget, Clock.systemUTC()));
  }

  public QuickBooksMeter meter() {
    return meter;
  }
}
