package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it: its definition, whether Temporal really has it scheduled, the next
 * run times and the last run.
 */
public record JobView(
    String id,
    String name,
    String companyId,
    SyncDirection direction,
    List<String> objects,
    ScheduleSpec schedule,
    String cron,
    JobState state,
    boolean scheduled,
    List<Instant> nextRuns,
    RunReport lastRun,
    Instant createdAt,
    Instant updatedAt) {}
