package io.ledgerbridge.workflows.locks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Keeps two runs from syncing the same (company, object, direction) at once, whichever jobs they
 * belong to: the later run waits for the earlier one.
 */
@ActivityInterface
public interface ObjectLockActivities {

  /**
   * Waits, heartbeating, until no other run holds the lock, then holds it for this run;
   * idempotent: a retry by the same run finds the lock already its own.
   */
  @ActivityMethod
  ObjectLockGrant acquire(ObjectLockRequest request);

  /**
   * Renews the lock's short lease, heartbeating, until the lock is no longer this run's (released,
   * or lapsed and taken). A holder that dies stops renewing, so its lock lapses by itself.
   */
  @ActivityMethod
  void hold(ObjectLockRequest request);

  /** Gives the lock up if this run holds it; idempotent. */
  @ActivityMethod
  void release(ObjectLockRequest request);
}
