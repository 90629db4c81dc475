package io.ledgerbridge.activities.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CSV of Bulk API 2.0 ingest jobs: records as rows under one header, every value in quotes, an empty
 * value for a field a record does not set (Bulk leaves it as it is, as a collection does with a field left
 * out) and {@code #N/A} for one it blanks; and the result files read back.
 */
final class BulkCsv {
  /** What Bulk API 2.0 reads as "set this field to null"; an empty value would leave the field unchanged. */
  static final String NULL = "#N/A";

  private BulkCsv() {}

  /** The records as CSV: the union of their fields as the header, in the order they first appear, LF line ends. */
  static String of(List<ObjectNode> records) {
    Set<String> header = new LinkedHashSet<>();
    for (ObjectNode record : records) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isContainerNode()) {
          throw new IllegalArgumentException("a bulk job's CSV holds single values; " + field.getKey() + " holds "
              + field.getValue());
        }
        header.add(field.getKey());
      }
    }
    StringBuilder csv = new StringBuilder();
    line(csv, List.copyOf(header));
    for (ObjectNode record : records) {
      List<String> values = new ArrayList<>(header.size());
      for (String column : header) {
        values.add(value(record.get(column)));
      }
      line(csv, values);
    }
    return csv.toString();
  }

  /** Absent: empty (unchanged); null or empty text: #N/A (blanked, as a collection blanks ""); else its text. */
  private static String value(JsonNode value) {
    if (value == null) {
      return "";
    }
    if (value.isNull() || value.asText().isEmpty()) {
      return NULL;
    }
    // Never exponent notation (1E+3), which Salesforce does not read as a number.
    return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
  }

  private static void line(StringBuilder csv, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      String value = values.get(i);
      if (!value.isEmpty()) {
        csv.append('"').append(value.replace("\"", "\"\"")).append('"');
      }
    }
    csv.append('\n');
  }

  /** The rows of a CSV answer, header first: quoted fields may hold commas, line breaks and doubled quotes. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean rowStarted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        rowStarted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        rowStarted = true;
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        rowStarted = false;
      } else if (c != '\r') {
        field.append(c);
        rowStarted = true;
      }
    }
    if (quoted) {
      throw new IllegalStateException("Salesforce answered a CSV whose last quoted field is not closed");
    }
    if (rowStarted) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  /**
   * A failed row's {@code sf__Error}, {@code CODE:message:fields --} (the message may hold colons, the
   * fields do not), as the error a collection answers.
   */
  static SalesforceError error(String sfError) {
    String text = sfError.endsWith("--") ? sfError.substring(0, sfError.length() - 2).trim() : sfError.trim();
    int first = text.indexOf(':');
    int last = text.lastIndexOf(':');
    if (first < 0) {
      return new SalesforceError(null, text, List.of());
    }
    if (last == first) {
      return new SalesforceError(text.substring(0, first), text.substring(first + 1), List.of());
    }
    String fields = text.substring(last + 1).trim();
    return new SalesforceError(text.substring(0, first), text.substring(first + 1, last),
        fields.isEmpty() ? List.of() : List.of(fields.split(",")));
  }
}
