package io.ledgerbridge.workflows.runs;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import java.time.Instant;
import java.util.List;

/** A job run has begun. {@code runId} is the Temporal run id of this cron execution. */
public record RunStarted(
    String runId,
    String jobId,
    String workflowId,
    String jobName,
    String companyId,
    SyncDirection direction,
    List<String> objects,
    Instant startedAt) {}
