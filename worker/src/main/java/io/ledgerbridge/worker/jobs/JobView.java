package io.ledgerbridge.worker.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it: its definition, what Temporal really runs, the next run times in the
 * job's zone and the last run.
 *
 * @param cron the UTC cron Temporal runs (a superset of the schedule for other zones)
 * @param temporalState {@code SCHEDULED} (Temporal runs the job as defined), {@code PAUSED} (no
 *     chain), {@code CHANGE_PENDING} (applied when the run in progress ends), or {@code UNKNOWN}
 *     (Temporal did not answer in time; the job is shown as stored)
 * @param external started outside the API, e.g. with the temporal CLI
 * @param pullMissingParents records whose parent is missing pull it through instead of waiting
 * @param nextRuns ISO-8601 times with the zone's offset
 * @param lastRun the job's newest run report, with its link into Temporal's web UI
 */
public record JobView(
    String id,
    String name,
    String companyId,
    SyncDirection direction,
    List<String> objects,
    boolean pullMissingParents,
    ScheduleSpec schedule,
    String scheduleDescription,
    String timeZone,
    String cron,
    JobState state,
    @Schema(allowableValues = {"SCHEDULED", "PAUSED", "CHANGE_PENDING", "UNKNOWN"}) String temporalState,
    boolean external,
    List<String> nextRuns,
    LastRun lastRun,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * A run report as {@code /api/runs} shows it, plus {@code temporalUrl}: the run's page in
   * Temporal's web UI when {@code ledgerbridge.temporal.ui-url} is set.
   */
  @Schema(name = "JobLastRun")
  public record LastRun(@JsonUnwrapped RunReport report, String temporalUrl) {}
}
