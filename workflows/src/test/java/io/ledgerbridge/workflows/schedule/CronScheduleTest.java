package io.ledgerbridge.workflows.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static String cron(ScheduleSpec spec) {
    return CronSchedule.compile(spec).temporalCron();
  }

  private static ScheduleSpec spec(
      List<String> minute, List<String> hour, List<String> month, List<String> dayOfWeek, List<String> dayOfMonth) {
    return new ScheduleSpec(minute, hour, month, dayOfWeek, dayOfMonth, null, null);
  }

  @Test
  void omittedFieldsMeanEveryValue() {
    assertThat(cron(spec(null, null, null, null, null))).isEqualTo("* * * * *");
  }

  @Test
  void listsRangesAndStepsBecomeCronFields() {
    String cron =
        cron(spec(List.of("0", "30"), List.of("9-17"), List.of("*/3"), List.of("MON-FRI"), null));
    assertThat(cron).isEqualTo("0,30 9-17 * */3 1-5");
  }

  @Test
  void dayNamesAndMonthNamesBecomeNumbers() {
    assertThat(cron(spec(List.of("5"), List.of("3"), List.of("jan", "DEC"), List.of("sun", "SAT"), null)))
        .isEqualTo("5 3 * 1,12 0,6");
  }

  @Test
  void dayOfMonthListGoesInTheThirdField() {
    assertThat(cron(spec(List.of("0"), List.of("2"), null, null, List.of("1", "15"))))
        .isEqualTo("0 2 1,15 * *");
  }

  @Test
  void bothDayFieldsAreRefusedNamingTheRule() {
    assertThatThrownBy(() -> cron(spec(null, null, null, List.of("MON"), List.of("1"))))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("dayOfWeek and dayOfMonth cannot both be set");
  }

  @Test
  void outOfRangeValuesNameTheFieldAndTheRange() {
    assertThatThrownBy(() -> cron(spec(List.of("60"), null, null, null, null)))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage("schedule.minute: '60' is out of range; allowed values are 0-59");
    assertThatThrownBy(() -> cron(spec(null, List.of("24"), null, null, null)))
        .hasMessageContaining("schedule.hour");
    assertThatThrownBy(() -> cron(spec(null, null, List.of("13"), null, null)))
        .hasMessageContaining("schedule.month");
    assertThatThrownBy(() -> cron(spec(null, null, null, null, List.of("0"))))
        .hasMessageContaining("schedule.dayOfMonth");
    assertThatThrownBy(() -> cron(spec(null, null, null, List.of("FUNDAY"), null)))
        .hasMessageContaining("schedule.dayOfWeek");
  }

  @Test
  void emptyListsBackwardRangesAndZeroStepsAreRefused() {
    assertThatThrownBy(() -> cron(spec(List.of(), null, null, null, null)))
        .hasMessageContaining("schedule.minute: the list is empty");
    assertThatThrownBy(() -> cron(spec(null, List.of("17-9"), null, null, null)))
        .hasMessageContaining("runs backwards");
    assertThatThrownBy(() -> cron(spec(List.of("*/0"), null, null, null, null)))
        .hasMessageContaining("between 1 and 59");
  }

  @Test
  void rawCronIsAcceptedUnderTheSameRules() {
    assertThat(cron(ScheduleSpec.ofCron("*/15 2 * * MON"))).isEqualTo("*/15 2 * * 1");
    assertThatThrownBy(() -> cron(ScheduleSpec.ofCron("0 3 1 * 1")))
        .hasMessageContaining("cannot both be set");
    assertThatThrownBy(() -> cron(ScheduleSpec.ofCron("0 0 3 * * *")))
        .hasMessageContaining("exactly 5 fields");
    assertThatThrownBy(() -> cron(ScheduleSpec.ofCron("CRON_TZ=Europe/Berlin 0 3 * * *")))
        .hasMessageContaining("timeZone");
    assertThatThrownBy(() -> cron(ScheduleSpec.ofCron("@hourly")))
        .hasMessageContaining("5 fields");
  }

  @Test
  void rawCronAndFieldsTogetherAreRefused() {
    ScheduleSpec both = new ScheduleSpec(List.of("0"), null, null, null, null, null, "0 * * * *");
    assertThatThrownBy(() -> cron(both)).hasMessageContaining("not both");
  }

  @Test
  void unknownZonesAndFixedOffsetsAreRefused() {
    assertThatThrownBy(() -> CronSchedule.compile(new ScheduleSpec(null, null, null, null, null, "Mars/Olympus", null)))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("schedule.timeZone: 'Mars/Olympus' is not a known IANA zone");
    assertThatThrownBy(() -> CronSchedule.compile(new ScheduleSpec(null, null, null, null, null, "+02:00", null)))
        .hasMessageContaining("fixed offset");
  }

  @Test
  void schedulesStoredBeforeTheInputRulesStillCompileButAreRefusedAsNewInput() {
    ScheduleSpec blankZone = new ScheduleSpec(List.of("5\n"), null, null, null, null, "", null);
    ScheduleSpec paddedZone = new ScheduleSpec(List.of("5"), null, null, null, null, " Europe/Berlin ", null);

    assertThat(CronSchedule.compile(blankZone).timeZone()).isEqualTo("UTC");
    assertThat(CronSchedule.compile(paddedZone).timeZone()).isEqualTo("Europe/Berlin");
    assertThatThrownBy(() -> CronSchedule.checkInput(blankZone)).hasMessageStartingWith("schedule.timeZone: ");
    assertThatThrownBy(() -> CronSchedule.checkInput(paddedZone)).hasMessageContaining("not exactly an IANA zone name");
  }

  @Test
  void aScheduleThatNeverFiresIsRefused() {
    assertThatThrownBy(() -> cron(spec(List.of("0"), List.of("0"), List.of("2"), null, List.of("30", "31"))))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("never fires");
  }

  @Test
  void everyMonthAndLastDayAreAccepted() {
    CompiledSchedule lastDay =
        CronSchedule.compile(spec(List.of("0"), List.of("18"), List.of("every month"), null, List.of("last day")));
    assertThat(lastDay.localCron()).isEqualTo("0 18 L * *");
    assertThat(lastDay.temporalCron()).as("runs daily and checks for the last day").isEqualTo("0 18 * * *");
    assertThat(lastDay.checksLocalTime()).isTrue();
  }
}
