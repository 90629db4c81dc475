package io.ledgerbridge.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline that only keeps a broken scenario from hanging; it never judges speed. */
final class Waiting {
  private Waiting() {}

  /** Polls until the condition holds; fails naming what did not happen, and the detail, at the deadline. */
  static void until(String what, Duration deadline, Duration every, BooleanSupplier condition, Supplier<String> detail) {
    Instant end = Instant.now().plus(deadline);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("gave up after " + deadline.toSeconds() + " s waiting until " + what + "\n"
            + detail.get());
      }
      pause(every);
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
