package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Run reports as text: the run list and one run's report. */
final class RunViews {
  private RunViews() {}

  /** RUN ID, JOB, STATUS, STARTED, DURATION, COUNTS; the counts explained under the table. */
  static String list(JsonNode runs) {
    Table table = new Table("RUN ID", "JOB", "STATUS", "STARTED", "DURATION", "COUNTS");
    for (JsonNode run : runs) {
      table.row(
          Formats.shortId(text(run, "runId")),
          text(run, "jobId"),
          text(run, "status"),
          Formats.time(text(run, "startedAt")),
          duration(run),
          Formats.allCounts(run));
    }
    if (table.isEmpty()) {
      return "No runs.\n";
    }
    return table.render() + Formats.COUNTS_LEGEND + "\n";
  }

  /** A run's header and a line per object with its status, counts and error. */
  static String report(JsonNode run) {
    String job = text(run, "jobId");
    String name = text(run, "jobName");
    String finished = Formats.time(text(run, "finishedAt"));
    String took = duration(run);
    Details details =
        new Details()
            .add("Run", text(run, "runId"))
            .add("Job", name == null || name.equals(job) ? job : job + " (" + name + ")")
            .add("Company", text(run, "companyId"))
            .add("Direction", Formats.direction(text(run, "direction")))
            .add("Status", text(run, "status"))
            .add("Cause", text(run, "cause"))
            .add("Started", Formats.time(text(run, "startedAt")))
            .add("Finished", finished == null ? null : took == null ? finished : finished + " (took " + took + ")")
            .add("Workflow", text(run, "workflowId"))
            .add("Temporal", text(run, "temporalUrl"))
            .add("API calls", apiCalls(run.get("apiCalls")))
            .add("Open errors", text(run, "openErrors"));
    StringBuilder text = new StringBuilder(details.render());
    JsonNode objects = run.get("objectReports");
    if (objects != null && objects.isArray() && !objects.isEmpty()) {
      Table table =
          new Table("OBJECT", "STATUS", "READ", "CREATED", "UPDATED", "UNCHANGED", "DEFERRED", "FAILED", "TOOK", "ERROR")
              .alignRight(2, 3, 4, 5, 6, 7);
      for (JsonNode object : objects) {
        table.row(
            text(object, "object"),
            text(object, "status"),
            count(object, "read"),
            count(object, "created"),
            count(object, "updated"),
            count(object, "unchanged"),
            count(object, "deferred"),
            count(object, "failed"),
            Formats.duration(text(object, "startedAt"), text(object, "finishedAt")),
            problem(object));
      }
      text.append('\n').append(table.render());
    }
    return text.toString();
  }

  /** An object's error with its failure type and conflicts, when the API gives them. */
  private static String problem(JsonNode object) {
    List<String> parts = new ArrayList<>();
    long conflicts = Formats.count(object, "conflicts");
    if (conflicts > 0) {
      parts.add(conflicts + (conflicts == 1 ? " conflict" : " conflicts"));
    }
    String type = text(object, "failureType");
    String error = text(object, "error");
    if (type != null || error != null) {
      parts.add(type == null ? error : error == null ? type : type + ": " + error);
    }
    return String.join("; ", parts);
  }

  /** "quickbooks 12, salesforce 3" from {@code {"quickbooks":12,"salesforce":3}}. */
  private static String apiCalls(JsonNode calls) {
    if (calls == null || !calls.isObject() || calls.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    calls.fields().forEachRemaining(call -> parts.add(call.getKey() + " " + call.getValue().asText()));
    return String.join(", ", parts);
  }

  private static String count(JsonNode node, String field) {
    return Long.toString(Formats.count(node, field));
  }

  /** How long the run took, or "running" while it has no end. */
  static String duration(JsonNode run) {
    if (text(run, "finishedAt") == null) {
      return "RUNNING".equals(text(run, "status")) ? "running" : null;
    }
    return Formats.duration(text(run, "startedAt"), text(run, "finishedAt"));
  }
}
