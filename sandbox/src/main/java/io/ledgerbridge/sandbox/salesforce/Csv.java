package io.ledgerbridge.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as Bulk API 2.0 reads and writes it (RFC 4180): comma-separated, a field in double quotes may hold
 * commas, line breaks and quotes doubled; lines end in LF or CRLF.
 */
final class Csv {
  private Csv() {}

  /** The rows of a CSV text, header first; a quote left open refuses the text. */
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
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          rowStarted = true;
        }
        case ',' -> {
          row.add(field.toString());
          field.setLength(0);
          rowStarted = true;
        }
        case '\r' -> {
          // the CR of a CRLF line ending
        }
        case '\n' -> {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          rowStarted = false;
        }
        default -> {
          field.append(c);
          rowStarted = true;
        }
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted field is not closed");
    }
    if (rowStarted || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  /** One CSV line of the values, each in quotes (quotes inside doubled), ending in LF. */
  static String line(List<String> values) {
    List<String> quoted = new ArrayList<>(values.size());
    for (String value : values) {
      quoted.add("\"" + value.replace("\"", "\"\"") + "\"");
    }
    return String.join(",", quoted) + "\n";
  }
}
