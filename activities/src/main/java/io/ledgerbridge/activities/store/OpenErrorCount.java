package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;

/**
 * How many records of one company, object and direction have an open error of one type;
 * {@code wholeObject} counts the errors of object runs that failed as a whole.
 */
public record OpenErrorCount(
    String companyId, SyncObject object, SyncDirection direction, FailureType type, int records, int wholeObject) {}
