package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.time.Instant;
import java.util.List;

/** A job run as stored: what the admin's run list and run page show. */
public record RunReport(
    String runId,
    String jobId,
    String workflowId,
    String jobName,
    String companyId,
    String direction,
    List<String> objects,
    RunStatus status,
    String cause,
    Instant startedAt,
    Instant finishedAt,
    List<ObjectRunReport> objectReports) {}
