package io.ledgerbridge.activities.quickbooks;

import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.store.RateBudgetStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Intuit's throttles for each company (500 calls a minute, 10 a second, 40 batch calls a minute, per
 * company and app), kept by every worker process together through {@link RateBudgetStore}: a call
 * waits for its company's turn, so two workers syncing one company never exceed what one may, and
 * companies never wait for each other. A throttled answer holds the company's budgets for the wait it
 * asked for, so the whole cluster slows for that company at once instead of each call finding out.
 */
final class QuickBooksPacing {
  static final String CALLS = "quickbooks-calls";
  static final String BATCHES = "quickbooks-batches";
  /** 8 calls a second, 480 a minute: under both of Intuit's limits with room for network jitter. */
  static final Duration CALL_SPACING = Duration.ofMillis(125);
  /** An idle company lets two calls through at once; no second or minute then holds more than its share. */
  static final Duration CALL_TOLERANCE = CALL_SPACING;
  /**
   * 38.7 batches a minute, under Intuit's 40 with room for a batch that reaches Intuit up to 0.4 s
   * later than its turn: at 30 records a batch, 1,161 records a minute, 97% of the 1,200 allowed.
   */
  static final Duration BATCH_SPACING = Duration.ofMillis(1550);

  private final RateBudgetStore budgets;
  private final Clock clock;
  private final CallRetries.Sleeper sleeper;

  /**
   * @param clock the time turns are taken by: every worker's must agree (the system clock, kept by NTP)
   * @param sleeper how a wait for a turn is spent; tests record instead of sleeping
   */
  QuickBooksPacing(RateBudgetStore budgets, Clock clock, CallRetries.Sleeper sleeper) {
    this.budgets = Objects.requireNonNull(budgets, "budgets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Turns by the system clock, waited for by sleeping. */
  static QuickBooksPacing of(RateBudgetStore budgets) {
    return new QuickBooksPacing(budgets, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
  }

  /** Waits for the company's next turn: a batch call takes a batch turn first, then a call's. */
  void awaitTurn(String realmId, boolean batch) {
    if (batch) {
      waitUntil(budgets.takeTurn(realmId, BATCHES, BATCH_SPACING, Duration.ZERO, clock.instant()), realmId);
    }
    waitUntil(budgets.takeTurn(realmId, CALLS, CALL_SPACING, CALL_TOLERANCE, clock.instant()), realmId);
  }

  /** Intuit throttled the company: no process calls for it again before the wait is over. */
  void throttled(String realmId, Duration wait) {
    Instant until = clock.instant().plus(wait);
    budgets.holdUntil(realmId, CALLS, until.plus(CALL_TOLERANCE));
    budgets.holdUntil(realmId, BATCHES, until);
  }

  private void waitUntil(Instant turn, String realmId) {
    Duration wait = Duration.between(clock.instant(), turn);
    if (wait.isNegative() || wait.isZero()) {
      return;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for QuickBooks company " + realmId + "'s turn", e);
    }
  }
}
