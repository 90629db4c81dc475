package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How values from the API's JSON read in tables: times, durations, counts, directions. */
final class Formats {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Formats() {}

  /** A field's text, or null when absent or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  /** An array field's items as text; empty when absent. */
  static List<String> texts(JsonNode node, String field) {
    List<String> items = new ArrayList<>();
    JsonNode array = node == null ? null : node.get(field);
    if (array != null && array.isArray()) {
      array.forEach(item -> items.add(item.asText()));
    }
    return items;
  }

  /** "2025-03-01 03:00:00 UTC", or with the offset the API gave, "... +01:00". */
  static String time(String iso) {
    return format(iso, SECONDS);
  }

  /** As {@link #time} without seconds, for cron run times, which fall on whole minutes. */
  static String minute(String iso) {
    return format(iso, MINUTES);
  }

  private static String format(String iso, DateTimeFormatter pattern) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    return parse(iso)
        .map(time -> time.format(pattern) + " " + (time.getOffset().equals(ZoneOffset.UTC) ? "UTC" : time.getOffset().getId()))
        .orElse(iso);
  }

  static Optional<OffsetDateTime> parse(String iso) {
    if (iso == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(iso));
    } catch (DateTimeParseException notOffset) {
      try {
        return Optional.of(ZonedDateTime.parse(iso).toOffsetDateTime());
      } catch (DateTimeParseException notZoned) {
        return Optional.empty();
      }
    }
  }

  /** How long from start to end: "850ms", "42s", "3m 05s", "2h 07m", "3d 04h"; null if unknown. */
  static String duration(String startIso, String endIso) {
    Optional<OffsetDateTime> start = parse(startIso);
    Optional<OffsetDateTime> end = parse(endIso);
    if (start.isEmpty() || end.isEmpty()) {
      return null;
    }
    return duration(Duration.between(start.get(), end.get()));
  }

  static String duration(Duration duration) {
    if (duration.isNegative()) {
      return null;
    }
    long seconds = duration.toSeconds();
    if (seconds < 1) {
      return duration.toMillis() + "ms";
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm %02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86400) {
      return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format("%dd %02dh", seconds / 86400, seconds % 86400 / 3600);
  }

  /** One object's counts, compact: "Customer 60r/60c/0u/0=/0d/0f". */
  static String counts(JsonNode objectReport) {
    return text(objectReport, "object") + " " + count(objectReport, "read") + "r/" + count(objectReport, "created")
        + "c/" + count(objectReport, "updated") + "u/" + count(objectReport, "unchanged") + "=/"
        + count(objectReport, "deferred") + "d/" + count(objectReport, "failed") + "f";
  }

  /** Every object's counts of a run report, comma-separated. */
  static String allCounts(JsonNode runReport) {
    List<String> counts = new ArrayList<>();
    JsonNode objects = runReport.get("objectReports");
    if (objects != null && objects.isArray()) {
      objects.forEach(object -> counts.add(counts(object)));
    }
    return String.join(", ", counts);
  }

  static final String COUNTS_LEGEND =
      "counts: r read, c created, u updated, = unchanged, d deferred, f failed";

  static long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? 0 : value.asLong();
  }

  /** "1 error", "3 errors": a count with its noun, plural by an s. */
  static String quantity(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** "a", "a or b", "a, b or c". */
  static String wordList(List<String> words, String conjunction) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " " + words.get(words.size() - 1);
  }

  /** QBO_TO_SALESFORCE as "QBO->Salesforce"; unknown values as they are. */
  static String direction(String direction) {
    if (direction == null) {
      return null;
    }
    return switch (direction) {
      case "QBO_TO_SALESFORCE" -> "QBO->Salesforce";
      case "SALESFORCE_TO_QBO" -> "Salesforce->QBO";
      default -> direction;
    };
  }

  /** A run id as the run list shows it: its first 8 characters, which 'runs show' accepts. */
  static String shortId(String runId) {
    return runId == null || runId.length() <= 8 ? runId : runId.substring(0, 8);
  }
}
