package io.ledgerbridge.workflows.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local-time schedules: the UTC superset Temporal runs, and exact firing across DST changes. */
class TimeZoneScheduleTest {

  private static CompiledSchedule daily(String hour, String minute, String zone) {
    return CronSchedule.compile(new ScheduleSpec(List.of(minute), List.of(hour), null, null, null, zone, null));
  }

  private static List<String> utc(List<ZonedDateTime> runs) {
    return runs.stream().map(run -> run.toInstant().toString()).toList();
  }

  @Test
  void utcSchedulesRunExactlyAsGiven() {
    CompiledSchedule schedule = daily("3", "30", "UTC");
    assertThat(schedule.temporalCron()).isEqualTo("30 3 * * *");
    assertThat(schedule.checksLocalTime()).isFalse();
    assertThat(schedule.localSchedule()).isNull();
  }

  @Test
  void aBerlinScheduleRunsOnTheUtcHoursOfBothItsOffsets() {
    CompiledSchedule schedule = daily("3", "30", "Europe/Berlin");
    assertThat(schedule.localCron()).isEqualTo("30 3 * * *");
    assertThat(schedule.temporalCron()).isEqualTo("30 1,2 * * *");
    assertThat(schedule.description()).contains("Europe/Berlin");
  }

  @Test
  void halfHourOffsetsShiftTheMinutes() {
    assertThat(daily("9", "0", "Asia/Kolkata").temporalCron()).isEqualTo("30 3 * * *");
  }

  @Test
  void nextRunsKeepTheLocalTimeWhenClocksSpringForward() {
    // Berlin: 2026-03-29 02:00 CET becomes 03:00 CEST.
    List<ZonedDateTime> runs = daily("3", "30", "Europe/Berlin").nextRuns(Instant.parse("2026-03-27T00:00:00Z"), 4);
    assertThat(utc(runs))
        .containsExactly("2026-03-27T02:30:00Z", "2026-03-28T02:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T01:30:00Z");
    assertThat(runs).allSatisfy(run -> assertThat(run.toLocalTime().toString()).isEqualTo("03:30"));
  }

  @Test
  void nextRunsKeepTheLocalTimeWhenClocksFallBack() {
    // Berlin: 2026-10-25 03:00 CEST becomes 02:00 CET.
    List<ZonedDateTime> runs = daily("3", "30", "Europe/Berlin").nextRuns(Instant.parse("2026-10-24T00:00:00Z"), 3);
    assertThat(utc(runs)).containsExactly("2026-10-24T01:30:00Z", "2026-10-25T02:30:00Z", "2026-10-26T02:30:00Z");
  }

  @Test
  void aTimeInTheSkippedHourRunsOnceAfterTheJump() {
    // 02:30 does not exist in Berlin on 2026-03-29: it runs at 03:30 CEST, like java.time resolves it.
    List<ZonedDateTime> runs = daily("2", "30", "Europe/Berlin").nextRuns(Instant.parse("2026-03-28T00:00:00Z"), 3);
    assertThat(utc(runs)).containsExactly("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z");
  }

  @Test
  void aTimeInTheRepeatedHourRunsOnlyAtItsFirstOccurrence() {
    // 02:30 happens twice in Berlin on 2026-10-25: at 00:30Z (CEST) and 01:30Z (CET).
    List<ZonedDateTime> runs = daily("2", "30", "Europe/Berlin").nextRuns(Instant.parse("2026-10-24T12:00:00Z"), 2);
    assertThat(utc(runs)).containsExactly("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
  }

  @Test
  void newYorkEveningRunsCrossTheUtcDateLine() {
    // 21:15 in New York is the next UTC day; the US changes clocks on 2026-11-01.
    CompiledSchedule schedule =
        CronSchedule.compile(new ScheduleSpec(List.of("15"), List.of("21"), null, List.of("FRI"), null, "America/New_York", null));
    List<ZonedDateTime> runs = schedule.nextRuns(Instant.parse("2026-10-25T00:00:00Z"), 2);
    assertThat(utc(runs)).containsExactly("2026-10-31T01:15:00Z", "2026-11-07T02:15:00Z");
    assertThat(runs).allSatisfy(run -> assertThat(run.getDayOfWeek().toString()).isEqualTo("FRIDAY"));
  }

  @Test
  void theLastDayOfTheMonthFollowsTheMonthsLength() {
    CompiledSchedule schedule =
        CronSchedule.compile(new ScheduleSpec(List.of("0"), List.of("18"), null, null, List.of("L"), "UTC", null));
    assertThat(utc(schedule.nextRuns(Instant.parse("2027-01-15T00:00:00Z"), 3)))
        .containsExactly("2027-01-31T18:00:00Z", "2027-02-28T18:00:00Z", "2027-03-31T18:00:00Z");
  }

  @Test
  void theLastDayCanBeListedWithOtherDays() {
    CompiledSchedule schedule =
        CronSchedule.compile(new ScheduleSpec(List.of("0"), List.of("7"), null, null, List.of("1", "L"), "Europe/Berlin", null));
    assertThat(utc(schedule.nextRuns(Instant.parse("2027-01-15T00:00:00Z"), 4)))
        .containsExactly("2027-01-31T06:00:00Z", "2027-02-01T06:00:00Z", "2027-02-28T06:00:00Z", "2027-03-01T06:00:00Z");
  }

  @Test
  void aLateRunCatchesUpAMissedFireTimeOnce() {
    LocalSchedule schedule = daily("3", "30", "Europe/Berlin").localSchedule();
    assertThat(schedule.firesBetween(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T05:00:00Z")))
        .isTrue();
    assertThat(schedule.firesBetween(Instant.parse("2026-11-20T02:31:00Z"), Instant.parse("2026-11-21T02:29:00Z")))
        .isFalse();
    assertThat(schedule.firesBetween(Instant.parse("2026-11-20T02:29:30Z"), Instant.parse("2026-11-20T02:30:00.080Z")))
        .as("the window includes its end, so the run at the fire time itself counts")
        .isTrue();
  }
}
