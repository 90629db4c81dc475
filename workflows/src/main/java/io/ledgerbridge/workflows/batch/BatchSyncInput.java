package io.ledgerbridge.workflows.batch;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.LocalSchedule;
import java.util.List;

/**
 * The input of a batch sync run: plain JSON, so the temporal CLI and any SDK can start a job, e.g.
 * {@code {"jobId":"nightly","name":"Nightly customers","companyId":"9130357766001001",
 * "direction":"QBO_TO_SALESFORCE","objects":["Customer","Invoice"]}}.
 *
 * @param localSchedule when set, Temporal's cron is a UTC superset of this wall-clock schedule and
 *     a cron run syncs only if a local fire time passed since the previous run; optional
 * @param pullMissingParents sync a record's missing parent on demand instead of deferring the
 *     record; optional, no when absent
 */
public record BatchSyncInput(
    String jobId,
    String name,
    String companyId,
    SyncDirection direction,
    List<String> objects,
    LocalSchedule localSchedule,
    Boolean pullMissingParents) {}
