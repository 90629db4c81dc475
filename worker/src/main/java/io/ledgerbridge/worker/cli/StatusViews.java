package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/** The status summary as text: totals, a table per company, the real-time notifications. */
final class StatusViews {
  private StatusViews() {}

  static String summary(JsonNode status, Optional<String> company) {
    StringBuilder text = new StringBuilder(totals(status.path("totals")));
    JsonNode companies = status.path("companies");
    if (companies.isEmpty()) {
      text.append('\n').append(company.map(id -> "Company " + id + " has no").orElse("No company has"))
          .append(" jobs, runs or errors yet.\n");
    }
    for (JsonNode each : companies) {
      text.append('\n').append(company(each));
    }
    JsonNode salesforce = status.path("salesforce");
    if (!salesforce.isMissingNode() && !salesforce.isNull()) {
      text.append('\n').append(salesforce(salesforce));
    }
    JsonNode quickBooks = status.path("quickBooksCalls");
    if (!quickBooks.isMissingNode() && !quickBooks.isNull()) {
      text.append('\n').append(quickBooksCalls(quickBooks));
    }
    JsonNode realTime = status.path("realTime");
    if (!realTime.isEmpty()) {
      text.append("\nReal-time notifications since this instance started\n").append(realTime(realTime));
    }
    return text.toString();
  }

  /** "Totals: 57 records in sync, 3 open errors, 0 deferred, 1 object failing". */
  static String totals(JsonNode totals) {
    return "Totals: " + Formats.quantity(Formats.count(totals, "inSync"), "record") + " in sync, "
        + Formats.quantity(Formats.count(totals, "openErrors"), "open error") + ", "
        + Formats.count(totals, "deferred") + " deferred, "
        + Formats.quantity(Formats.count(totals, "objectsFailing"), "object") + " failing\n";
  }

  /**
   * "Salesforce org 00D... at https://acme.my.salesforce.com as Jane Doe (jane@acme.com, 005...), API v62.0: 1,234 of
   * 15,000 daily API calls used (13,766 left) at 2026-12-03 13:05 UTC"; the user's id alone until its name is known.
   */
  static String salesforce(JsonNode org) {
    String where = text(org, "instanceUrl") != null ? text(org, "instanceUrl") : text(org, "loginUrl");
    StringBuilder text = new StringBuilder("Salesforce org ");
    if (text(org, "orgId") != null) {
      text.append(text(org, "orgId")).append(" at ");
    }
    text.append(where);
    if (text(org, "userName") != null) {
      text.append(" as ").append(text(org, "userName")).append(" (").append(text(org, "username")).append(", ")
          .append(text(org, "userId")).append(')');
    } else if (text(org, "userId") != null) {
      text.append(" as user ").append(text(org, "userId"));
    }
    text.append(", API ").append(text(org, "apiVersion"));
    if (org.hasNonNull("apiCallsUsed")) {
      text.append(": ").append(thousands(org, "apiCallsUsed")).append(" of ").append(thousands(org, "apiCallsLimit"))
          .append(" daily API calls used (").append(thousands(org, "apiCallsLeft")).append(" left) at ")
          .append(Formats.time(text(org, "observedAt")));
      if (org.hasNonNull("apiCallsReserve")) {
        boolean atReserve = org.path("apiCallsLeft").asLong() <= org.path("apiCallsReserve").asLong();
        text.append(atReserve ? "; DOWN TO THE RESERVE of " : "; ").append(thousands(org, "apiCallsReserve"))
            .append(atReserve ? ": runs stop with API_RESERVE until Salesforce frees more" : " kept for the org's other users");
      }
    } else {
      text.append(": no call answered since this instance started, so its daily API allowance is not known yet");
    }
    return text.append('\n').toString();
  }

  /**
   * "QuickBooks reads (CorePlus, metered) in 2026-12: 1,204 of 500,000 for all companies (OK); budget
   * renews 2027-01-01 00:00:00 UTC", then a line per company with its CorePlus and Core calls.
   */
  static String quickBooksCalls(JsonNode calls) {
    StringBuilder text = new StringBuilder("QuickBooks reads (CorePlus, metered) in ").append(text(calls, "month"))
        .append(": ").append(thousands(calls, "corePlus")).append(" of ").append(thousands(calls, "budget"))
        .append(" for all companies (").append(text(calls, "state")).append("); budget renews ")
        .append(Formats.time(text(calls, "resetsAt"))).append('\n');
    for (JsonNode company : calls.path("companies")) {
      text.append("  company ").append(text(company, "companyId")).append(": ").append(thousands(company, "corePlus"))
          .append(" CorePlus, ").append(thousands(company, "core")).append(" Core (writes, not metered)\n");
    }
    return text.toString();
  }

  /** "15,000", whatever the machine's locale. */
  private static String thousands(JsonNode node, String field) {
    return String.format(Locale.ROOT, "%,d", node.get(field).asLong());
  }

  /** A heading, then a row per object and direction, then why the last run of each FAILING object failed. */
  private static String company(JsonNode company) {
    StringBuilder text =
        new StringBuilder("Company " + text(company, "companyId") + " ("
            + (company.path("connected").asBoolean() ? "connected" : "not connected to QuickBooks") + ", "
            + Formats.quantity(Formats.count(company, "openErrors"), "open error") + ")\n");
    JsonNode objects = company.path("objects");
    if (objects.isEmpty()) {
      return text.append("Nothing synced yet.\n").toString();
    }
    Table table =
        new Table("OBJECT", "DIRECTION", "STATE", "IN SYNC", "OPEN ERRORS", "DEFERRED", "LAST SUCCESSFUL SYNC", "LAST RUN")
            .alignRight(3, 4, 5);
    StringBuilder failures = new StringBuilder();
    for (JsonNode object : objects) {
      JsonNode lastRun = object.get("lastRun");
      table.row(
          text(object, "object"),
          Formats.direction(text(object, "direction")),
          text(object, "state"),
          Formats.count(object, "inSync") + " of " + Formats.count(object, "linked"),
          text(object, "openErrors"),
          text(object, "deferred"),
          Formats.time(text(object, "lastSuccessfulSync")),
          lastRun == null ? null : text(lastRun, "status") + " " + Formats.time(text(lastRun, "finishedAt")));
      if ("FAILING".equals(text(object, "state"))) {
        String why = text(lastRun, "error");
        failures.append(text(object, "object")).append(' ').append(Formats.direction(text(object, "direction")))
            .append(": its last run failed").append(why == null ? "" : ": " + why).append('\n');
      }
    }
    return text.append(table.render()).append(failures).toString();
  }

  /** A row per sending system: on when its secret is set, what it sent, and the last refusal with its reason. */
  private static String realTime(JsonNode sources) {
    Table table =
        new Table("SOURCE", "STATE", "NOTIFICATIONS", "SYNCING", "IGNORED", "LAST NOTIFICATION", "LAST REFUSAL")
            .alignRight(2, 3, 4);
    for (JsonNode source : sources) {
      String refusedAt = Formats.time(text(source, "lastRejectedAt"));
      String reason = text(source, "lastRejection");
      table.row(
          text(source, "system"),
          source.path("enabled").asBoolean() ? "on" : "off",
          text(source, "notifications"),
          text(source, "recordsSyncing"),
          text(source, "recordsIgnored"),
          Formats.time(text(source, "lastNotificationAt")),
          refusedAt == null ? reason : reason == null ? refusedAt : refusedAt + " " + reason);
    }
    return table.render();
  }
}
