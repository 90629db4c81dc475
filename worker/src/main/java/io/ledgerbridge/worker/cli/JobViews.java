package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;
import static io.ledgerbridge.worker.cli.Formats.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Jobs as text: the job list and one job's page. */
final class JobViews {
  private JobViews() {}

  static String list(JsonNode jobs) {
    Table table =
        new Table("ID", "NAME", "COMPANY", "DIRECTION", "OBJECTS", "SCHEDULE", "STATE", "NEXT RUN", "LAST RUN");
    for (JsonNode job : jobs) {
      List<String> nextRuns = texts(job, "nextRuns");
      table.row(
          text(job, "id"),
          text(job, "name"),
          text(job, "companyId"),
          Formats.direction(text(job, "direction")),
          String.join(",", texts(job, "objects")),
          schedule(job),
          state(job),
          nextRuns.isEmpty() ? null : Formats.minute(nextRuns.get(0)),
          lastRun(job.get("lastRun")));
    }
    return table.isEmpty() ? "No jobs. Create one with 'ledgerbridge jobs create'.\n" : table.render();
  }

  static String show(JsonNode job) {
    String description = text(job, "scheduleDescription");
    Details details =
        new Details()
            .add("ID", text(job, "id"))
            .add("Name", text(job, "name"))
            .add("Company", text(job, "companyId"))
            .add("Direction", longDirection(text(job, "direction")))
            .add("Objects", String.join(", ", texts(job, "objects")) + " (synced in this order)")
            .add("Schedule", description)
            .add(description == null ? "Schedule" : "As given", asGiven(job.get("schedule")))
            .add("Time zone", timeZone(job))
            .add("Cron", text(job, "cron") == null ? null : text(job, "cron") + "  (what Temporal runs)")
            .add("State", longState(job))
            .add("Created", Formats.time(text(job, "createdAt")))
            .add("Updated", Formats.time(text(job, "updatedAt")));
    StringBuilder text = new StringBuilder(details.render());
    List<String> nextRuns = texts(job, "nextRuns");
    text.append("\nNext runs");
    if (nextRuns.isEmpty()) {
      text.append(": none").append("PAUSED".equals(text(job, "state")) ? " while paused" : "").append('\n');
    } else {
      text.append('\n');
      nextRuns.forEach(run -> text.append("  ").append(Formats.minute(run)).append('\n'));
    }
    JsonNode lastRun = job.get("lastRun");
    if (lastRun == null || lastRun.isNull()) {
      text.append("\nLast run: none yet\n");
    } else {
      text.append("\nLast run\n").append(indent(RunViews.report(lastRun)));
    }
    return text.toString();
  }

  /** The plain-English description when the API gives one, else the cron string. */
  static String schedule(JsonNode job) {
    String description = text(job, "scheduleDescription");
    if (description != null) {
      return description;
    }
    String cron = text(job, "cron");
    String zone = timeZone(job);
    return cron == null ? null : zone == null || zone.equals("UTC") ? cron : cron + " (" + zone + ")";
  }

  /**
   * ACTIVE or PAUSED, then EXTERNAL for a job started outside the API, CHANGE_PENDING while an
   * update waits for the run in progress, UNSCHEDULED when Temporal lacks an active job's cron.
   */
  static String state(JsonNode job) {
    List<String> words = new ArrayList<>();
    String state = text(job, "state");
    words.add(state == null ? "?" : state);
    if (job.path("external").asBoolean(false)) {
      words.add("EXTERNAL");
    }
    String temporal = text(job, "temporalState");
    if ("CHANGE_PENDING".equals(temporal)) {
      words.add("CHANGE_PENDING");
    }
    boolean notScheduled = job.has("scheduled") ? !job.get("scheduled").asBoolean() : "PAUSED".equals(temporal);
    if ("ACTIVE".equals(state) && notScheduled) {
      words.add("UNSCHEDULED");
    }
    return String.join(" ", words);
  }

  /** The last run's status and start time: "SUCCEEDED 2025-03-01 03:00:04 UTC". */
  static String lastRun(JsonNode run) {
    if (run == null || run.isNull()) {
      return null;
    }
    String started = Formats.time(text(run, "startedAt"));
    return text(run, "status") + (started == null ? "" : " " + started);
  }

  private static String longState(JsonNode job) {
    StringBuilder text = new StringBuilder(state(job));
    String temporal = text(job, "temporalState");
    if (temporal != null) {
      text.append("; in Temporal: ").append(temporal);
    } else if (job.has("scheduled")) {
      text.append(job.get("scheduled").asBoolean() ? "; scheduled in Temporal" : "; not scheduled in Temporal");
    }
    if (job.path("external").asBoolean(false)) {
      text.append("; started outside LedgerBridge's API");
    }
    return text.toString();
  }

  private static String longDirection(String direction) {
    String arrow = Formats.direction(direction);
    return arrow == null || arrow.equals(direction) ? direction : direction + " (" + arrow + ")";
  }

  private static String timeZone(JsonNode job) {
    String zone = text(job, "timeZone");
    return zone != null ? zone : text(job.path("schedule"), "timeZone");
  }

  /** The schedule as the admin gave it: a cron string, or its fields. */
  static String asGiven(JsonNode schedule) {
    if (schedule == null || !schedule.isObject()) {
      return null;
    }
    String cron = text(schedule, "cron");
    if (cron != null) {
      return "cron \"" + cron + "\"";
    }
    List<String> parts = new ArrayList<>();
    field(parts, schedule, "minute", "minute");
    field(parts, schedule, "hour", "hour");
    field(parts, schedule, "month", "month");
    field(parts, schedule, "dayOfWeek", "day of week");
    field(parts, schedule, "dayOfMonth", "day of month");
    return parts.isEmpty() ? "every minute (no fields set)" : String.join("; ", parts);
  }

  private static void field(List<String> parts, JsonNode schedule, String field, String label) {
    List<String> values = texts(schedule, field);
    if (!values.isEmpty()) {
      parts.add(label + " " + String.join(",", values));
    }
  }

  private static String indent(String text) {
    return text.lines().map(line -> line.isEmpty() ? "" : "  " + line).reduce("", (all, line) -> all + line + "\n");
  }
}
