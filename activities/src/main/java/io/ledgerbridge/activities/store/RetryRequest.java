package io.ledgerbridge.activities.store;

import java.time.Instant;

/** The last retry an admin asked for on a record error: when, and the workflow it started. */
public record RetryRequest(long errorId, Instant requestedAt, String workflowId) {}
