package io.ledgerbridge.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario found, counted per source record: in the target exactly once with the right content,
 * lost, duplicated, wrong, or listed as an error with its reason. {@code recovery} is how long after the
 * disturbance ended the check first came out clean (null: it never did). {@code productDifferences} is
 * what LedgerBridge's own reconciliation counted once the check came out clean (null: not run).
 */
record Figures(String scenario, int records, List<String> lost, List<String> duplicated, List<String> wrong,
    List<String> errors, Duration recovery, Integer productDifferences, List<String> notes) {

  private static final int EXAMPLES = 8;

  boolean clean() {
    return lost.isEmpty() && duplicated.isEmpty() && wrong.isEmpty();
  }

  /**
   * Whether LedgerBridge's reconciliation agrees with the sandbox check: it may count the records the
   * check found listed as errors (they are in one system only, or differ), and nothing else.
   */
  boolean productAgrees() {
    return productDifferences == null || productDifferences <= errors.size();
  }

  Figures recovered(Duration after) {
    return new Figures(scenario, records, lost, duplicated, wrong, errors, after, productDifferences, notes);
  }

  Figures reconciledByProduct(int differences, String how) {
    return new Figures(scenario, records, lost, duplicated, wrong, errors, recovery, differences, notes)
        .withNote("LedgerBridge's own reconciliation: " + differences + " record(s) differ (" + how + ")");
  }

  Figures withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return new Figures(scenario, records, lost, duplicated, wrong, errors, recovery, productDifferences, more);
  }

  /** The block the suite prints for each scenario. */
  String block() {
    StringBuilder out = new StringBuilder();
    out.append("\n==== resilience: ").append(scenario).append(" ====\n");
    out.append(String.format("records %d | lost %d | duplicated %d | wrong %d | errors %d | time to recover %s%n",
        records, lost.size(), duplicated.size(), wrong.size(), errors.size(),
        recovery == null ? "never (within the deadline)" : String.format("%.1f s", recovery.toMillis() / 1000.0)));
    examples(out, "lost", lost);
    examples(out, "duplicated", duplicated);
    examples(out, "wrong", wrong);
    examples(out, "error", errors);
    notes.forEach(note -> out.append("  ").append(note).append('\n'));
    return out.toString();
  }

  private static void examples(StringBuilder out, String label, List<String> records) {
    records.stream().limit(EXAMPLES).forEach(record -> out.append("  ").append(label).append(": ").append(record).append('\n'));
    if (records.size() > EXAMPLES) {
      out.append("  ... and ").append(records.size() - EXAMPLES).append(" more ").append(label).append('\n');
    }
  }
}
