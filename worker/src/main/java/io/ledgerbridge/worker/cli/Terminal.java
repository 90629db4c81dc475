package io.ledgerbridge.worker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Whether stderr is a terminal, so a progress line redrawn with '\r' reads well rather than filling a log. */
final class Terminal {
  private static final int DEFAULT_COLUMNS = 80;

  private Terminal() {}

  static boolean stderrIsTerminal(Map<String, String> env) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    // Java cannot ask isatty(2); on Linux the descriptor's target says it. Elsewhere, a console
    // (stdin and stdout on a terminal) is the best hint there is.
    Path stderr = Path.of("/proc/self/fd/2");
    if (Files.exists(stderr, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        String target = Files.readSymbolicLink(stderr).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }

  /**
   * The text on one line and free of terminal control: line breaks, escape sequences and other
   * control characters (also in what a server echoes back) are shown as escapes such as \n or
   * \u001b, so a message can neither forge lines nor drive the terminal.
   */
  static String oneLine(String text) {
    StringBuilder line = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      int type = Character.getType(c);
      if (c == '\n') {
        line.append("\\n");
      } else if (c == '\r') {
        line.append("\\r");
      } else if (c == '\t') {
        line.append("\\t");
      } else if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        line.append(String.format("\\u%04x", (int) c));
      } else {
        line.append(c);
      }
    }
    return line.toString();
  }

  /** The terminal's width from COLUMNS, which shells set, else 80. */
  static int columns(Map<String, String> env) {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      return columns >= 20 ? columns : DEFAULT_COLUMNS;
    } catch (NumberFormatException unset) {
      return DEFAULT_COLUMNS;
    }
  }
}
