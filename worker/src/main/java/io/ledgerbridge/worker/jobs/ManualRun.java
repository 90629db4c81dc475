package io.ledgerbridge.worker.jobs;

/**
 * A run started by hand: its report appears under {@code runId} in {@code /api/runs}.
 *
 * @param temporalUrl the run's page in Temporal's web UI, when {@code ledgerbridge.temporal.ui-url} is set
 */
public record ManualRun(String jobId, String workflowId, String runId, String temporalUrl) {}
