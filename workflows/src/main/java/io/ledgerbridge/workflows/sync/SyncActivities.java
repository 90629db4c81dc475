package io.ledgerbridge.workflows.sync;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Moves one object's changed records from the source system to the target. */
@ActivityInterface
public interface SyncActivities {

  /**
   * Syncs every record of the object changed since its cursor, then advances the cursor;
   * idempotent because every write is an upsert on the record's external id.
   */
  @ActivityMethod
  ObjectSyncResult syncObject(ObjectSyncRequest request);
}
