package io.ledgerbridge.worker.observability;

import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter;
import io.ledgerbridge.activities.runs.RunListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code ledgerbridge.quickbooks.calls.month}: this month's QuickBooks calls as Intuit meters them, by
 * company and class (CorePlus, Core), counted by every worker; {@code ledgerbridge.quickbooks.read.budget}:
 * the monthly CorePlus budget for all companies. Read from the database every 30 seconds and after
 * each run, so a scrape never waits on it; alert on the sum of CorePlus over the budget.
 */
@Component
class QuickBooksCallsGauge implements RunListener {
  static final String CALLS = "ledgerbridge.quickbooks.calls.month";
  static final String BUDGET = "ledgerbridge.quickbooks.read.budget";
  private static final Logger log = LoggerFactory.getLogger(QuickBooksCallsGauge.class);

  private final QuickBooksMeter meter;
  private final MultiGauge calls;
  private final AtomicLong budget = new AtomicLong();

  QuickBooksCallsGauge(QuickBooksLimits limits, MeterRegistry registry) {
    this.meter = limits.meter();
    this.calls = MultiGauge.builder(CALLS)
        .description("QuickBooks calls this month (UTC) by company and Intuit's class: CorePlus is metered, Core is not")
        .register(registry);
    Gauge.builder(BUDGET, budget, AtomicLong::get)
        .description("CorePlus calls a month for all companies together (LEDGERBRIDGE_QBO_MONTHLY_READS)")
        .register(registry);
    refresh();
  }

  @Scheduled(fixedDelay = 30_000, initialDelay = 1_000)
  void refresh() {
    try {
      QuickBooksMeter.MonthlyUsage usage = meter.usage();
      budget.set(usage.budget());
      List<MultiGauge.Row<?>> rows = usage.byCompany().stream()
          .<MultiGauge.Row<?>>map(u -> MultiGauge.Row.of(Tags.of("company", u.companyId(), "class", u.callClass()), u.calls()))
          .toList();
      calls.register(rows, true);
    } catch (RuntimeException databaseDown) {
      log.debug("QuickBooks call counts not refreshed", databaseDown);
    }
  }

  @Override
  public void runFinished(FinishedRun run) {
    refresh();
  }
}
