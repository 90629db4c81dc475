package io.ledgerbridge.worker.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A plain-text table: a header, columns aligned with two spaces between, no trailing spaces. */
final class Table {
  static final String NONE = "-";
  private static final String GAP = "  ";

  private final List<String> headers;
  private final Set<Integer> rightAligned = new HashSet<>();
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** Aligns these columns (0-based) to the right, as numbers read best. */
  Table alignRight(int... columns) {
    Arrays.stream(columns).forEach(rightAligned::add);
    return this;
  }

  /** Adds a row; a null or blank cell shows as "-". */
  Table row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row needs " + headers.size() + " cells, not " + cells.length);
    }
    List<String> row = new ArrayList<>();
    for (String cell : cells) {
      row.add(cell == null || cell.isBlank() ? NONE : cell.replace('\n', ' ').replace('\t', ' '));
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render() {
    int[] widths = new int[headers.size()];
    for (int column = 0; column < widths.length; column++) {
      widths[column] = width(headers.get(column));
      for (List<String> row : rows) {
        widths[column] = Math.max(widths[column], width(row.get(column)));
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, headers, widths);
    rows.forEach(row -> line(text, row, widths));
    return text.toString();
  }

  private void line(StringBuilder text, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < cells.size(); column++) {
      String cell = cells.get(column);
      String padding = " ".repeat(widths[column] - width(cell));
      if (column > 0) {
        line.append(GAP);
      }
      line.append(rightAligned.contains(column) ? padding + cell : cell + padding);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
