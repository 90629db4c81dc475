package io.ledgerbridge.workflows.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The schedule parser against arbitrary input: whatever an admin sends is either compiled into a
 * cron that Temporal and the job table take, firing exactly at the values given, or refused with
 * an {@link InvalidScheduleException} naming the field. The expected fire times come from this
 * test's own reading of the values, not from the parser.
 */
class ScheduleParserProperties {
  private static final CronParser TEMPORAL_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  /** The width of {@code sync_job.cron}, where the compiled cron is stored. */
  private static final int CRON_COLUMN_WIDTH = 200;
  private static final Set<String> FIELDS = Set.of("minute", "hour", "month", "dayOfWeek", "dayOfMonth", "timeZone", "cron", "schedule");
  private static final List<String> MONTH_NAMES =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final Instant FROM = Instant.parse("2031-03-20T10:17:00Z");

  /** A field as the admin may write it, and the values it stands for by this test's reading. */
  record Field(List<String> entries, Set<Integer> values) {}

  // ---- valid schedules ----

  @Property(tries = 300)
  void aValidScheduleFiresOnlyAtTheGivenValuesInUtc(@ForAll("validSchedules") Schedule schedule) {
    CronSchedule.checkInput(schedule.spec());
    CompiledSchedule compiled = CronSchedule.compile(schedule.spec());

    List<ZonedDateTime> runs = compiled.nextRuns(FROM, 4);
    assertThat(runs).as("a valid schedule fires").isNotEmpty();
    Instant previous = FROM;
    for (ZonedDateTime run : runs) {
      assertThat(run.toInstant()).isAfter(previous);
      previous = run.toInstant();
      assertThat(schedule.minute().values()).as("minute of %s", run).contains(run.getMinute());
      assertThat(schedule.hour().values()).as("hour of %s", run).contains(run.getHour());
      assertThat(schedule.month().values()).as("month of %s", run).contains(run.getMonthValue());
      assertThat(schedule.dayMatches(run)).as("day of %s", run).isTrue();
    }
    assertTemporalTakes(compiled);
  }

  @Property(tries = 100)
  void aValidScheduleInAnyZoneCompilesToACronTemporalAndTheJobTableTake(
      @ForAll("validSchedules") Schedule schedule, @ForAll("zones") String zone) {
    ScheduleSpec spec = schedule.spec();
    CompiledSchedule compiled = CronSchedule.compile(
        new ScheduleSpec(spec.minute(), spec.hour(), spec.month(), spec.dayOfWeek(), spec.dayOfMonth(), zone, null));

    assertThat(compiled.timeZone()).isEqualTo(zone);
    assertTemporalTakes(compiled);
  }

  @Property(tries = 100)
  void theCompiledScheduleGivenBackAsARawCronCompilesToItself(
      @ForAll("validSchedules") Schedule schedule, @ForAll("zones") String zone) {
    ScheduleSpec spec = schedule.spec();
    CompiledSchedule fromFields = CronSchedule.compile(
        new ScheduleSpec(spec.minute(), spec.hour(), spec.month(), spec.dayOfWeek(), spec.dayOfMonth(), zone, null));

    CompiledSchedule fromCron =
        CronSchedule.compile(new ScheduleSpec(null, null, null, null, null, zone, fromFields.localCron()));

    assertThat(fromCron).isEqualTo(fromFields);
  }

  private static void assertTemporalTakes(CompiledSchedule compiled) {
    assertThat(compiled.temporalCron().length()).as(compiled.temporalCron()).isLessThanOrEqualTo(CRON_COLUMN_WIDTH);
    TEMPORAL_CRON.parse(compiled.temporalCron()).validate();
  }

  // ---- anything at all ----

  @Property(tries = 1000)
  void anyInputIsCompiledOrRefusedNamingTheField(@ForAll("anySchedules") ScheduleSpec spec) {
    Throwable refused = catchThrowable(() -> {
      CronSchedule.checkInput(spec);
      assertTemporalTakes(CronSchedule.compile(spec));
    });

    if (refused != null) {
      assertThat(refused).isInstanceOf(InvalidScheduleException.class);
      InvalidScheduleException invalid = (InvalidScheduleException) refused;
      assertThat(FIELDS).contains(invalid.field());
      assertThat(invalid.getMessage()).startsWith("schedule." + invalid.field() + ": ");
    }
  }

