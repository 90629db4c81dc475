package io.ledgerbridge.workflows.schedule;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The admin's schedule in wall-clock time: a 5-field cron (day of month may be {@code L}, the
 * last day) in an IANA time zone. It decides whether a run is due, for the workflow and for the
 * next-run listings alike, so the two cannot disagree.
 *
 * <p>Daylight saving: a wall-clock time that happens twice (clocks fall back) fires once, at its
 * first occurrence; one that does not happen (clocks spring forward) fires when the clock has
 * jumped past it, shifted by the length of the gap, as {@code java.time} resolves such times.
 */
public record LocalSchedule(String cron, String timeZone) {

  /** UNIX cron as Temporal's Java test server parses it, plus {@code L} in the day of month. */
  static final CronDefinition DEFINITION =
      CronDefinitionBuilder.defineCron()
          .withMinutes().withValidRange(0, 59).withStrictRange().and()
          .withHours().withValidRange(0, 23).withStrictRange().and()
          .withDayOfMonth().withValidRange(1, 31).supportsL().withStrictRange().and()
          .withMonth().withValidRange(1, 12).withStrictRange().and()
          .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
          .matchDayOfWeekAndDayOfMonth()
          .instance();

  static final CronParser PARSER = new CronParser(DEFINITION);

  /** Windows longer than this (a worker down for days) are checked over their last week only. */
  private static final Duration LONGEST_WINDOW = Duration.ofDays(7);

  /**
   * Whether the schedule fires at some minute in {@code (after, until]}: a cron run of the UTC
   * superset is due when a local fire time passed since the previous run ended.
   */
  public boolean firesBetween(Instant after, Instant until) {
    Instant last = until.truncatedTo(ChronoUnit.MINUTES);
    Instant first = after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    Instant earliest = last.minus(LONGEST_WINDOW);
    if (first.isBefore(earliest)) {
      first = earliest;
    }
    List<ExecutionTime> times = executionTimes();
    ZoneRules rules = ZoneId.of(timeZone).getRules();
    for (Instant minute = first; !minute.isAfter(last); minute = minute.plus(1, ChronoUnit.MINUTES)) {
      if (firesAt(times, rules, minute)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the schedule fires at the minute of this instant. */
  public boolean firesAt(Instant instant) {
    return firesAt(executionTimes(), ZoneId.of(timeZone).getRules(), instant.truncatedTo(ChronoUnit.MINUTES));
  }

  private static boolean firesAt(List<ExecutionTime> times, ZoneRules rules, Instant minute) {
    ZoneOffset offset = rules.getOffset(minute);
    LocalDateTime local = LocalDateTime.ofInstant(minute, offset);
    if (matches(times, local)) {
      ZoneOffsetTransition overlap = rules.getTransition(local);
      boolean secondOccurrence =
          overlap != null && overlap.isOverlap() && offset.equals(overlap.getOffsetAfter());
      return !secondOccurrence;
    }
    ZoneOffsetTransition previous = rules.previousTransition(minute.plusSeconds(1));
    if (previous != null && previous.isGap()) {
      LocalDateTime skipped = local.minus(previous.getDuration());
      boolean inGap =
          !skipped.isBefore(previous.getDateTimeBefore()) && skipped.isBefore(previous.getDateTimeAfter());
      return inGap && matches(times, skipped);
    }
    return false;
  }

  /**
   * The earliest instant from {@code from} on at which the schedule may fire, judged by its day
   * fields (day of month, month, day of week) alone: {@code from} itself on a day they take, else
   * the start of the next local day they take; empty when no day ever comes. A time skipped by a
   * clock change fires later, at most one day on, so the day before also counts. Lets a search
   * for runs jump over the days that cannot have any, instead of testing each of their minutes.
   */
  public Optional<Instant> earliestPossibleRun(Instant from) {
    ZoneId zone = ZoneId.of(timeZone);
    LocalDate dayBefore = LocalDate.ofInstant(from, zone).minusDays(1);
    String[] fields = cron.split(" ");
    // The day's first minute matches when the day does; wall-clock fields are evaluated in UTC.
    ZonedDateTime searchFrom = dayBefore.atStartOfDay(ZoneOffset.UTC).minusMinutes(1);
    Optional<LocalDate> firstDay = executionTimes(String.join(" ", "0", "0", fields[2], fields[3], fields[4])).stream()
        .map(days -> days.nextExecution(searchFrom))
        .flatMap(Optional::stream)
        .map(ZonedDateTime::toLocalDate)
        .min(LocalDate::compareTo);
    return firstDay.map(day -> day.isAfter(dayBefore) ? day.atStartOfDay(zone).toInstant() : from)
        .map(start -> start.isBefore(from) ? from : start);
  }

  /** Matches wall-clock fields, evaluated in UTC where no daylight saving can interfere. */
  private static boolean matches(List<ExecutionTime> times, LocalDateTime local) {
    ZonedDateTime wallClock = local.atZone(ZoneOffset.UTC);
    return times.stream().anyMatch(time -> time.isMatch(wallClock));
  }

  /**
   * The cron as cron-utils evaluates it. cron-utils honours {@code L} only as the whole day-of-month
   * field, so a list such as {@code 1,L} becomes two crons: one with the listed days, one with L.
   */
  private List<ExecutionTime> executionTimes() {
    return executionTimes(cron);
  }

  private static List<ExecutionTime> executionTimes(String cron) {
    String[] fields = cron.split(" ");
    List<String> days = List.of(fields[2].split(","));
    if (days.size() == 1 || !days.contains("L")) {
      return List.of(ExecutionTime.forCron(PARSER.parse(cron)));
    }
    String listedDays = days.stream().filter(day -> !day.equals("L")).collect(Collectors.joining(","));
    return List.of(
        ExecutionTime.forCron(PARSER.parse(withDayOfMonth(fields, listedDays))),
        ExecutionTime.forCron(PARSER.parse(withDayOfMonth(fields, "L"))));
  }

  private static String withDayOfMonth(String[] fields, String dayOfMonth) {
    return String.join(" ", fields[0], fields[1], dayOfMonth, fields[3], fields[4]);
  }
}
