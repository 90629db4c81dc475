package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Instant;

/**
 * A record waiting for its parent to reach the target.
 *
 * @param missingParents what it waits for, e.g. {@code Customer 58, Item 3}
 * @param attempts the runs in which it was tried and still lacked a parent
 */
public record DeferredRecord(
    String companyId,
    SyncObject object,
    SyncDirection direction,
    String sourceId,
    String missingParents,
    int attempts,
    String jobId,
    String runId,
    Instant firstDeferredAt,
    Instant lastAttemptAt) {}
