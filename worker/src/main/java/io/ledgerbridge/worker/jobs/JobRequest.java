package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.util.List;

/** What an admin sends to create a job. */
public record JobRequest(
    String name, String companyId, SyncDirection direction, List<String> objects, ScheduleSpec schedule) {}
