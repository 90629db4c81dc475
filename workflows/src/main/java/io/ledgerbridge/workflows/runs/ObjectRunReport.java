package io.ledgerbridge.workflows.runs;

import java.time.Instant;

/** One object's outcome within a job run. */
public record ObjectRunReport(
    String object,
    RunStatus status,
    int read,
    int created,
    int updated,
    int unchanged,
    int deferred,
    int failed,
    String error,
    Instant startedAt,
    Instant finishedAt) {}
