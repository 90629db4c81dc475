package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.workflows.batch.BatchSyncInput;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.CompiledSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;

/** A scheduled batch sync job as the database keeps it, with its compiled schedule. */
public record Job(
    String id,
    String name,
    String companyId,
    SyncDirection direction,
    List<String> objects,
    ScheduleSpec schedule,
    CompiledSchedule compiled,
    boolean pullMissingParents,
    JobState state,
    Instant createdAt,
    Instant updatedAt) {

  /** The cron Temporal runs for this job. */
  public String temporalCron() {
    return compiled.temporalCron();
  }

  /** The workflow input each run of this job receives. */
  public BatchSyncInput workflowInput() {
    return new BatchSyncInput(
        id, name, companyId, direction, objects, compiled.localSchedule(), pullMissingParents ? Boolean.TRUE : null);
  }

  Job withState(JobState newState, Instant now) {
    return new Job(
        id, name, companyId, direction, objects, schedule, compiled, pullMissingParents, newState, createdAt, now);
  }
}
