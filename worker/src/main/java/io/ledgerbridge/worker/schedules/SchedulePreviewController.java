package io.ledgerbridge.worker.schedules;

import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.workflows.schedule.CompiledSchedule;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/schedules/preview}: what a schedule would do, before any job has it. It is
 * compiled exactly as a job's, so the admin page and scripts see the cron Temporal would run, the
 * job list's description, the next runs and the same refusals, and need no cron code of their own.
 */
@Tag(name = "Schedules", description = "What a schedule would do, before any job has it")
@RestController
@RequiresRole(Role.VIEWER)
class SchedulePreviewController {
  /** As many as a job shows. */
  static final int NEXT_RUNS_SHOWN = 5;

  private final Clock clock = Clock.systemUTC();

  @Operation(operationId = "previewSchedule", summary = "The cron Temporal would run, the description and the next 5 runs",
      description = "The schedule is checked as a job's is, with the same 400 messages.")
  @ApiResponse(responseCode = "200", description = "The preview")
  @ApiResponse(responseCode = "400", description = "The schedule breaks a rule; the message names the field and the rule")
  @PostMapping("/api/schedules/preview")
  SchedulePreview preview(@RequestBody PreviewRequest request) {
    CronSchedule.checkInput(request.schedule());
    CompiledSchedule compiled = CronSchedule.compile(request.schedule());
    return new SchedulePreview(
        compiled.temporalCron(),
        compiled.timeZone(),
        compiled.description(),
        compiled.nextRuns(clock.instant(), NEXT_RUNS_SHOWN).stream()
            .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format)
            .toList(),
        compiled.asFields());
  }

  /** The body: the schedule under the same key as in a job, so refusals name the same fields ("schedule.hour"). */
  record PreviewRequest(ScheduleSpec schedule) {}

  /**
   * @param cron the UTC cron Temporal would run
   * @param timeZone the zone the schedule is in, normalized
   * @param description the schedule in plain English, as the job list says it
   * @param nextRuns the next fire times in the schedule's zone, ISO-8601 with their offset
   * @param fields the schedule as fields, months and days of the week named one by one
   */
  record SchedulePreview(String cron, String timeZone, String description, List<String> nextRuns, ScheduleSpec fields) {}
}
