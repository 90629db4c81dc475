package io.ledgerbridge.activities.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.store.RateBudgetStore;
import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Turns within Intuit's throttles, taken by two worker processes against one database. Time is a
 * clock that waiting moves on, so what is checked is where each call falls, not how long a test took.
 */
class QuickBooksPacingTest {
  static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
  static final String REALM = "9130357766900456";

  final MutableClock clock = new MutableClock(T0);
  final List<Duration> waits = new ArrayList<>();

  /** A worker process's pacing: its waits move the shared clock on. */
  QuickBooksPacing worker(RateBudgetStore budgets) {
    return new QuickBooksPacing(budgets, clock, wait -> {
      waits.add(wait);
      clock.advance(wait);
    });
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void twoWorkersTogetherStayWithinEveryLimitOfTheCompanyAndNearItsBound(TestDatabase database) {
    RateBudgetStore budgets = new RateBudgetStore(database.freshJdbc());
    List<QuickBooksPacing> workers = List.of(worker(budgets), worker(budgets));
    List<Instant> calls = new ArrayList<>();
    List<Instant> batches = new ArrayList<>();

    for (int i = 0; i < 120; i++) {
      workers.get(i % 2).awaitTurn(REALM, true);
      calls.add(clock.instant());
      batches.add(clock.instant());
    }

    assertThat(mostWithin(batches, Duration.ofMinutes(1))).as("batch calls in any minute").isLessThanOrEqualTo(40);
    assertThat(mostWithin(calls, Duration.ofSeconds(1))).as("calls in any second").isLessThanOrEqualTo(10);
    double recordsPerMinute = 30.0 * (batches.size() - 1) / Duration.between(batches.get(0), batches.get(batches.size() - 1)).toMillis() * 60_000;
    assertThat(recordsPerMinute / 1200).as("share of Intuit's 1,200 batched records a minute").isGreaterThan(0.95);

    calls.clear();
    for (int i = 0; i < 1200; i++) {
      workers.get(i % 2).awaitTurn(REALM, false);
      calls.add(clock.instant());
    }
    assertThat(mostWithin(calls, Duration.ofSeconds(1))).as("calls in any second").isLessThanOrEqualTo(10);
    assertThat(mostWithin(calls, Duration.ofMinutes(1))).as("calls in any minute")
        .isLessThanOrEqualTo(500).isGreaterThanOrEqualTo(475);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void anotherCompanyNeverWaitsForThisOnesTurns(TestDatabase database) {
    RateBudgetStore budgets = new RateBudgetStore(database.freshJdbc());
    QuickBooksPacing pacing = worker(budgets);
    for (int i = 0; i < 20; i++) {
      pacing.awaitTurn(REALM, true);
    }
    pacing.throttled(REALM, Duration.ofSeconds(60));
    waits.clear();

    pacing.awaitTurn("4620816365178522", true);

    assertThat(waits).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aThrottledAnswerMakesEveryWorkerWaitWhatIntuitAsked(TestDatabase database) {
    RateBudgetStore budgets = new RateBudgetStore(database.freshJdbc());
    QuickBooksPacing first = worker(budgets);
    QuickBooksPacing second = worker(budgets);
    first.awaitTurn(REALM, false);
    Instant throttledAt = clock.instant();

    first.throttled(REALM, Duration.ofSeconds(60));
    second.awaitTurn(REALM, false);
    Instant secondCall = clock.instant();
    first.awaitTurn(REALM, true);

    assertThat(secondCall).isAfterOrEqualTo(throttledAt.plusSeconds(60));
    assertThat(clock.instant()).as("a batch waits too").isAfterOrEqualTo(throttledAt.plusSeconds(60));
  }

  /** The most instants that fall within one window of {@code length} (a call leaves it exactly one length later). */
  static int mostWithin(List<Instant> sorted, Duration length) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (!sorted.get(from).isAfter(sorted.get(to).minus(length))) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }
}
