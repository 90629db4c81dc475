package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;

/**
 * One line on a terminal, redrawn in place while a run goes on: a bar for the object in
 * progress when the run report carries {@code progress} ({@code [{object, done, total}]}), else
 * the status and elapsed time.
 */
final class ProgressLine {
  private static final int BAR_WIDTH = 24;

  private final PrintStream terminal;
  private final int columns;
  private int drawn;

  ProgressLine(PrintStream terminal, int columns) {
    this.terminal = terminal;
    this.columns = columns;
  }

  void draw(String line) {
    String fitted = line.length() >= columns ? line.substring(0, Math.max(0, columns - 1)) : line;
    terminal.print("\r" + fitted + " ".repeat(Math.max(0, drawn - fitted.length())));
    terminal.flush();
    drawn = fitted.length();
  }

  /** Removes the line, so what follows starts on a clean one. */
  void clear() {
    if (drawn > 0) {
      terminal.print("\r" + " ".repeat(drawn) + "\r");
      terminal.flush();
      drawn = 0;
    }
  }

  /** The line for a run id not yet recorded (report null) or a report of a running run. */
  static String render(String runId, JsonNode report, Duration elapsed) {
    // Whole seconds: a line redrawn twice a second reads calmly that way.
    String took = Formats.duration(Duration.ofSeconds(Math.max(1, elapsed.toSeconds())));
    if (report == null) {
      return "Run " + Formats.shortId(runId) + ": waiting for it to start  " + took;
    }
    JsonNode progress = report.get("progress");
    if (progress != null && progress.isArray() && !progress.isEmpty()) {
      int current = current(progress);
      JsonNode object = progress.get(current);
      String position = progress.size() > 1 ? "  (object " + (current + 1) + " of " + progress.size() + ")" : "";
      int attempt = object.path("attempt").asInt(1);
      return objectLine(object) + (attempt > 1 ? "  attempt " + attempt : "") + position + "  " + took;
    }
    return "Run " + Formats.shortId(runId) + " of " + text(report, "jobId") + ": " + text(report, "status") + "  " + took;
  }

  private static String objectLine(JsonNode object) {
    String name = text(object, "object");
    String state = text(object, "state");
    long done = object.path("done").asLong(0);
    long total = object.path("total").asLong(0);
    if (total <= 0 && done == 0 && state != null) {
      return name + "  " + state.toLowerCase(java.util.Locale.ROOT);
    }
    return bar(name, done, total);
  }

  /** "Customer [##########--------------]  25/60  41%"; without a total, "Customer  25 done". */
  static String bar(String object, long done, long total) {
    if (total <= 0) {
      return object + "  " + done + " done";
    }
    long shown = Math.min(done, total);
    int filled = (int) (BAR_WIDTH * shown / total);
    return object + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]  " + done + "/" + total + "  "
        + (100 * shown / total) + "%";
  }

  /**
   * The object being worked on: the one the API says is RUNNING or SCHEDULED, else (without
   * states) the first not done, else the last.
   */
  private static int current(JsonNode progress) {
    for (int i = 0; i < progress.size(); i++) {
      String state = text(progress.get(i), "state");
      if ("RUNNING".equals(state) || "SCHEDULED".equals(state)) {
        return i;
      }
    }
    for (int i = 0; i < progress.size(); i++) {
      JsonNode object = progress.get(i);
      String state = text(object, "state");
      long total = object.path("total").asLong(0);
      boolean finished = "DONE".equals(state) || "FAILED".equals(state);
      if (!finished && (total <= 0 || object.path("done").asLong(0) < total)) {
        return i;
      }
    }
    return progress.size() - 1;
  }
}
