package io.ledgerbridge.activities.errors;

import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Duration;

/**
 * A remote failure, classified: its type, the remote system's code, a message an admin can act on,
 * and the delay the remote system asked for before a retry (null when it named none).
 */
public record RemoteFailure(FailureType type, String remoteCode, String message, Duration retryDelay) {}
