package io.ledgerbridge.sandbox.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The org's daily API request allocation. Salesforce counts over a rolling 24 hours; the sandbox counts in
 * 24-hour windows from the first call, which gives the same 403 once the allocation is used up.
 */
final class ApiUsage {
  private static final Duration WINDOW = Duration.ofHours(24);

  private final Clock clock;
  private volatile long limit;
  private long used;
  private Instant windowStart;

  ApiUsage(Clock clock, long limit) {
    this.clock = clock;
    this.limit = limit;
  }

  /** Counts one call; false (not counted) when the allocation is exhausted. */
  synchronized boolean tryAcquire() {
    rollWindow();
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }

  synchronized long used() {
    rollWindow();
    return used;
  }

  long limit() {
    return limit;
  }

  synchronized long remaining() {
    rollWindow();
    return Math.max(0, limit - used);
  }

  void setLimit(long newLimit) {
    this.limit = newLimit;
  }

  synchronized void reset() {
    used = 0;
    windowStart = null;
  }

  private void rollWindow() {
    Instant now = clock.instant();
    if (windowStart == null || !now.isBefore(windowStart.plus(WINDOW))) {
      windowStart = now;
      used = 0;
    }
  }
}
