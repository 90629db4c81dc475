package io.ledgerbridge.workflows.sync;

import io.temporal.common.RetryOptions;
import java.time.Duration;

/** How workflows retry their database bookkeeping (run reports, record errors, locks). */
public final class Bookkeeping {
  /** Quickly and until it succeeds: a report, an error or a lock must never be lost or left behind. */
  public static final RetryOptions RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofMinutes(1))
          .build();

  private Bookkeeping() {}
}
