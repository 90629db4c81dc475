package io.ledgerbridge.activities.quickbooks;

import io.ledgerbridge.activities.store.ApiUsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuickBooks calls counted as Intuit meters them (App Partner Program): <b>CorePlus</b>, data out
 * (reads, queries, change data capture), metered against a monthly allowance for all of an app's
 * companies together (500,000 on the free Builder tier, then HTTP 429 until the next month and the
 * app shown "Offline" in QuickBooks); <b>Core</b>, data in, not metered. Only calls that succeed are
 * counted, as Intuit counts them. Once the month's budget is spent, reads are refused here with one
 * clear reason ({@link ReadBudgetSpentException}) instead of being sent for a storm of 429s.
 */
public final class QuickBooksMeter {
  /** Intuit's classes of calls. */
  public enum CallClass {
    CORE("Core"),
    CORE_PLUS("CorePlus");

    private final String label;

    CallClass(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Where the month's reads stand against the budget. */
  public enum BudgetState {
    OK,
    /** 80% or more of the budget is spent. */
    WARNING,
    /** The budget is spent: reads wait for the next month or a larger budget. */
    READ_BUDGET
  }

  /** The month's calls: CorePlus summed over companies against the budget, and each company's counts. */
  public record MonthlyUsage(String month, long corePlusCalls, long budget, BudgetState state, Instant resetsAt,
      List<ApiUsageStore.Usage> byCompany) {}

  /** The free Builder tier's CorePlus calls a month. */
  public static final long BUILDER_TIER_READS = 500_000;
  static final double WARNING_SHARE = 0.8;
  /** How long a process trusts its last reading of the month's total; its own calls are added meanwhile. */
  private static final Duration TOTAL_READ_AGAIN_AFTER = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(QuickBooksMeter.class);

  private final ApiUsageStore usage;
  private final long monthlyReadBudget;
  private final Clock clock;
  private String month;
  private long monthTotal;
  private Instant totalReadAt = Instant.MIN;
  private String warnedMonth;

  /** @param monthlyReadBudget CorePlus calls a month for all companies together */
  public QuickBooksMeter(ApiUsageStore usage, long monthlyReadBudget, Clock clock) {
    if (monthlyReadBudget < 1) {
      throw new IllegalArgumentException("the monthly QuickBooks read budget must be at least 1: " + monthlyReadBudget);
    }
    this.usage = Objects.requireNonNull(usage, "usage");
    this.monthlyReadBudget = monthlyReadBudget;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Refuses a read once the month's budget is spent. */
  void beforeRead(String realmId) {
    long spent = corePlusThisMonth();
    if (spent >= monthlyReadBudget) {
      throw new ReadBudgetSpentException(realmId, currentMonth().toString(), spent, monthlyReadBudget, resetsAt());
    }
  }

  /** A call that succeeded. */
  void counted(String realmId, CallClass callClass) {
    String now = currentMonth().toString();
    usage.add(realmId, now, callClass.label(), 1);
    if (callClass == CallClass.CORE_PLUS) {
      synchronized (this) {
        if (now.equals(month)) {
          monthTotal++;
        }
        if (monthTotal >= WARNING_SHARE * monthlyReadBudget && !now.equals(warnedMonth)) {
          warnedMonth = now;
          log.warn("QuickBooks reads this month: {} of the budget of {} (80% or more); at {} reads stop until {}",
              monthTotal, monthlyReadBudget, monthlyReadBudget, resetsAt());
        }
      }
    }
  }

  public MonthlyUsage usage() {
    YearMonth now = currentMonth();
    List<ApiUsageStore.Usage> byCompany = usage.month(now.toString());
    long corePlus = byCompany.stream().filter(u -> u.callClass().equals(CallClass.CORE_PLUS.label()))
        .mapToLong(ApiUsageStore.Usage::calls).sum();
    return new MonthlyUsage(now.toString(), corePlus, monthlyReadBudget, state(corePlus), resetsAt(), byCompany);
  }

  private BudgetState state(long corePlus) {
    if (corePlus >= monthlyReadBudget) {
      return BudgetState.READ_BUDGET;
    }
    return corePlus >= WARNING_SHARE * monthlyReadBudget ? BudgetState.WARNING : BudgetState.OK;
  }

  private synchronized long corePlusThisMonth() {
    String now = currentMonth().toString();
    Instant at = clock.instant();
    if (!now.equals(month) || totalReadAt.plus(TOTAL_READ_AGAIN_AFTER).isBefore(at)) {
      month = now;
      monthTotal = usage.total(now, CallClass.CORE_PLUS.label());
      totalReadAt = at;
    }
    return monthTotal;
  }

  private YearMonth currentMonth() {
    return YearMonth.now(clock.withZone(ZoneOffset.UTC));
  }

  private Instant resetsAt() {
    return currentMonth().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
