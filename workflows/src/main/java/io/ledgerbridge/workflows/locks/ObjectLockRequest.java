package io.ledgerbridge.workflows.locks;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;

/** A run's claim on one (company, object, direction), which only one run may sync at a time. */
public record ObjectLockRequest(
    String companyId, SyncObject object, SyncDirection direction, String runId, String workflowId) {}
