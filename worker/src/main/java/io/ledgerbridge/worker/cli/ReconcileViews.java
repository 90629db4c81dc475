package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A reconciliation as text: its header, a row per object, then examples of what differs. */
final class ReconcileViews {
  /** The classes whose examples are listed under the table, with how they read there. */
  private static final Map<String, String> LISTED = Map.of(
      "LINKED_DIFFERENT", "differs",
      "ONLY_IN_QUICKBOOKS", "only in QuickBooks",
      "ONLY_IN_SALESFORCE", "only in Salesforce",
      "DANGLING", "dangling link",
      "OPEN_ERROR", "open error");

  private ReconcileViews() {}

  static String report(JsonNode reconciliation) {
    String finished = Formats.time(text(reconciliation, "finishedAt"));
    String took = Formats.duration(text(reconciliation, "startedAt"), text(reconciliation, "finishedAt"));
    Details details = new Details()
        .add("Reconciliation", text(reconciliation, "id"))
        .add("Company", text(reconciliation, "companyId"))
        .add("Status", text(reconciliation, "status"))
        .add("Differences", text(reconciliation, "differences"))
        .add("Started", Formats.time(text(reconciliation, "startedAt"))
            + (reconciliation.path("scheduled").asBoolean() ? " (scheduled)" : " (by hand)"))
        .add("Finished", finished == null ? null : took == null ? finished : finished + " (took " + took + ")")
        .add("Repair", reconciliation.path("repair").asBoolean() ? "records that differ handed to the per-record sync" : null)
        .add("Error", text(reconciliation, "error"));
    StringBuilder out = new StringBuilder(details.render());
    JsonNode objects = reconciliation.path("objects");
    if (objects.isEmpty()) {
      return out.toString();
    }
    Table table = new Table("OBJECT", "SALESFORCE", "EQUAL", "DIFFERENT", "ONLY QBO", "ONLY SF", "DANGLING", "OPEN ERRORS",
        "CALLS", "DIFFERING FIELDS").alignRight(2, 3, 4, 5, 6, 7, 8);
    List<String> examples = new ArrayList<>();
    for (JsonNode object : objects) {
      JsonNode counts = object.path("counts");
      List<String> fields = new ArrayList<>();
      object.path("differingFields").fields().forEachRemaining(f -> fields.add(f.getKey() + " (" + f.getValue().asText() + ")"));
      String error = text(object, "error");
      table.row(
          text(object, "object"),
          text(object, "salesforceObject"),
          text(counts, "linkedEqual"),
          text(counts, "linkedDifferent"),
          text(counts, "onlyInQuickBooks"),
          text(counts, "onlyInSalesforce"),
          text(counts, "dangling"),
          text(counts, "openErrors"),
          error != null ? null
              : Formats.count(object, "quickBooksCalls") + " QBO + " + Formats.count(object, "salesforceCalls") + " SF",
          error != null ? "could not be compared: " + error : String.join(", ", fields));
      for (JsonNode sample : object.path("samples")) {
        String recordClass = text(sample, "recordClass");
        if (LISTED.containsKey(recordClass)) {
          List<String> differing = Formats.texts(sample, "fields");
          examples.add("  " + text(object, "object") + " " + LISTED.get(recordClass) + ": QuickBooks "
              + orNone(text(sample, "quickBooksId")) + ", " + orNone(text(object, "salesforceObject")) + " "
              + orNone(text(sample, "salesforceId")) + (differing.isEmpty() ? "" : " (" + String.join(", ", differing) + ")"));
        }
      }
    }
    out.append('\n').append(table.render());
    if (!examples.isEmpty()) {
      out.append("\nExamples (up to 20 per object and kind):\n");
      examples.forEach(line -> out.append(line).append('\n'));
    }
    return out.toString();
  }

  /** Why objects could not be compared, "Object: reason; ..." */
  static String failures(JsonNode reconciliation) {
    List<String> failures = new ArrayList<>();
    for (JsonNode object : reconciliation.path("objects")) {
      String error = text(object, "error");
      if (error != null) {
        failures.add(text(object, "object") + ": " + error);
      }
    }
    String error = text(reconciliation, "error");
    if (error != null) {
      failures.add(error);
    }
    return String.join("; ", failures);
  }

  private static String orNone(String value) {
    return value == null ? "-" : value;
  }
}
