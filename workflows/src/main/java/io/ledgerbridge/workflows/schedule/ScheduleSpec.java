package io.ledgerbridge.workflows.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A job's schedule as the admin gives it: each field a list of values, ranges ("1-5") or steps
 * ("*&#47;15"); an omitted field means every value, and for the two day fields "None". Day of
 * week and day of month are never both set. Alternatively {@code cron} holds a raw 5-field cron
 * string, under the same rules, and the other fields stay empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleSpec(
    List<String> minute,
    List<String> hour,
    List<String> month,
    List<String> dayOfWeek,
    List<String> dayOfMonth,
    String timeZone,
    String cron) {

  /** A schedule from a raw 5-field cron string in UTC. */
  public static ScheduleSpec ofCron(String cron) {
    return new ScheduleSpec(null, null, null, null, null, CronSchedule.UTC, cron);
  }
}
