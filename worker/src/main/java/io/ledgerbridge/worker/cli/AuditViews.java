package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The audit trail as text: a table of changes, newest first. */
final class AuditViews {
  private AuditViews() {}

  /** The page's events, the details cut to fit the line, and whether older ones match. */
  static String list(JsonNode page, int columns) {
    Table table = new Table("WHEN", "WHO", "ACTION", "TARGET", "OUTCOME", "FROM", "DETAILS").fitTo(columns);
    for (JsonNode event : page.path("events")) {
      String outcome = text(event, "outcome");
      table.row(
          Formats.time(text(event, "occurredAt")),
          text(event.path("actor"), "label"),
          text(event, "action"),
          text(event, "target"),
          "SUCCEEDED".equals(outcome) ? outcome : outcome + " " + text(event, "httpStatus"),
          text(event, "sourceAddress"),
          details(event.path("details")));
    }
    if (table.isEmpty()) {
      return "No changes match.\n";
    }
    return page.hasNonNull("nextCursor")
        ? table.render() + "... and older ones; to see them, narrow the filters, or raise --limit (at most "
            + AuditCommand.MAX_LIMIT + ").\n"
        : table.render();
  }

  /** "name=Hourly, objects=Customer,Item": lists joined by commas, anything nested as its JSON. */
  static String details(JsonNode details) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : details.properties()) {
      JsonNode value = field.getValue();
      String shown = value.isArray() ? String.join(",", Formats.texts(details, field.getKey()))
          : value.isValueNode() ? value.asText() : value.toString();
      parts.add(field.getKey() + "=" + shown);
    }
    return String.join(", ", parts);
  }
}
