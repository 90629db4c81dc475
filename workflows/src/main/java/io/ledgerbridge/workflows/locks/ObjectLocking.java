package io.ledgerbridge.workflows.locks;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Function;

/**
 * Workflow code's side of the object lock, for every workflow that syncs records: wait for the
 * lock, keep its short lease renewed while the work runs, release it after. Create it in a
 * workflow's constructor or field initializer, where activity stubs may be made.
 */
public final class ObjectLocking {
  /** Database bookkeeping retries quickly and until it succeeds: a lock must not be lost or left. */
  private static final RetryOptions DATABASE_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofMinutes(1))
          .build();

  private final ObjectLockActivities locks =
      Workflow.newActivityStub(
          ObjectLockActivities.class,
          ActivityOptions.newBuilder()
              // Waits as long as another run may hold the object: up to its two-hour sync.
              .setStartToCloseTimeout(Duration.ofHours(3))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(DATABASE_RETRIES)
              .build());

  private final ObjectLockActivities leases =
      Workflow.newActivityStub(
          ObjectLockActivities.class,
          ActivityOptions.newBuilder()
              // Renews for as long as the object's sync and its retries may take; ends when the lock is released.
              .setStartToCloseTimeout(Duration.ofHours(24))
              // Shorter than the lease (90 s): a renewer lost with its worker is retried elsewhere in time.
              .setHeartbeatTimeout(Duration.ofSeconds(60))
              .setRetryOptions(DATABASE_RETRIES)
              .build());

  /**
   * Runs {@code work} holding the lock. Releasing the lock is what ends the renewals (the renewer
   * finds the lock gone), so the renewer is never cancelled: the embedded Temporal refuses to
   * cancel an activity that has not started yet.
   *
   * @param renew whether to renew the lease; false only to replay histories recorded before leases were renewed
   */
  public <T> T holding(ObjectLockRequest lock, boolean renew, Function<ObjectLockGrant, T> work) {
    ObjectLockGrant grant = locks.acquire(lock);
    if (renew) {
      Async.procedure(leases::hold, lock);
    }
    try {
      return work.apply(grant);
    } finally {
      locks.release(lock);
    }
  }
}
