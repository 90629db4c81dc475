package io.ledgerbridge.workflows.runs;

import java.time.Instant;
import java.util.List;

/** A job run has ended; {@code cause} says why when it did not succeed. */
public record RunFinished(
    String runId,
    String jobId,
    RunStatus status,
    List<ObjectRunReport> objects,
    Instant finishedAt,
    String cause) {}
