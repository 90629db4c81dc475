package io.ledgerbridge.workflows.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.ledgerbridge.workflows.catalog.PlainText;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles an admin's {@link ScheduleSpec} into a {@link CompiledSchedule}, checking every field
 * first: a cron the server rejects fails only after a minute of client retries, so nothing
 * unchecked may reach it. Parsing uses cron-utils, the library Temporal's Java test server uses.
 */
public final class CronSchedule {
  public static final String UTC = "UTC";

  private static final CronParser UTC_CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Pattern PART =
      Pattern.compile("^(\\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:/(\\d+))?$");
  private static final Set<String> EVERY_MONTH = Set.of("*", "EVERY MONTH");
  private static final Set<String> LAST_DAY = Set.of("L", "LAST", "LAST DAY");
  private static final Map<String, Integer> MONTH_NAMES =
      Map.ofEntries(
          Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4),
          Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8),
          Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
  private static final Map<String, Integer> DAY_NAMES =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);
  /** How far ahead the zone's offsets are collected for the UTC superset. */
  private static final int OFFSET_YEARS_AHEAD = 10;
  /**
   * The longest value, range or step ("last day", "every month", "10-20/5"); with the entry
   * limits below, any accepted schedule fits the job table's 4000-character column.
   */
  private static final int MAX_ENTRY_LENGTH = 20;
  /** Five fields of at most 60 entries each, with room for spacing. */
  private static final int MAX_CRON_LENGTH = 1000;
  /** Consecutive values from this many on are written as a range, keeping Temporal's cron short. */
  private static final int SHORTEST_RANGE = 3;

  private enum Field {
    MINUTE("minute", 0, 59, Map.of(), "0-59"),
    HOUR("hour", 0, 23, Map.of(), "0-23"),
    DAY_OF_MONTH("dayOfMonth", 1, 31, Map.of(), "1-31 or L (the last day)"),
    MONTH("month", 1, 12, MONTH_NAMES, "1-12, JAN-DEC or \"every month\""),
    DAY_OF_WEEK("dayOfWeek", 0, 7, DAY_NAMES, "MON-SUN or 0-7 (0 and 7 are Sunday)");

    final String jsonName;
    final int min;
    final int max;
    final Map<String, Integer> names;
    final String allowed;

    Field(String jsonName, int min, int max, Map<String, Integer> names, String allowed) {
      this.jsonName = jsonName;
      this.min = min;
      this.max = max;
      this.names = names;
      this.allowed = allowed;
    }
  }

  private CronSchedule() {}

  /**
   * Validates and compiles a schedule.
   *
   * @throws InvalidScheduleException naming the field and the rule it breaks
   */
  public static CompiledSchedule compile(ScheduleSpec spec) {
    if (spec == null) {
      throw new InvalidScheduleException(
          "schedule", "give a schedule, e.g. {\"minute\":[0],\"hour\":[3]} for every day at 03:00");
    }
    String zone = zone(spec.timeZone());
    String localCron = spec.cron() != null ? rawCron(spec) : fieldsCron(spec);
    String field = spec.cron() != null ? "cron" : "schedule";
    parse(field, LocalSchedule.PARSER, localCron);
    String temporalCron = temporalCron(localCron, zone);
    parse(field, UTC_CRON, temporalCron);
    CompiledSchedule compiled = new CompiledSchedule(localCron, zone, temporalCron);
    if (compiled.nextRuns(Instant.now(), 1).isEmpty()) {
      throw new InvalidScheduleException(
          field,
          "'" + localCron + "' never fires (e.g. 31 February); pick days that exist");
    }
    return compiled;
  }

  /**
   * What a schedule an admin sends must meet besides compiling: its text plain (trimming would
   * hide a line break or NUL, and the schedule is stored as given), a zone named exactly (not "",
   * not "UTC+2"), and lists and values no longer than a field can use, so any accepted schedule
   * fits the job table. Schedules stored before these rules compile as they did.
   *
   * @throws InvalidScheduleException naming the field and the rule it breaks
   */
  public static void checkInput(ScheduleSpec spec) {
    if (spec == null) {
      return;
    }
    plainText("timeZone", spec.timeZone());
    plainText("cron", spec.cron());
    String timeZone = spec.timeZone();
    if (timeZone != null && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
      // Unknown names and offsets such as +02:00 get the messages compiling gives them.
      String known = zone(timeZone);
      boolean offset = !ZoneId.getAvailableZoneIds().contains(known);
      throw new InvalidScheduleException("timeZone", offset
          ? "'" + timeZone + "' is a fixed offset; use an IANA zone name such as Europe/Berlin, or UTC"
          : "'" + timeZone + "' is not exactly an IANA zone name; use e.g. Europe/Berlin or UTC");
    }
    if (spec.cron() != null && spec.cron().length() > MAX_CRON_LENGTH) {
      throw new InvalidScheduleException(
          "cron", "at most " + MAX_CRON_LENGTH + " characters; this one has " + spec.cron().length());
    }
    for (Field field : Field.values()) {
      List<String> values = switch (field) {
        case MINUTE -> spec.minute();
        case HOUR -> spec.hour();
        case DAY_OF_MONTH -> spec.dayOfMonth();
        case MONTH -> spec.month();
        case DAY_OF_WEEK -> spec.dayOfWeek();
      };
      if (values != null) {
        boundedList(field, values);
      }
    }
  }

  private static void boundedList(Field field, List<String> values) {
    int distinctValues = field.max - field.min + 1;
    if (values.size() > distinctValues) {
      throw new InvalidScheduleException(
          field.jsonName,
          values.size() + " values, but there are only " + distinctValues + "; give at most " + distinctValues
              + ", or a range (a-b) or step (*/n) in " + field.allowed);
    }
    for (String value : values) {
      plainText(field.jsonName, value);
      if (value != null && value.length() > MAX_ENTRY_LENGTH) {
        throw new InvalidScheduleException(
            field.jsonName, "a value of " + value.length() + " characters is too long; use " + field.allowed);
      }
    }
  }

  private static void plainText(String field, String value) {
    if (value != null) {
      PlainText.problem(value).ifPresent(problem -> {
        throw new InvalidScheduleException(field, "'" + value.strip() + "': " + problem);
      });
    }
  }

  private static String fieldsCron(ScheduleSpec spec) {
    if (spec.dayOfWeek() != null && spec.dayOfMonth() != null) {
      throw new InvalidScheduleException(
          "dayOfWeek",
          "dayOfWeek and dayOfMonth cannot both be set; set one and leave the other out (None)");
    }
    return String.join(
        " ",
        field(Field.MINUTE, spec.minute()),
        field(Field.HOUR, spec.hour()),
        field(Field.DAY_OF_MONTH, spec.dayOfMonth()),
        field(Field.MONTH, spec.month()),
        field(Field.DAY_OF_WEEK, spec.dayOfWeek()));
  }

  private static String rawCron(ScheduleSpec spec) {
    boolean fieldsGiven =
        spec.minute() != null || spec.hour() != null || spec.month() != null
            || spec.dayOfWeek() != null || spec.dayOfMonth() != null;
    if (fieldsGiven) {
      throw new InvalidScheduleException(
          "cron", "give either a raw cron string or the minute/hour/month/day fields, not both");
    }
    String raw = spec.cron();
    String trimmed = raw.trim();
    if (trimmed.startsWith("CRON_TZ=") || trimmed.startsWith("TZ=")) {
      throw new InvalidScheduleException("cron", "use the timeZone field instead of a CRON_TZ= prefix");
    }
    if (trimmed.startsWith("@")) {
      throw new InvalidScheduleException(
          "cron", "descriptors such as @hourly or @every are not accepted; give 5 fields");
    }
    String[] fields = trimmed.split("\\s+");
    if (fields.length != 5) {
      throw new InvalidScheduleException(
          "cron",
          "a cron string has exactly 5 fields (minute hour day-of-month month day-of-week), '"
              + raw + "' has " + fields.length);
    }
    if (!fields[2].equals("*") && !fields[4].equals("*")) {
      throw new InvalidScheduleException(
          "cron", "day of month and day of week cannot both be set; put * in one of them");
    }
    Field[] order = {Field.MINUTE, Field.HOUR, Field.DAY_OF_MONTH, Field.MONTH, Field.DAY_OF_WEEK};
    String[] normalized = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      normalized[i] = fields[i].equals("*") ? "*" : field(order[i], List.of(fields[i].split(",", -1)));
    }
    return String.join(" ", normalized);
  }

  private static String zone(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return UTC;
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone.trim());
    } catch (DateTimeException unknown) {
      throw new InvalidScheduleException(
          "timeZone", "'" + timeZone + "' is not a known IANA zone; use e.g. Europe/Berlin, America/New_York or UTC");
    }
    if (zone instanceof ZoneOffset) {
      // A fixed offset would silently ignore daylight saving where the admin lives.
      throw new InvalidScheduleException(
          "timeZone", "'" + timeZone + "' is a fixed offset; use an IANA zone name such as Europe/Berlin, or UTC");
    }
    return zone.getId();
  }

  private static void parse(String field, CronParser parser, String cron) {
    try {
      parser.parse(cron).validate();
    } catch (IllegalArgumentException rejected) {
      throw new InvalidScheduleException(field, "'" + cron + "' is not valid cron: " + rejected.getMessage());
    }
  }

  /**
   * The UTC cron Temporal runs: the schedule itself in UTC, otherwise the superset of UTC minutes
   * and hours at which a local fire time can fall under any offset the zone uses now or in the
   * coming years; day fields become {@code *} because the UTC date can differ from the local one.
   */
  static String temporalCron(String localCron, String zone) {
    String[] fields = localCron.split(" ");
    if (zone.equals(UTC) && !fields[2].contains("L")) {
      return localCron;
    }
    Set<Integer> offsetMinutes = offsetMinutes(ZoneId.of(zone).getRules());
    Set<Integer> minutes = fields[0].equals("*") ? null : expand(fields[0], 0, 59);
    Set<Integer> hours = fields[1].equals("*") ? null : expand(fields[1], 0, 23);
    Set<Integer> utcMinutes = new TreeSet<>();
    Set<Integer> utcHours = new TreeSet<>();
    for (int offset : offsetMinutes) {
      for (int hour : hours == null ? Set.of(0) : hours) {
        for (int minute : minutes == null ? Set.of(0) : minutes) {
          int utcMinuteOfDay = Math.floorMod(hour * 60 + minute - offset, 24 * 60);
          utcMinutes.add(utcMinuteOfDay % 60);
          utcHours.add(utcMinuteOfDay / 60);
        }
      }
    }
    String minuteField = minutes == null ? "*" : join(utcMinutes);
    // Every local hour maps onto every UTC hour; an offset of whole minutes keeps minutes apart.
    String hourField = hours == null ? "*" : join(utcHours);
    return minuteField + " " + hourField + " * * *";
  }

  private static Set<Integer> offsetMinutes(ZoneRules rules) {
    Set<Integer> offsets = new TreeSet<>();
    Instant now = Instant.now();
    offsets.add(rules.getOffset(now).getTotalSeconds() / 60);
    Instant horizon = now.plus(Duration.ofDays(366L * OFFSET_YEARS_AHEAD));
    for (ZoneOffsetTransition transition = rules.nextTransition(now);
        transition != null && transition.getInstant().isBefore(horizon);
        transition = rules.nextTransition(transition.getInstant())) {
      offsets.add(transition.getOffsetBefore().getTotalSeconds() / 60);
      offsets.add(transition.getOffsetAfter().getTotalSeconds() / 60);
    }
    return offsets;
  }

  /** The values a validated field without {@code L} stands for, e.g. {@code 1-5} or {@code *&#47;15}. */
  static Set<Integer> expand(String field, int min, int max) {
    Set<Integer> values = new TreeSet<>();
    for (String part : field.split(",")) {
      String[] stepped = part.split("/");
      int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
      int low;
      int high;
      if (stepped[0].equals("*")) {
        low = min;
        high = max;
      } else if (stepped[0].contains("-")) {
        String[] range = stepped[0].split("-");
        low = Integer.parseInt(range[0]);
        high = Integer.parseInt(range[1]);
      } else {
        low = Integer.parseInt(stepped[0]);
        high = stepped.length == 2 ? max : low;
      }
      for (int value = low; value <= high; value += step) {
        values.add(value);
      }
    }
    return values;
  }

  /** Sorted values as a cron list, runs of consecutive values as ranges: at most 120 characters for minutes. */
  private static String join(Set<Integer> values) {
    List<String> parts = new ArrayList<>();
    List<Integer> sorted = List.copyOf(values);
    for (int start = 0; start < sorted.size(); ) {
      int end = start;
      while (end + 1 < sorted.size() && sorted.get(end + 1) == sorted.get(end) + 1) {
        end++;
      }
      if (end - start + 1 >= SHORTEST_RANGE) {
        parts.add(sorted.get(start) + "-" + sorted.get(end));
      } else {
        sorted.subList(start, end + 1).forEach(value -> parts.add(String.valueOf(value)));
      }
      start = end + 1;
    }
    return String.join(",", parts);
  }

  private static String field(Field field, List<String> values) {
    if (values == null) {
      return "*";
    }
    if (values.isEmpty()) {
      throw new InvalidScheduleException(
          field.jsonName,
          "the list is empty; leave the field out for every value, or list values in " + field.allowed);
    }
    StringBuilder cron = new StringBuilder();
    for (String raw : values) {
      if (raw == null || raw.isBlank()) {
        throw new InvalidScheduleException(field.jsonName, "a value is blank; use " + field.allowed);
      }
      String value = raw.trim().toUpperCase(Locale.ROOT);
      String normalized;
      if (field == Field.MONTH && EVERY_MONTH.contains(value)) {
        normalized = "*";
      } else if (field == Field.DAY_OF_MONTH && LAST_DAY.contains(value)) {
        normalized = "L";
      } else {
        normalized = part(field, raw, value);
      }
      if (cron.length() > 0) {
        cron.append(',');
      }
      cron.append(normalized);
    }
    return cron.toString();
  }

  private static String part(Field field, String raw, String value) {
    Matcher part = PART.matcher(value);
    if (!part.matches()) {
      throw new InvalidScheduleException(
          field.jsonName, "'" + raw + "' is not a value, range (a-b) or step (*/n) in " + field.allowed);
    }
    String base = part.group(1);
    String normalized = base;
    if (!base.equals("*")) {
      String[] bounds = base.split("-");
      int low = number(field, bounds[0], raw);
      normalized = Integer.toString(low);
      if (bounds.length == 2) {
        int high = number(field, bounds[1], raw);
        if (high < low) {
          throw new InvalidScheduleException(
              field.jsonName, "range '" + raw + "' runs backwards; write the lower value first");
        }
        normalized = low + "-" + high;
      }
    }
    String step = part.group(2);
    if (step != null) {
      // A step longer than the field's range would fire once; cron-utils refuses it anyway.
      int every = step.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(step);
      if (every < 1 || every > field.max) {
        throw new InvalidScheduleException(
            field.jsonName, "step in '" + raw + "' must be between 1 and " + field.max);
      }
      normalized = normalized + "/" + every;
    }
    return normalized;
  }

  private static int number(Field field, String token, String raw) {
    Integer named = field.names.get(token);
    if (named != null) {
      return named;
    }
    int value;
    try {
      value = Integer.parseInt(token);
    } catch (NumberFormatException notNumber) {
      throw new InvalidScheduleException(field.jsonName, "'" + raw + "' is not in " + field.allowed);
    }
    if (value < field.min || value > field.max) {
      throw new InvalidScheduleException(
          field.jsonName, "'" + raw + "' is out of range; allowed values are " + field.allowed);
    }
    return value;
  }
}
