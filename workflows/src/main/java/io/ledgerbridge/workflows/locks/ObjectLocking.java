package io.ledgerbridge.workflows.locks;

import io.ledgerbridge.workflows.sync.Bookkeeping;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Function;

/**
 * Workflow code's side of the object lock, for every workflow that syncs records: wait for the
 * lock, renew its short lease on a durable timer while the work runs, release it after. A
 * workflow that dies stops renewing, so its lock lapses by itself. Create it in a workflow's
 * constructor or field initializer, where activity stubs may be made.
 */
public final class ObjectLocking {
  /** A third of the lease (90 s): one late renewal never loses a live holder's lock. */
  static final Duration RENEW_EVERY = Duration.ofSeconds(30);

  private final ObjectLockActivities locks =
      Workflow.newActivityStub(
          ObjectLockActivities.class,
          ActivityOptions.newBuilder()
              // Waits as long as another run may hold the object: up to its two-hour sync.
              .setStartToCloseTimeout(Duration.ofHours(3))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(Bookkeeping.RETRIES)
              .build());

  /**
   * Runs {@code work} holding the lock.
   *
   * @param renew whether to renew the lease; false only to replay histories recorded before leases were renewed
   */
  public <T> T holding(ObjectLockRequest lock, boolean renew, Function<ObjectLockGrant, T> work) {
    ObjectLockGrant grant = locks.acquire(lock);
    boolean[] done = {false};
    if (renew) {
      Async.procedure(() -> renewUntil(lock, done));
    }
    try {
      return work.apply(grant);
    } finally {
      done[0] = true;
      locks.release(lock);
    }
  }

  /**
   * Renews on a durable timer (a timer, not a long-running activity, so Temporal's test server can
   * still skip time while it waits) until the work is done or the lock is lost.
   */
  private void renewUntil(ObjectLockRequest lock, boolean[] done) {
    while (!Workflow.await(RENEW_EVERY, () -> done[0])) {
      if (!locks.renew(lock)) {
        return;
      }
    }
  }
}
