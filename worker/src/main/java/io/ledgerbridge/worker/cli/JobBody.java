package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/jobs} and {@code PUT /api/jobs/{id}} from the options. Values
 * are passed on as typed (the API validates them and names the field at fault), except the
 * direction's short forms and comma lists, which become arrays of strings.
 */
final class JobBody {
  /** A --file holds one JSON object: anything after it is a mistake to point out, not to drop. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Map<Option, String> SCHEDULE_FIELDS = new LinkedHashMap<>();

  static {
    SCHEDULE_FIELDS.put(Option.MINUTE, "minute");
    SCHEDULE_FIELDS.put(Option.HOUR, "hour");
    SCHEDULE_FIELDS.put(Option.MONTH, "month");
    SCHEDULE_FIELDS.put(Option.DAY_OF_WEEK, "dayOfWeek");
    SCHEDULE_FIELDS.put(Option.DAY_OF_MONTH, "dayOfMonth");
  }

  private JobBody() {}

  /** A new job: the file's JSON if given, with the options over it. */
  static ObjectNode forCreate(Arguments arguments, Command command) {
    ObjectNode body = fromFile(arguments, command);
    if (body.isEmpty() && !givesAnything(arguments)) {
      throw CliException.usage(command, "describe the job with --name, --company, --direction, --objects and a schedule, or --file");
    }
    apply(arguments, body, body.path("schedule"));
    return body;
  }

  /**
   * A change: only the fields given. Schedule options are merged into the current schedule (or
   * the file's), so {@code --hour 4} keeps the job's minutes, days and zone.
   */
  static ObjectNode forUpdate(Arguments arguments, Command command, JsonNode currentJob) {
    ObjectNode body = fromFile(arguments, command);
    if (body.isEmpty() && !givesAnything(arguments)) {
      throw CliException.usage(command, "nothing to change: give the options to change, or --file");
    }
    JsonNode baseSchedule = body.has("schedule") ? body.get("schedule") : currentJob.path("schedule");
    apply(arguments, body, baseSchedule);
    return body;
  }

  private static boolean givesAnything(Arguments arguments) {
    return arguments.options().keySet().stream()
        .anyMatch(option -> Command.JOBS_CREATE.accepts(option) && !Command.COMMON.contains(option));
  }

  private static boolean changesSchedule(Arguments arguments) {
    return arguments.has(Option.CRON) || arguments.has(Option.TIME_ZONE)
        || SCHEDULE_FIELDS.keySet().stream().anyMatch(arguments::has);
  }

  private static void apply(Arguments arguments, ObjectNode body, JsonNode baseSchedule) {
    arguments.value(Option.NAME).ifPresent(name -> body.put("name", name));
    arguments.value(Option.COMPANY).ifPresent(company -> body.put("companyId", company));
    arguments.value(Option.DIRECTION).ifPresent(direction -> body.put("direction", direction(direction)));
    if (arguments.has(Option.OBJECTS)) {
      body.set("objects", array(arguments.items(Option.OBJECTS)));
    }
    if (changesSchedule(arguments)) {
      body.set("schedule", schedule(arguments, baseSchedule));
    }
  }

  /** The schedule the options describe, over a base: fields replace a cron string and vice versa. */
  static ObjectNode schedule(Arguments arguments, JsonNode base) {
    ObjectNode schedule = base != null && base.isObject() ? ((ObjectNode) base).deepCopy() : JSON.createObjectNode();
    boolean givesFields = SCHEDULE_FIELDS.keySet().stream().anyMatch(arguments::has);
    if (arguments.has(Option.CRON)) {
      String cron = arguments.value(Option.CRON).orElse("").trim();
      if (!givesFields) {
        SCHEDULE_FIELDS.values().forEach(schedule::remove);
      }
      if (cron.isEmpty()) {
        schedule.remove("cron");
      } else {
        schedule.put("cron", cron);
      }
    }
    if (givesFields) {
      if (!arguments.has(Option.CRON)) {
        schedule.remove("cron");
      }
      // One day field replaces the other, as they are never both set.
      if (arguments.has(Option.DAY_OF_WEEK) && !arguments.has(Option.DAY_OF_MONTH)) {
        schedule.remove("dayOfMonth");
      }
      if (arguments.has(Option.DAY_OF_MONTH) && !arguments.has(Option.DAY_OF_WEEK)) {
        schedule.remove("dayOfWeek");
      }
      SCHEDULE_FIELDS.forEach((option, field) -> {
        if (arguments.has(option)) {
          List<String> items = arguments.items(option);
          if (items.isEmpty()) {
            schedule.remove(field);
          } else {
            schedule.set(field, array(items));
          }
        }
      });
    }
    arguments.value(Option.TIME_ZONE).map(String::trim).ifPresent(zone -> {
      if (zone.isEmpty()) {
        schedule.remove("timeZone");
      } else {
        schedule.put("timeZone", zone);
      }
    });
    return schedule;
  }

  /** QBO_TO_SALESFORCE, SALESFORCE_TO_QBO, or their short forms to-salesforce and to-qbo. */
  static String direction(String given) {
    String normalized = given.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return switch (normalized) {
      case "TO_SALESFORCE", "TO_SF" -> "QBO_TO_SALESFORCE";
      case "TO_QBO", "TO_QUICKBOOKS" -> "SALESFORCE_TO_QBO";
      default -> normalized;
    };
  }

  private static ArrayNode array(List<String> items) {
    ArrayNode array = JSON.createArrayNode();
    items.forEach(array::add);
    return array;
  }

  private static ObjectNode fromFile(Arguments arguments, Command command) {
    if (!arguments.has(Option.FILE)) {
      return JSON.createObjectNode();
    }
    Path file = Path.of(arguments.value(Option.FILE).orElseThrow());
    JsonNode parsed;
    try {
      parsed = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw CliException.usage(command, "--file: cannot read " + file.toAbsolutePath() + " as JSON: "
          + e.getMessage().split("\n")[0]);
    }
    if (parsed == null || !parsed.isObject()) {
      throw CliException.usage(command, "--file: " + file.toAbsolutePath()
          + " must hold a JSON object like {\"name\": ..., \"companyId\": ..., \"schedule\": {...}}");
    }
    return (ObjectNode) parsed;
  }
}
