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
 * The JSON body of {@code POST /api/jobs} and {@code PUT /api/jobs/{id}} from {@link JobOptions}. Values
 * are passed on as typed (the API validates them and names the field at fault), except the
 * direction's short forms and comma lists, which become arrays of strings.
 */
final class JobBody {
  /** A --file holds one JSON object: anything after it is a mistake to point out, not to drop. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JobBody() {}

  /** A new job: the file's JSON if given, with the options over it. */
  static ObjectNode forCreate(JobOptions options) {
    ObjectNode body = fromFile(options);
    if (body.isEmpty() && !options.givesAnything()) {
      throw CliException.usage("describe the job with --name, --company, --direction, --objects and a schedule, or --file");
    }
    apply(options, body, body.path("schedule"));
    return body;
  }

  /**
   * A change: only the fields given. Schedule options are merged into the current schedule (or
   * the file's), so {@code --hour 4} keeps the job's minutes, days and zone.
   */
  static ObjectNode forUpdate(JobOptions options, JsonNode currentJob) {
    ObjectNode body = fromFile(options);
    if (body.isEmpty() && !options.givesAnything()) {
      throw CliException.usage("nothing to change: give the options to change, or --file");
    }
    JsonNode baseSchedule = body.has("schedule") ? body.get("schedule") : currentJob.path("schedule");
    apply(options, body, baseSchedule);
    return body;
  }

  private static void apply(JobOptions options, ObjectNode body, JsonNode baseSchedule) {
    if (options.name != null) {
      body.put("name", options.name);
    }
    if (options.company != null) {
      body.put("companyId", options.company);
    }
    if (options.direction != null) {
      body.put("direction", direction(options.direction));
    }
    if (options.objects != null) {
      body.set("objects", array(items(options.objects)));
    }
    if (options.changesSchedule()) {
      body.set("schedule", schedule(options, baseSchedule));
    }
  }

  /** The schedule the options describe, over a base: fields replace a cron string and vice versa. */
  static ObjectNode schedule(JobOptions options, JsonNode base) {
    ObjectNode schedule = base != null && base.isObject() ? ((ObjectNode) base).deepCopy() : JSON.createObjectNode();
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("minute", options.minute);
    fields.put("hour", options.hour);
    fields.put("month", options.month);
    fields.put("dayOfWeek", options.dayOfWeek);
    fields.put("dayOfMonth", options.dayOfMonth);
    if (options.cron != null) {
      String cron = options.cron.trim();
      if (!options.givesFields()) {
        fields.keySet().forEach(schedule::remove);
      }
      if (cron.isEmpty()) {
        schedule.remove("cron");
      } else {
        schedule.put("cron", cron);
      }
    }
    if (options.givesFields()) {
      if (options.cron == null) {
        schedule.remove("cron");
      }
      // One day field replaces the other, as they are never both set.
      if (options.dayOfWeek != null && options.dayOfMonth == null) {
        schedule.remove("dayOfMonth");
      }
      if (options.dayOfMonth != null && options.dayOfWeek == null) {
        schedule.remove("dayOfWeek");
      }
      fields.forEach((field, given) -> {
        if (given != null) {
          List<String> items = items(given);
          if (items.isEmpty()) {
            schedule.remove(field);
          } else {
            schedule.set(field, array(items));
          }
        }
      });
    }
    if (options.timeZone != null) {
      String zone = options.timeZone.trim();
      if (zone.isEmpty()) {
        schedule.remove("timeZone");
      } else {
        schedule.put("timeZone", zone);
      }
    }
    return schedule;
  }

  /** A list option's items, trimmed: "--minute '0, 30'" is 0 and 30, and "--month ''" none. */
  private static List<String> items(List<String> given) {
    return given.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
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

  private static ObjectNode fromFile(JobOptions options) {
    if (options.file == null) {
      return JSON.createObjectNode();
    }
    Path file = options.file;
    JsonNode parsed;
    try {
      parsed = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw CliException.usage("--file: cannot read " + file.toAbsolutePath() + " as JSON: "
          + e.getMessage().split("\n")[0]);
    }
    if (parsed == null || !parsed.isObject()) {
      throw CliException.usage("--file: " + file.toAbsolutePath()
          + " must hold a JSON object like {\"name\": ..., \"companyId\": ..., \"schedule\": {...}}");
    }
    return (ObjectNode) parsed;
  }
}
