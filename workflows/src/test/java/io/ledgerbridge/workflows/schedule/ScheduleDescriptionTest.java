package io.ledgerbridge.workflows.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the job list, the CLI and the schedule preview say a schedule does, and the schedule as form fields. */
class ScheduleDescriptionTest {

  private static String described(String cron, String zone) {
    return CronSchedule.compile(new ScheduleSpec(null, null, null, null, null, zone, cron)).description();
  }

  private static ScheduleSpec fields(String cron) {
    return CronSchedule.compile(ScheduleSpec.ofCron(cron)).asFields();
  }

  @Test
  void timesOfDayAreNamedWithTheirDays() {
    assertThat(described("30 2 * * MON,WED", "America/New_York"))
        .isEqualTo("at 02:30 on Mondays and Wednesdays (America/New_York)");
    assertThat(described("30 3 * * *", "Europe/Berlin")).isEqualTo("at 03:30 every day (Europe/Berlin)");
    assertThat(described("30 6,18 * * 1-5", "UTC")).isEqualTo("at 06:30 and 18:30 on weekdays (UTC)");
    assertThat(described("0 10 * * 0,6", "UTC")).isEqualTo("at 10:00 on weekends (UTC)");
    assertThat(described("0,30 6 * * 7", "UTC")).isEqualTo("at 06:00 and 06:30 on Sundays (UTC)");
  }

  @Test
  void daysOfTheMonthAreOrdinalsAndLIsTheLastDay() {
    assertThat(described("0 2 1,L * *", "UTC")).isEqualTo("at 02:00 on the 1st and the last day of the month (UTC)");
    assertThat(described("0 2 L * *", "UTC")).isEqualTo("at 02:00 on the last day of the month (UTC)");
    assertThat(described("0 7 2,3,11,22 1,7 *", "UTC"))
        .isEqualTo("at 07:00 on the 2nd, 3rd, 11th and 22nd of the month in January and July (UTC)");
  }

  @Test
  void frequentSchedulesSayHowOften() {
    assertThat(described("* * * * *", "UTC")).isEqualTo("every minute (UTC)");
    assertThat(described("*/15 * * * *", "UTC")).isEqualTo("every 15 minutes (UTC)");
    assertThat(described("*/20 9-17 * * 1-5", "UTC")).isEqualTo("every 20 minutes from 09:00 to 17:40 on weekdays (UTC)");
    assertThat(described("0 * * * *", "UTC")).isEqualTo("every hour on the hour (UTC)");
    assertThat(described("15,45 * * * *", "UTC")).isEqualTo("at :15 and :45 past every hour (UTC)");
    assertThat(described("0 6,12,18,19,20,21,22 * * *", "UTC"))
        .isEqualTo("every hour on the hour in the hours starting 06:00, 12:00, 18:00, 19:00, 20:00, 21:00 and 22:00 (UTC)");
  }

  @Test
  void fieldsNameMonthsAndDaysOfTheWeekOneByOne() {
    ScheduleSpec weekdays = fields("30 6,18 * */4 1-5");
    assertThat(weekdays.minute()).containsExactly("30");
    assertThat(weekdays.hour()).containsExactly("6", "18");
    assertThat(weekdays.month()).containsExactly("JAN", "MAY", "SEP");
    assertThat(weekdays.dayOfWeek()).containsExactly("MON", "TUE", "WED", "THU", "FRI");
    assertThat(weekdays.dayOfMonth()).isNull();
    assertThat(weekdays.cron()).isNull();
    assertThat(fields("0 2 * * 0,6").dayOfWeek()).containsExactly("SAT", "SUN");
  }

  @Test
  void fieldsLeaveOutWhatMeansEveryValue() {
    ScheduleSpec everyDay = fields("*/15 * 1,L * *");
    assertThat(everyDay.minute()).containsExactly("*/15");
    assertThat(everyDay.hour()).isNull();
    assertThat(everyDay.month()).isNull();
    assertThat(everyDay.dayOfWeek()).isNull();
    assertThat(everyDay.dayOfMonth()).containsExactly("1", "L");
    assertThat(fields("0 2 * * 0-6").dayOfWeek()).isNull();
  }

  @Test
  void fieldsCompileToTheSameSchedule() {
    CompiledSchedule original = CronSchedule.compile(
        new ScheduleSpec(List.of("15"), List.of("7"), List.of("MAR-MAY"), List.of("MON-WED"), null, "Europe/Berlin", null));
    CompiledSchedule again = CronSchedule.compile(original.asFields());
    assertThat(again.description()).isEqualTo(original.description());
    assertThat(again.temporalCron()).isEqualTo(original.temporalCron());
  }
}
