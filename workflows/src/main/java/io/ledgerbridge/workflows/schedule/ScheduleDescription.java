package io.ledgerbridge.workflows.schedule;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A validated wall-clock cron as an admin would say it, e.g. "at 02:30 on Mondays and Wednesdays":
 * the job list, the CLI and the schedule preview all show this text. Written here rather than by
 * cron-utils' describer, whose field-by-field English reads "at 02:00 at 1 and -1 days".
 */
final class ScheduleDescription {
  /** Up to this many times of day are named one by one ("at 06:00, 12:00 and 18:00"). */
  private static final int TIMES_NAMED = 6;
  private static final Set<DayOfWeek> WEEKDAYS =
      Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
  private static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

  private ScheduleDescription() {}

  /** {@code localCron} as {@link CronSchedule} normalized it: numbers, ranges, steps, {@code L}. */
  static String describe(String localCron, String timeZone) {
    String[] fields = localCron.split(" ");
    Set<Integer> minutes = CronSchedule.expand(fields[0], 0, 59);
    Set<Integer> hours = CronSchedule.expand(fields[1], 0, 23);
    String days = days(fields[2], fields[4]);
    List<String> parts = new ArrayList<>();
    if (namesTimes(minutes, hours)) {
      parts.add("at " + list(times(minutes, hours)));
      parts.add(days.isEmpty() ? "every day" : days);
    } else {
      parts.add(withinHours(minutes, hours));
      if (!days.isEmpty()) {
        parts.add(days);
      }
    }
    Set<Integer> months = CronSchedule.expand(fields[3], 1, 12);
    if (months.size() < 12) {
      parts.add("in " + list(months.stream().map(month -> Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList()));
    }
    return String.join(" ", parts) + " (" + timeZone + ")";
  }

  /** The days of the week as {@link DayOfWeek}, cron's 0 and 7 both Sunday, Monday first. */
  static Set<DayOfWeek> daysOfWeek(String dayOfWeekField) {
    Set<DayOfWeek> days = new TreeSet<>();
    for (int day : CronSchedule.expand(dayOfWeekField, 0, 7)) {
      days.add(DayOfWeek.of(day == 0 ? 7 : day));
    }
    return days;
  }

  private static boolean namesTimes(Set<Integer> minutes, Set<Integer> hours) {
    return minutes.size() < 60 && minutes.size() * hours.size() <= TIMES_NAMED;
  }

  private static List<String> times(Set<Integer> minutes, Set<Integer> hours) {
    List<String> times = new ArrayList<>();
    for (int hour : hours) {
      for (int minute : minutes) {
        times.add(clock(hour, minute));
      }
    }
    return times;
  }

  /** "every 15 minutes", "every minute from 09:00 to 17:59", "at :15 and :45 past every hour". */
  private static String withinHours(Set<Integer> minutes, Set<Integer> hours) {
    int step = evenStep(minutes);
    String perHour =
        minutes.size() == 60 ? "every minute"
            : step > 0 ? "every " + step + " minutes"
            : minutes.equals(Set.of(0)) ? "every hour on the hour"
            : "at " + list(minutes.stream().map(minute -> String.format(Locale.ROOT, ":%02d", minute)).toList())
                + " past every hour";
    if (hours.size() == 24) {
      return perHour;
    }
    int first = hours.stream().min(Comparator.naturalOrder()).orElseThrow();
    int last = hours.stream().max(Comparator.naturalOrder()).orElseThrow();
    if (last - first + 1 == hours.size()) {
      int firstMinute = minutes.stream().min(Comparator.naturalOrder()).orElseThrow();
      int lastMinute = minutes.stream().max(Comparator.naturalOrder()).orElseThrow();
      return perHour + " from " + clock(first, firstMinute) + " to " + clock(last, lastMinute);
    }
    return perHour + " in the hours starting " + list(hours.stream().map(hour -> clock(hour, 0)).toList());
  }

  /** n when the minutes are 0, n, 2n ... through the whole hour (cron's {@code *&#47;n}, n dividing 60), else 0. */
  private static int evenStep(Set<Integer> minutes) {
    if (minutes.size() < 2 || minutes.size() == 60 || 60 % minutes.size() != 0) {
      return 0;
    }
    int step = 60 / minutes.size();
    for (int minute = 0; minute < 60; minute += step) {
      if (!minutes.contains(minute)) {
        return 0;
      }
    }
    return step;
  }

  /** "on weekdays", "on Mondays and Wednesdays", "on the 1st and the last day of the month", or "" for every day. */
  private static String days(String dayOfMonthField, String dayOfWeekField) {
    if (!dayOfWeekField.equals("*")) {
      Set<DayOfWeek> days = daysOfWeek(dayOfWeekField);
      if (days.size() == 7) {
        return "";
      }
      if (days.equals(WEEKDAYS)) {
        return "on weekdays";
      }
      if (days.equals(WEEKEND)) {
        return "on weekends";
      }
      return "on " + list(days.stream().map(day -> day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s").toList());
    }
    if (dayOfMonthField.equals("*")) {
      return "";
    }
    List<String> parts = Arrays.asList(dayOfMonthField.split(","));
    String numbered = parts.stream().filter(part -> !part.equals("L")).collect(Collectors.joining(","));
    Set<Integer> numbers = numbered.isEmpty() ? Set.of() : CronSchedule.expand(numbered, 1, 31);
    if (numbers.size() == 31) {
      return "";
    }
    List<String> days = new ArrayList<>(numbers.stream().map(ScheduleDescription::ordinal).toList());
    if (parts.contains("L")) {
      days.add("the last day");
    }
    if (!numbers.isEmpty()) {
      days.set(0, "the " + days.get(0));
    }
    return "on " + list(days) + " of the month";
  }

  private static String ordinal(int day) {
    String suffix =
        day / 10 == 1 ? "th" : switch (day % 10) {
          case 1 -> "st";
          case 2 -> "nd";
          case 3 -> "rd";
          default -> "th";
        };
    return day + suffix;
  }

  private static String clock(int hour, int minute) {
    return String.format(Locale.ROOT, "%02d:%02d", hour, minute);
  }

  /** "a", "a and b", "a, b and c". */
  private static String list(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
