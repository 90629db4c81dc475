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
