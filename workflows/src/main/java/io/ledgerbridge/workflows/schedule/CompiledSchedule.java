package io.ledgerbridge.workflows.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated schedule: the admin's wall-clock cron in its zone, and the cron Temporal runs.
 *
 * <p>Temporal's Java test server evaluates cron in UTC only, so a schedule in another zone (or one
 * using the last day of the month) runs on a UTC <em>superset</em> cron: every UTC minute and hour
 * at which a local fire time can fall under any of the zone's offsets. Each superset run asks
 * {@link LocalSchedule} whether a local fire time passed and ends at once when none did. The same
 * design runs unchanged on a real Temporal server, and stays exact across daylight-saving changes
 * without re-deriving anything.
 *
 * @param localCron 5-field cron in wall-clock time of {@code timeZone}
 * @param timeZone IANA zone id
 * @param temporalCron the 5-field UTC cron given to Temporal
 */
public record CompiledSchedule(String localCron, String timeZone, String temporalCron) {
  private static final CronParser UTC_CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  /** Enough superset ticks and skipped days to find five runs of any schedule that fires at least once a year. */
  private static final int MAX_TICKS_SCANNED = 400_000;

  /** Whether runs must check the local time, i.e. Temporal's cron is a superset of the schedule. */
  public boolean checksLocalTime() {
    return !localCron.equals(temporalCron) || !timeZone.equals(CronSchedule.UTC);
  }

  /** What each run checks before syncing, or null when Temporal's cron is exact. */
  public LocalSchedule localSchedule() {
    return checksLocalTime() ? new LocalSchedule(localCron, timeZone) : null;
  }

  /** The schedule in plain English, e.g. "at 02:30 on Mondays and Wednesdays (America/New_York)". */
  public String description() {
    return ScheduleDescription.describe(localCron, timeZone);
  }

  /**
   * The same schedule as the job API's fields, months and days of the week named one by one (MON,
   * WED for {@code 1,3}; left out when every one is meant): what a form of tick boxes shows, so no
   * client has to read cron.
   */
  public ScheduleSpec asFields() {
    String[] fields = localCron.split(" ");
    Set<Integer> months = CronSchedule.expand(fields[3], 1, 12);
    Set<DayOfWeek> days = fields[4].equals("*") ? Set.of() : ScheduleDescription.daysOfWeek(fields[4]);
    return new ScheduleSpec(
        values(fields[0]),
        values(fields[1]),
        months.size() == 12 ? null : months.stream().map(month -> Month.of(month).name().substring(0, 3)).toList(),
        days.isEmpty() || days.size() == 7 ? null : days.stream().map(day -> day.name().substring(0, 3)).toList(),
        values(fields[2]),
        timeZone,
        null);
  }

  private static List<String> values(String cronField) {
    return cronField.equals("*") ? null : List.of(cronField.split(","));
  }

  /** The next fire times after {@code from}, in the schedule's zone: the runs that will sync. */
  public List<ZonedDateTime> nextRuns(Instant from, int count) {
    ZoneId zone = ZoneId.of(timeZone);
    ExecutionTime ticks = ExecutionTime.forCron(UTC_CRON.parse(temporalCron));
    LocalSchedule local = localSchedule();
    List<ZonedDateTime> runs = new ArrayList<>(count);
    ZonedDateTime cursor = from.atZone(ZoneOffset.UTC);
    for (int scanned = 0; runs.size() < count && scanned < MAX_TICKS_SCANNED; scanned++) {
      Optional<ZonedDateTime> tick = ticks.nextExecution(cursor);
      if (tick.isEmpty()) {
        break;
      }
      cursor = tick.get();
      if (local != null) {
        Optional<Instant> possible = local.earliestPossibleRun(cursor.toInstant());
        if (possible.isEmpty()) {
          break;
        }
        if (possible.get().isAfter(cursor.toInstant())) {
          // No run before that day: go on from there instead of testing each tick in between.
          cursor = possible.get().minusSeconds(60).atZone(ZoneOffset.UTC);
          continue;
        }
      }
      if (local == null || local.firesAt(cursor.toInstant())) {
        runs.add(cursor.withZoneSameInstant(zone));
      }
    }
    return runs;
  }
}
