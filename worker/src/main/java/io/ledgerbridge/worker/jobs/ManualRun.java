package io.ledgerbridge.worker.jobs;

/** A run started by hand: its report appears under {@code runId} in {@code /api/runs}. */
public record ManualRun(String jobId, String workflowId, String runId) {}
