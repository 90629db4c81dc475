package io.ledgerbridge.workflows.sync;

import java.util.Arrays;

/**
 * Why something failed, used as the {@code ApplicationFailure} type everywhere: activities throw
 * with it, stubs decide retries by it, run reports and record errors show it.
 */
public enum FailureType {
  /** The job's input cannot run (unknown object, wrong order, missing company). */
  INVALID_JOB(false),
  /** The target refused the record's data; retrying the same data cannot help. */
  VALIDATION(false),
  /** The target already holds a record with the same unique value. */
  DUPLICATE(false),
  /** A record's parent is not in the target yet. */
  MISSING_PARENT(true),
  /** Both sides changed since the last sync and the policy holds the record for a person. */
  CONFLICT(false),
  /** Credentials are missing, revoked or cannot be refreshed; an admin must reconnect. */
  AUTH(false),
  /** Settings are missing or contradictory (no connection for the company, unknown field). */
  CONFIGURATION(false),
  /** The remote API throttled us; retry after its delay. */
  RATE_LIMIT(true),
  /** The remote API is down, timed out or failed with a server error. */
  REMOTE_UNAVAILABLE(true),
  /**
   * The month's budget of metered QuickBooks reads is spent: no read is sent until the month ends or
   * the budget is raised, so the run does not retry into Intuit's 429s.
   */
  READ_BUDGET(false),
  /**
   * What is left of the Salesforce org's daily API allowance is down to the reserve kept for its other
   * users: no Salesforce call is sent until Salesforce's rolling 24 hours free more.
   */
  API_RESERVE(false);

  private final boolean retryable;

  FailureType(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether Temporal should retry an activity that failed this way. */
  public boolean retryable() {
    return retryable;
  }

  /** The type names an activity stub must not retry. */
  public static String[] nonRetryableNames() {
    return Arrays.stream(values())
        .filter(type -> !type.retryable)
        .map(Enum::name)
        .toArray(String[]::new);
  }
}
