package io.ledgerbridge.workflows.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an admin's {@link ScheduleSpec} into the 5-field UNIX cron string Temporal runs, checking
 * every field first: a cron the server rejects fails only after a minute of client retries, so
 * nothing unchecked may reach it. Parsing uses cron-utils' UNIX definition, the same parser
 * Temporal's Java test server uses.
 */
public final class CronSchedule {
  public static final String UTC = "UTC";

  private static final CronParser UNIX_CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Pattern PART =
      Pattern.compile("^(\\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:/(\\d+))?$");
  private static final Map<String, Integer> MONTH_NAMES =
      Map.ofEntries(
          Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4),
          Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8),
          Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
  private static final Map<String, Integer> DAY_NAMES =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

  private enum Field {
    MINUTE("minute", 0, 59, Map.of(), "0-59"),
    HOUR("hour", 0, 23, Map.of(), "0-23"),
    DAY_OF_MONTH("dayOfMonth", 1, 31, Map.of(), "1-31"),
    MONTH("month", 1, 12, MONTH_NAMES, "1-12 or JAN-DEC"),
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
   * The cron string for a schedule.
   *
   * @throws InvalidScheduleException naming the field and the rule it breaks
   */
  public static String toCron(ScheduleSpec spec) {
    if (spec == null) {
      throw new InvalidScheduleException(
          "schedule", "give a schedule, e.g. {\"minute\":[0],\"hour\":[3]} for every day at 03:00");
    }
    checkTimeZone(spec.timeZone());
    if (spec.cron() != null) {
      boolean fieldsGiven =
          spec.minute() != null || spec.hour() != null || spec.month() != null
              || spec.dayOfWeek() != null || spec.dayOfMonth() != null;
      if (fieldsGiven) {
        throw new InvalidScheduleException(
            "cron", "give either a raw cron string or the minute/hour/month/day fields, not both");
      }
      return checkRawCron(spec.cron());
    }
    if (spec.dayOfWeek() != null && spec.dayOfMonth() != null) {
      throw new InvalidScheduleException(
          "dayOfWeek",
          "dayOfWeek and dayOfMonth cannot both be set; set one and leave the other out (None)");
    }
    String cron =
        String.join(
            " ",
            field(Field.MINUTE, spec.minute()),
            field(Field.HOUR, spec.hour()),
            field(Field.DAY_OF_MONTH, spec.dayOfMonth()),
            field(Field.MONTH, spec.month()),
            field(Field.DAY_OF_WEEK, spec.dayOfWeek()));
    return parse("schedule", cron);
  }

  private static void checkTimeZone(String timeZone) {
    if (timeZone != null && !timeZone.equals(UTC)) {
      // Temporal's Java test server evaluates cron in UTC only; local-time schedules that stay
      // exact across DST need the per-zone design of the scheduling work, not a silent shift.
      throw new InvalidScheduleException(
          "timeZone", "only \"UTC\" is supported for now; give the times in UTC");
    }
  }

  private static String checkRawCron(String raw) {
    String trimmed = raw.trim();
    if (trimmed.startsWith("CRON_TZ=") || trimmed.startsWith("TZ=")) {
      throw new InvalidScheduleException(
          "cron", "use the timeZone field instead of a CRON_TZ= prefix");
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
              + raw
              + "' has "
              + fields.length);
    }
    String dom = fields[2];
    String dow = fields[4];
    if (!isEvery(dom) && !isEvery(dow)) {
      throw new InvalidScheduleException(
          "cron",
          "day of month and day of week cannot both be set; put * in one of them");
    }
    Field[] order = {Field.MINUTE, Field.HOUR, Field.DAY_OF_MONTH, Field.MONTH, Field.DAY_OF_WEEK};
    String[] normalized = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      normalized[i] = field(order[i], List.of(fields[i].split(",", -1)));
    }
    return parse("cron", String.join(" ", normalized));
  }

  private static boolean isEvery(String field) {
    return field.equals("*");
  }

  private static String field(Field field, List<String> values) {
    if (values == null) {
      return "*";
    }
    if (values.isEmpty()) {
      throw new InvalidScheduleException(
          field.jsonName,
          "the list is empty; leave the field out for every value, or list values in "
              + field.allowed);
    }
    StringBuilder cron = new StringBuilder();
    for (String raw : values) {
      if (raw == null || raw.isBlank()) {
        throw new InvalidScheduleException(field.jsonName, "a value is blank; use " + field.allowed);
      }
      String value = raw.trim().toUpperCase(Locale.ROOT);
      Matcher part = PART.matcher(value);
      if (!part.matches()) {
        throw new InvalidScheduleException(
            field.jsonName,
            "'" + raw + "' is not a value, range (a-b) or step (*/n) in " + field.allowed);
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
        if (Integer.parseInt(step) == 0) {
          throw new InvalidScheduleException(
              field.jsonName, "step in '" + raw + "' must be at least 1");
        }
        normalized = normalized + "/" + Integer.parseInt(step);
      }
      if (cron.length() > 0) {
        cron.append(',');
      }
      cron.append(normalized);
    }
    return cron.toString();
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
      throw new InvalidScheduleException(
          field.jsonName, "'" + raw + "' is not in " + field.allowed);
    }
    if (value < field.min || value > field.max) {
      throw new InvalidScheduleException(
          field.jsonName, "'" + raw + "' is out of range; allowed values are " + field.allowed);
    }
    return value;
  }

  private static String parse(String field, String cron) {
    try {
      Cron parsed = UNIX_CRON.parse(cron);
      parsed.validate();
      return cron;
    } catch (IllegalArgumentException rejected) {
      throw new InvalidScheduleException(field, "'" + cron + "' is not valid cron: " + rejected.getMessage());
    }
  }
}
