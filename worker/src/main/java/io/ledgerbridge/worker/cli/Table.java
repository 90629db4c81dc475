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
  private static final String CUT = "...";
  /** The least of a last column {@link #fitTo} leaves: a message cut shorter says nothing. */
  static final int MIN_FITTED = 30;

  private final List<String> headers;
  private final Set<Integer> rightAligned = new HashSet<>();
  private final List<List<String>> rows = new ArrayList<>();
  private int lineWidth = Integer.MAX_VALUE;

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** Aligns these columns (0-based) to the right, as numbers read best. */
  Table alignRight(int... columns) {
    Arrays.stream(columns).forEach(rightAligned::add);
    return this;
  }

  /**
   * Cuts the last column's cells, marked "...", so lines fit in this many characters, though never
   * to fewer than {@link #MIN_FITTED}.
   */
  Table fitTo(int lineWidth) {
    this.lineWidth = lineWidth;
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
    int last = headers.size() - 1;
    int[] widths = new int[headers.size()];
    for (int column = 0; column < last; column++) {
      widths[column] = widest(column, rows);
    }
    int before = Arrays.stream(widths).sum() + GAP.length() * last;
    int lastWidth = Math.max(lineWidth - before, Math.max(MIN_FITTED, width(headers.get(last))));
    List<List<String>> fitted = rows.stream().map(row -> cutLast(row, lastWidth)).toList();
    widths[last] = widest(last, fitted);
    StringBuilder text = new StringBuilder();
    line(text, headers, widths);
    fitted.forEach(row -> line(text, row, widths));
    return text.toString();
  }

  private int widest(int column, List<List<String>> cells) {
    int widest = width(headers.get(column));
    for (List<String> row : cells) {
      widest = Math.max(widest, width(row.get(column)));
    }
    return widest;
  }

  private static List<String> cutLast(List<String> row, int maxWidth) {
    String cell = row.get(row.size() - 1);
    if (width(cell) <= maxWidth) {
      return row;
    }
    List<String> cut = new ArrayList<>(row);
    cut.set(row.size() - 1, cell.substring(0, cell.offsetByCodePoints(0, maxWidth - CUT.length())) + CUT);
    return cut;
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
