package io.ledgerbridge.workflows.sync;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** How the workflows put an activity's failure into words. */
public final class ActivityFailures {
  private ActivityFailures() {}

  /**
   * The root cause's type and message, {@code "<FailureType>: <message>"} for our own failures:
   * what an admin needs, without Temporal's wrapping.
   */
  public static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof ApplicationFailure application) {
      return application.getType() + ": " + application.getOriginalMessage();
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getClass().getSimpleName() + ": " + temporal.getOriginalMessage();
    }
    return cause.getMessage();
  }
}
