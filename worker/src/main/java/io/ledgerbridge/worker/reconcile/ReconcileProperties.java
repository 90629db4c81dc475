package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.workflows.schedule.CompiledSchedule;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheduled reconciliations ({@code ledgerbridge.reconcile.*}, {@code LEDGERBRIDGE_RECONCILE_*}
 * in the environment): every connected company is reconciled on {@code schedule}, a 5-field cron in
 * UTC, weekly by default; {@code enabled: false} stops the schedule (reconciling by hand still works).
 */
@ConfigurationProperties("ledgerbridge.reconcile")
public record ReconcileProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0 3 * * 0") String schedule) {

  public ReconcileProperties {
    if (enabled) {
      compile(schedule);
    }
  }

  /** The schedule as Temporal runs it, with its description. */
  public CompiledSchedule compiled() {
    return compile(schedule);
  }

  private static CompiledSchedule compile(String schedule) {
    try {
      return CronSchedule.compile(ScheduleSpec.ofCron(schedule));
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("ledgerbridge.reconcile.schedule (LEDGERBRIDGE_RECONCILE_SCHEDULE): '" + schedule
          + "' is not a schedule: " + bad.getMessage() + "; give a 5-field cron in UTC such as '0 3 * * 0' (Sundays"
          + " at 03:00), or turn the schedule off with ledgerbridge.reconcile.enabled=false");
    }
  }
}