  @Property(tries = 300)
  void controlCharactersAnywhereAreRefused(
      @ForAll("validSchedules") Schedule schedule, @ForAll("controlCharacters") String control) {
    ScheduleSpec spec = schedule.spec();
    List<String> minute = new ArrayList<>(spec.minute() == null ? List.of("0") : spec.minute());
    minute.set(0, minute.get(0) + control);

    assertThatThrownBy(() -> CronSchedule.checkInput(
            new ScheduleSpec(minute, spec.hour(), spec.month(), spec.dayOfWeek(), spec.dayOfMonth(), null, null)))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageStartingWith("schedule.minute: ");
    assertThatThrownBy(() -> CronSchedule.checkInput(new ScheduleSpec(null, null, null, null, null, "Europe/Berlin" + control, null)))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageStartingWith("schedule.timeZone: ");
    assertThatThrownBy(() -> CronSchedule.checkInput(ScheduleSpec.ofCron("0 3 * * *" + control)))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageStartingWith("schedule.cron: ");
  }

  @Property(tries = 100)
  void aListLongerThanTheValuesAFieldHasIsRefused(@ForAll("tooManyMinutes") List<String> minutes) {
    assertThatThrownBy(() -> CronSchedule.checkInput(new ScheduleSpec(minutes, null, null, null, null, null, null)))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageStartingWith("schedule.minute: ")
        .hasMessageContaining("at most 60");
  }

  // ---- generators ----

  /** A valid schedule: its fields as written, and what each stands for. */
  record Schedule(Field minute, Field hour, Field month, Field dayOfWeek, Field dayOfMonth) {
    ScheduleSpec spec() {
      return new ScheduleSpec(minute.entries(), hour.entries(), month.entries(), dayOfWeek.entries(),
          dayOfMonth.entries(), null, null);
    }

    boolean dayMatches(ZonedDateTime run) {
      if (dayOfWeek.entries() != null) {
        int day = run.getDayOfWeek().getValue() % 7;
        // 7 is Sunday too.
        return dayOfWeek.values().contains(day) || day == 0 && dayOfWeek.values().contains(7);
      }
      if (dayOfMonth.entries() != null) {
        boolean last = run.getDayOfMonth() == run.with(TemporalAdjusters.lastDayOfMonth()).getDayOfMonth();
        // -1 stands for L, the last day of the month.
        return dayOfMonth.values().contains(run.getDayOfMonth()) || last && dayOfMonth.values().contains(-1);
      }
      return true;
    }
  }

  @Provide
  Arbitrary<Schedule> validSchedules() {
    Arbitrary<Field> noDays = Arbitraries.just(new Field(null, null));
    Arbitrary<Field[]> days = Arbitraries.oneOf(
        Combinators.combine(field(0, 6, 7, DAY_NAMES, 0, List.of()), noDays).as((dow, dom) -> new Field[] {dow, dom}),
        Combinators.combine(noDays, dayOfMonth()).as((dow, dom) -> new Field[] {dow, dom}),
        Arbitraries.just(new Field[] {new Field(null, null), new Field(null, null)}));
    return Combinators.combine(
            field(0, 59, 59, List.of(), 0, List.of()),
            field(0, 23, 23, List.of(), 0, List.of()),
            field(1, 12, 12, MONTH_NAMES, 1, List.of("every month")),
            days)
        .as((minute, hour, month, day) -> new Schedule(minute, hour, month, day[0], day[1]))
        // February 30th and the like never fire: that refusal has its own example test.
        .filter(ScheduleParserProperties::canFire);
  }

  private static boolean canFire(Schedule schedule) {
    if (schedule.dayOfMonth().entries() == null) {
      return true;
    }
    Set<Integer> days = schedule.dayOfMonth().values();
    return schedule.month().values().stream().anyMatch(month -> {
      int length = java.time.YearMonth.of(2032, month).lengthOfMonth();
      return days.contains(-1) || days.stream().anyMatch(day -> day >= 1 && day <= length);
    });
  }

  private static Arbitrary<Field> dayOfMonth() {
    Arbitrary<Field> lastDay = Arbitraries.of("L", "l", "last day", "LAST")
        .map(last -> new Field(List.of(last), Set.of(-1)));
    return Arbitraries.oneOf(field(1, 31, 31, List.of(), 1, List.of()), lastDay);
  }

