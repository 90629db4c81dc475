package io.ledgerbridge.workflows.sync;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;

/**
 * One object of one job run: what {@link SyncActivities#syncObject} syncs.
 *
 * @param pullMissingParents the job's choice to sync a record's missing parent on demand instead
 *     of deferring the record; null (older histories, jobs without the option) means no
 */
public record ObjectSyncRequest(
    String jobId,
    String runId,
    String companyId,
    SyncDirection direction,
    SyncObject object,
    Boolean pullMissingParents) {

  /** A request without the pull-through option, as jobs made before it send. */
  public ObjectSyncRequest(
      String jobId, String runId, String companyId, SyncDirection direction, SyncObject object) {
    this(jobId, runId, companyId, direction, object, null);
  }

  /** Whether missing parents are synced on demand. */
  public boolean pullsMissingParents() {
    return Boolean.TRUE.equals(pullMissingParents);
  }
}
