package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Record errors as text: the error list, one error's page, and what a retry started. */
final class ErrorViews {
  private ErrorViews() {}

  /** The page's errors, the message cut to fit the line, and how many more match. */
  static String list(JsonNode page, int columns) {
    Table table =
        new Table("ID", "COMPANY", "OBJECT", "DIRECTION", "SOURCE ID", "TYPE", "ATTEMPTS", "LAST SEEN", "MESSAGE")
            .alignRight(0, 6)
            .fitTo(columns);
    JsonNode items = page.path("items");
    for (JsonNode error : items) {
      table.row(
          text(error, "id"),
          text(error, "companyId"),
          text(error, "object"),
          Formats.direction(text(error, "direction")),
          isWholeObject(error) ? "whole object" : text(error, "sourceId"),
          text(error, "type"),
          text(error, "attempts"),
          Formats.time(text(error, "lastSeenAt")),
          text(error, "message"));
    }
    if (table.isEmpty()) {
      return "No errors match.\n";
    }
    long more = Formats.count(page, "total") - items.size();
    if (more <= 0) {
      return table.render();
    }
    String widen = items.size() < ErrorsCommands.MAX_LIMIT
        ? "narrow the filters, or raise --limit (at most " + ErrorsCommands.MAX_LIMIT + ")"
        : "narrow the filters";
    return table.render() + "... and " + more + " more; to see them, " + widen + ".\n";
  }

  /** Every field of one error, then its record's older errors. */
  static String show(JsonNode error, int columns) {
    JsonNode links = error.path("links");
    Details details =
        new Details()
            .add("ID", text(error, "id"))
            .add("Status", text(error, "status"))
            .add("Company", text(error, "companyId"))
            .add("Object", text(error, "object"))
            .add("Direction", Formats.direction(text(error, "direction")))
            .add("Source ID", isWholeObject(error) ? text(error, "sourceId") + "  (the whole object: its run failed as a whole)"
                : text(error, "sourceId"))
            .add("Type", text(error, "type"))
            .add("Remote code", text(error, "remoteCode"))
            .add("Message", text(error, "message"))
            .add("Attempts", text(error, "attempts"))
            .add("First seen", Formats.time(text(error, "firstSeenAt")))
            .add("Last seen", Formats.time(text(error, "lastSeenAt")))
            .add("Job", text(error, "jobId"))
            .add("Run", text(error, "runId"))
            .add("QuickBooks", text(links, "quickBooks"))
            .add("Salesforce", text(links, "salesforce"))
            .add("Last retry", lastRetry(error.get("lastRetry")));
    StringBuilder text = new StringBuilder(details.render());
    JsonNode history = error.path("history");
    if (history.isArray() && !history.isEmpty()) {
      Table table =
          new Table("ID", "STATUS", "TYPE", "ATTEMPTS", "FIRST SEEN", "LAST SEEN", "MESSAGE").alignRight(0, 3).fitTo(columns);
      for (JsonNode older : history) {
        table.row(
            text(older, "id"),
            text(older, "status"),
            text(older, "type"),
            text(older, "attempts"),
            Formats.time(text(older, "firstSeenAt")),
            Formats.time(text(older, "lastSeenAt")),
            text(older, "message"));
      }
      text.append("\nEarlier errors of this record\n").append(table.render());
    }
    return text.toString();
  }

  /** What a retry started: a line per workflow, and where to follow it. */
  static String retried(JsonNode result) {
    long matched = Formats.count(result, "matched");
    long retried = Formats.count(result, "retried");
    JsonNode workflows = result.path("workflows");
    if (retried == 0) {
      return "No open errors match; nothing retried.\n";
    }
    StringBuilder text = new StringBuilder(
        "Retrying " + Formats.quantity(retried, "error") + " with " + Formats.quantity(workflows.size(), "workflow"));
    if (matched > retried) {
      text.append("; ").append(matched - retried).append(" more match and stay open: retry again once these are done");
    }
    text.append(".\n");
    Table table = new Table("WORKFLOW", "MODE", "COMPANY", "OBJECT", "DIRECTION", "ERRORS");
    List<String> followRuns = new ArrayList<>();
    for (JsonNode workflow : workflows) {
      table.row(
          text(workflow, "workflowId"),
          text(workflow, "mode"),
          text(workflow, "companyId"),
          text(workflow, "object"),
          Formats.direction(text(workflow, "direction")),
          String.join(", ", Formats.texts(workflow, "errorIds")));
      if ("OBJECT_RUN".equals(text(workflow, "mode"))) {
        followRuns.add(
            "Follow the " + text(workflow, "object") + " run with 'ledgerbridge runs show " + text(workflow, "runId") + "'.\n");
      }
    }
    text.append(table.render());
    text.append("An error closes when its record syncs; 'ledgerbridge errors show ID' shows how its retry went.\n");
    followRuns.forEach(text::append);
    return text.toString();
  }

  /** "Customer 17 (QBO->Salesforce)", or for an object that failed as a whole "Customer (whole object, ...)". */
  static String record(JsonNode error) {
    String direction = Formats.direction(text(error, "direction"));
    return isWholeObject(error)
        ? text(error, "object") + " (whole object, " + direction + ")"
        : text(error, "object") + " " + text(error, "sourceId") + " (" + direction + ")";
  }

  private static boolean isWholeObject(JsonNode error) {
    return "OBJECT".equals(text(error, "scope"));
  }

  /** "2025-03-01 03:00:04 UTC, workflow ledgerbridge-record-..., COMPLETED". */
  private static String lastRetry(JsonNode retry) {
    if (retry == null || retry.isNull()) {
      return null;
    }
    String requested = Formats.time(text(retry, "requestedAt"));
    String state = text(retry, "state");
    return requested + ", workflow " + text(retry, "workflowId") + (state == null ? "" : ", " + state);
  }
}
