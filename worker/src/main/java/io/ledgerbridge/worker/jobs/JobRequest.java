package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.util.List;

/**
 * What an admin sends to create or change a job.
 *
 * @param pullMissingParents sync a record's missing parent on demand instead of deferring the
 *     record until the parent's own job ran; optional, default no
 */
public record JobRequest(
    String name,
    String companyId,
    SyncDirection direction,
    List<String> objects,
    ScheduleSpec schedule,
    Boolean pullMissingParents) {}
