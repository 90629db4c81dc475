package io.ledgerbridge.activities.errors;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a remote call again when it failed for a passing reason (a 5xx, a throttle, a timeout, a
 * dropped connection), waiting what the server asked for or a growing, jittered backoff. One
 * flaky answer then costs a second or two instead of the whole activity attempt. What still fails
 * after the attempts, or would need a longer wait than an activity can sit without heartbeating,
 * goes to Temporal's retry, which resumes from the sync's last checkpoint.
 */
public final class CallRetries {
  private static final Logger log = LoggerFactory.getLogger(CallRetries.class);

  /**
   * @param attempts how many times a call is sent at most, the first included
   * @param firstBackoff the wait before the second attempt; it doubles for each further one
   * @param longestBackoff the cap of one backoff
   * @param longestTotalWait the most one call waits in all: well inside the sync activity's
   *     two-minute heartbeat timeout, since a call cannot heartbeat while it waits
   */
  public record Policy(int attempts, Duration firstBackoff, Duration longestBackoff, Duration longestTotalWait) {
    public Policy {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
    }
  }

  /** How a wait is spent; tests record instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Six attempts, 0.5 s doubling to 8 s, at most 60 s of waiting per call. */
  public static final Policy STANDARD =
      new Policy(6, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  private final Policy policy;
  private final Sleeper sleeper;

  public CallRetries(Policy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /** The standard policy, sleeping for real. */
  public static CallRetries standard() {
    return new CallRetries(STANDARD, duration -> Thread.sleep(duration.toMillis()));
  }

  /**
   * Runs {@code call}, again after passing failures.
   *
   * @param repeatable whether sending the request twice does no harm (reads, upserts, updates,
   *     creates with an idempotency key); a request that is not is repeated only when the failure
   *     shows the server did not act on it
   */
  public <T> T call(String system, String operation, boolean repeatable, Supplier<T> call) {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException failure) {
        if (attempt >= policy.attempts() || !RemoteFailures.passing(failure, repeatable)) {
          throw failure;
        }
        Duration asked = RemoteFailures.serverDelay(failure);
        Duration delay = asked != null ? asked : backoff(attempt);
        if (waited.plus(delay).compareTo(policy.longestTotalWait()) > 0) {
          throw failure;
        }
        log.info("{} {} failed ({}); attempt {} of {} in {} ms", system, operation, failure.getMessage(), attempt + 1,
            policy.attempts(), delay.toMillis());
        sleep(delay);
        waited = waited.plus(delay);
      }
    }
  }

  /** The policy's backoff before attempt {@code failedAttempt + 1}, with ±20% jitter so workers do not retry in step. */
  private Duration backoff(int failedAttempt) {
    long base = policy.firstBackoff().toMillis() << Math.min(failedAttempt - 1, 20);
    long capped = Math.min(base, policy.longestBackoff().toMillis());
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.round(capped * jitter));
  }

  private void sleep(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to repeat a remote call", e);
    }
  }
}
