package io.ledgerbridge.worker.cli;

import java.util.ArrayList;
import java.util.List;

/** Labelled lines, the values aligned: "Name       Nightly customers". Absent values are left out. */
final class Details {
  private final List<String[]> lines = new ArrayList<>();

  Details add(String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add(new String[] {label, value});
    }
    return this;
  }

  String render() {
    int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0);
    StringBuilder text = new StringBuilder();
    for (String[] line : lines) {
      text.append(line[0]).append(" ".repeat(width - line[0].length() + 2)).append(line[1]).append('\n');
    }
    return text.toString();
  }
}
