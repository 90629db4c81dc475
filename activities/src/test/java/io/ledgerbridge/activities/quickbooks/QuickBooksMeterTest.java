package io.ledgerbridge.activities.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter.BudgetState;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter.CallClass;
import io.ledgerbridge.activities.store.ApiUsageStore;
import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Metered QuickBooks calls counted per company and month by every worker, and reads refused once the budget is spent. */
class QuickBooksMeterTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-31T23:00:00Z"));

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void twoWorkersCountIntoOneMonthlyBudgetForAllCompaniesAndReadsStopAtIt(TestDatabase database) {
    JdbcTemplate jdbc = database.freshJdbc();
    QuickBooksMeter first = new QuickBooksMeter(new ApiUsageStore(jdbc), 10, clock);
    QuickBooksMeter second = new QuickBooksMeter(new ApiUsageStore(jdbc), 10, clock);

    for (int i = 0; i < 4; i++) {
      first.beforeRead("company-a");
      first.counted("company-a", CallClass.CORE_PLUS);
      second.beforeRead("company-b");
      second.counted("company-b", CallClass.CORE_PLUS);
    }
    second.counted("company-b", CallClass.CORE);
    assertThat(second.usage().state()).isEqualTo(BudgetState.WARNING);
    first.counted("company-a", CallClass.CORE_PLUS);
    second.counted("company-b", CallClass.CORE_PLUS);
    clock.advance(Duration.ofSeconds(11));

    Throwable refused = catchThrowable(() -> first.beforeRead("company-a"));

    ApplicationFailure failure = (ApplicationFailure) RemoteFailures.toActivityFailure((RuntimeException) refused);
    assertThat(failure.getType()).isEqualTo("READ_BUDGET");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("10 of 10 CorePlus calls").contains("2027-01-01T00:00:00Z")
        .contains("LEDGERBRIDGE_QBO_MONTHLY_READS");
    QuickBooksMeter.MonthlyUsage usage = second.usage();
    assertThat(usage.month()).isEqualTo("2026-12");
    assertThat(usage.corePlusCalls()).isEqualTo(10);
    assertThat(usage.state()).isEqualTo(BudgetState.READ_BUDGET);
    assertThat(usage.byCompany()).containsExactly(
        new ApiUsageStore.Usage("company-a", "2026-12", "CorePlus", 5),
        new ApiUsageStore.Usage("company-b", "2026-12", "Core", 1),
        new ApiUsageStore.Usage("company-b", "2026-12", "CorePlus", 5));

    clock.advance(Duration.ofHours(1));
    first.beforeRead("company-a");
    assertThat(first.usage().state()).as("Intuit's count starts again with the month").isEqualTo(BudgetState.OK);
  }
}
