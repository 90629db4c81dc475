package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Instant;

/** A stored record error, as the admin's error list shows it. */
public record RecordError(
    long id,
    String companyId,
    SyncObject object,
    SyncDirection direction,
    String sourceId,
    FailureType type,
    String remoteCode,
    String message,
    int attempts,
    RecordErrorStatus status,
    String jobId,
    String runId,
    Instant firstSeenAt,
    Instant lastSeenAt) {}
