package io.ledgerbridge.workflows.sync;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** How workflows run the activities that page through a whole object (a sync, a reconciliation). */
public final class PagingActivities {
  private PagingActivities() {}

  /**
   * Long enough for a large first read, with a heartbeat per page or checkpoint; passing failures
   * retried with a growing backoff, the ones a retry cannot fix ({@link FailureType}) not at all.
   *
   * @param attempts how many attempts an object gets before its failure is reported
   */
  public static ActivityOptions options(int attempts) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(2))
        .setHeartbeatTimeout(Duration.ofMinutes(2))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(5))
                .setMaximumAttempts(attempts)
                .setDoNotRetry(FailureType.nonRetryableNames())
                .build())
        .build();
  }
}
