package io.ledgerbridge.activities.testing;

import io.ledgerbridge.activities.errors.CallRetries;
import java.time.Duration;
import java.util.List;

/** Call retry policies for tests: none at all, or the standard one with its waits recorded instead of slept. */
public final class TestRetries {
  private TestRetries() {}

  /** Every call is sent once: for tests of how one failure is classified. */
  public static CallRetries none() {
    return new CallRetries(new CallRetries.Policy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO), waited -> { });
  }

  /** The standard policy, adding each wait to {@code waits} instead of sleeping. */
  public static CallRetries recordingInto(List<Duration> waits) {
    return new CallRetries(CallRetries.STANDARD, waits::add);
  }
}
