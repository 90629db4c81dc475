package io.ledgerbridge.workflows.catalog;

import java.util.Optional;

/**
 * Text an admin gives (job names, company ids, schedule values) is stored, shown and logged as
 * given, so it must be plain: a line break could forge a log line, NUL cannot be stored in
 * PostgreSQL, and a lone surrogate is no character at all.
 */
public final class PlainText {
  private PlainText() {}

  /**
   * What makes the text unfit, e.g. "character 5 is a control character (U+000A)...", or empty
   * when it is plain. Control characters (C0, DEL, C1), line and paragraph separators and
   * unpaired surrogates are unfit.
   */
  public static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        return Optional.of("character " + (i + 1) + " is a control character or line break (U+"
            + hex(c) + "); remove it");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("character " + (i + 1) + " is half of a Unicode surrogate pair (U+" + hex(c)
            + "), not a character; send the text as valid UTF-8");
      }
    }
    return Optional.empty();
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
