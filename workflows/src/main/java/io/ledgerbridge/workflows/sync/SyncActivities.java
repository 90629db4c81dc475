package io.ledgerbridge.workflows.sync;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Moves records of one object from the source system to the target. */
@ActivityInterface
public interface SyncActivities {

  /**
   * Syncs every record of the object changed since its cursor, after retrying the object's
   * deferred records, then advances the cursor; idempotent because Salesforce writes are upserts on
   * the external id and QuickBooks creates carry a requestid derived from the Salesforce id.
   */
  @ActivityMethod
  ObjectSyncResult syncObject(ObjectSyncRequest request);

  /**
   * Syncs the named records now, whatever the cursor says; idempotent for the same reasons as
   * {@link #syncObject}, and it leaves cursors alone.
   */
  @ActivityMethod
  RecordSyncResult syncRecords(RecordSyncRequest request);

  /**
   * Keeps the records of a per-record sync that failed as a whole as record errors, so they are
   * listed and can be retried; idempotent, as an error is kept once per record.
   */
  @ActivityMethod
  void recordFailures(RecordSyncFailure failure);

  /** Checks the mapped Salesforce objects and fields with describe calls; reads only. */
  @ActivityMethod
  PreflightResult preflight(PreflightRequest request);
}
