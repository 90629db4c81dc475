package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.workflows.batch.BatchSyncInput;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;

/** A scheduled batch sync job as the database keeps it. */
public record Job(
    String id,
    String name,
    String companyId,
    SyncDirection direction,
    List<String> objects,
    ScheduleSpec schedule,
    String cron,
    JobState state,
    Instant createdAt,
    Instant updatedAt) {

  /** The workflow input each run of this job receives. */
  public BatchSyncInput workflowInput() {
    return new BatchSyncInput(id, name, companyId, direction, objects);
  }
}
