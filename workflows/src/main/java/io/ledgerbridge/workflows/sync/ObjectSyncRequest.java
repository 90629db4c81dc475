package io.ledgerbridge.workflows.sync;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;

/** One object of one job run: what {@link SyncActivities#syncObject} syncs. */
public record ObjectSyncRequest(
    String jobId, String runId, String companyId, SyncDirection direction, SyncObject object) {}