  /**
   * A field of 1-4 entries: values (as numbers or names), ranges, steps, or left out; {@code every}
   * spellings stand for every value. Steps run up to {@code stepMax}: day of week's is 7 (Sunday again).
   */
  private static Arbitrary<Field> field(
      int min, int max, int stepMax, List<String> names, int firstNamed, List<String> every) {
    Arbitrary<Field> entry = Arbitraries.oneOf(
        value(min, max, names, firstNamed),
        Combinators.combine(Arbitraries.integers().between(min, max), Arbitraries.integers().between(min, max))
            .as((a, b) -> new Field(List.of(Math.min(a, b) + "-" + Math.max(a, b)),
                range(Math.min(a, b), Math.max(a, b), 1))),
        Arbitraries.integers().between(1, max)
            .map(step -> new Field(List.of("*/" + step), range(min, stepMax, step))),
        Combinators.combine(Arbitraries.integers().between(min, max), Arbitraries.integers().between(1, max))
            .as((start, step) -> new Field(List.of(start + "/" + step), range(start, stepMax, step))));
    Arbitrary<Field> list = entry.list().ofMinSize(1).ofMaxSize(4).map(entries -> new Field(
        entries.stream().flatMap(e -> e.entries().stream()).toList(),
        entries.stream().flatMap(e -> e.values().stream()).collect(Collectors.toCollection(TreeSet::new))));
    Arbitrary<Field> everyValue = Arbitraries.of(every.isEmpty() ? List.of("*") : every)
        .map(word -> new Field(List.of(word), range(min, max, 1)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, list),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Field(null, range(min, max, 1)))),
        net.jqwik.api.Tuple.of(1, everyValue));
  }

  private static Arbitrary<Field> value(int min, int max, List<String> names, int firstNamed) {
    Arbitrary<Field> number = Arbitraries.integers().between(min, max)
        .map(v -> new Field(List.of(Integer.toString(v)), Set.of(v)));
    if (names.isEmpty()) {
      return number;
    }
    Arbitrary<Field> named = Arbitraries.integers().between(0, names.size() - 1)
        .map(i -> new Field(List.of(i % 2 == 0 ? names.get(i) : names.get(i).toLowerCase(Locale.ROOT)), Set.of(i + firstNamed)));
    // Day of week 7 is Sunday, like 0.
    Arbitrary<Field> sunday = Arbitraries.just(new Field(List.of("7"), Set.of(0)));
    return max == 6 ? Arbitraries.oneOf(number, named, sunday) : Arbitraries.oneOf(number, named);
  }

  private static Set<Integer> range(int from, int to, int step) {
    return IntStream.iterate(from, v -> v <= to, v -> v + step).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(
        ZoneId.getAvailableZoneIds().stream().sorted().toList());
  }

  @Provide
  Arbitrary<String> controlCharacters() {
    return Arbitraries.oneOf(
        Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf),
        Arbitraries.of("\u007f", "\u0085", "\u2028", "\u2029", "\r\n"));
  }

  @Provide
  Arbitrary<List<String>> tooManyMinutes() {
    return Arbitraries.integers().between(0, 59).map(String::valueOf).list().ofMinSize(61).ofMaxSize(10_000);
  }

  /** Near-misses and junk: what an admin, a script or an attacker may send. */
  @Provide
  Arbitrary<ScheduleSpec> anySchedules() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("0", "59", "60", "-1", "1-", "-5", "5-1", "*/", "*/0", "*/99999999999", "99999999999", "0/0",
            "1-5/2", "L", "LW", "last day", "every month", "MON-FRI", "FRI-MON", "JAN-DEC", "SUN-SAT", "7", "8", "?",
            "#", "1#3", "*", "**", " 5 ", "5\n", "\u0000", "\ud800", "٣", "Ⅻ", "0x1F", "+5", "1,2", "1 2", ""),
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().withChars("0123456789-*/,LMONJAW ").ofMaxLength(10));
    Arbitrary<List<String>> list = Arbitraries.oneOf(
        token.list().ofMaxSize(5),
        Arbitraries.just(null),
        Arbitraries.just(null));
    Arbitrary<String> zone = Arbitraries.oneOf(
        Arbitraries.of("UTC", "Europe/Berlin", "", " ", "Europe/Berlin\n", " Europe/Berlin", "europe/berlin", "+02:00",
            "GMT+2", "UTC+01:00", "Z", "Mars/Olympus", "../../etc/passwd", "America/Argentina/ComodRivadavia", "EST",
            "\u0000"),
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.just(null));
    Arbitrary<String> cron = Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.just(null),
        token.list().ofMinSize(1).ofMaxSize(7).map(parts -> String.join(" ", parts)),
        Arbitraries.of("0 3 * * *", "0 3 * * * *", "@hourly", "CRON_TZ=UTC 0 3 * * *", "0 3 1 * 1", "0 3 L * *",
            "0 3 31 2 *", "  0   3 * * *  ", "0,,1 3 * * *", "0 3 * * *\n0 4 * * *"));
    return Combinators.combine(list, list, list, list, list, zone, cron).as(ScheduleSpec::new);
  }
}
