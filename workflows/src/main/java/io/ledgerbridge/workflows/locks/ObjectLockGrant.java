package io.ledgerbridge.workflows.locks;

/**
 * The lock was granted.
 *
 * @param waitedSeconds how long the run waited for another one
 * @param waitedForWorkflowId the workflow whose run held the lock, or null when it was free
 */
public record ObjectLockGrant(long waitedSeconds, String waitedForWorkflowId) {

  /** What the run report says about the wait, or null when there was none. */
  public String note() {
    return waitedForWorkflowId == null
        ? null
        : "waited " + waitedSeconds + " s for " + waitedForWorkflowId + ", which was syncing the same object";
  }
}
