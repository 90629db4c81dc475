package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Instant;

/**
 * What the sync last wrote for one record present on both sides: the Salesforce id, the QBO
 * SyncToken it saw, and the hash of the mapped content, which decides "unchanged".
 */
public record RecordLink(
    String companyId,
    SyncObject object,
    String qboId,
    String salesforceId,
    String qboSyncToken,
    String contentHash,
    SyncDirection lastDirection,
    Instant syncedAt) {}
