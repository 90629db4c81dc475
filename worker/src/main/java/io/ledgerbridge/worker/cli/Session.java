package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** What a running command works with: the API, where output goes, and how it is to look. */
record Session(ApiClient api, PrintStream out, PrintStream err, boolean json, boolean stderrIsTerminal, int columns) {
  // "key": value, two-space indents, one array item a line: what jq prints, and diffs well.
  private static final ObjectWriter PRETTY =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter()
                  .withSeparators(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                  .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));

  /** The API's JSON with {@code --json}, else the text made of it. */
  void print(JsonNode json, String text) {
    if (json()) {
      printJson(json);
    } else {
      out.print(text);
    }
  }

  /** The API's JSON, pretty-printed, for {@code --json}. */
  void printJson(JsonNode node) {
    out.println(pretty(node));
  }

  static String pretty(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
