package io.ledgerbridge.worker.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's parse errors in the CLI's words: one line naming the argument at fault ("--limit
 * needs a value: --limit N", "unknown jobs command 'lsit'. Did you mean: list?").
 */
final class UsageErrors {
  /**
   * How many typing mistakes (a letter wrong, missing, extra, or two swapped) a suggestion may be
   * away: one per three letters of the name, at most two, so 'fish' does not suggest 'bash'.
   */
  private static final int MAX_TYPOS = 2;

  private UsageErrors() {}

  static String describe(ParameterException invalid) {
    if (invalid instanceof UnmatchedArgumentException unmatched) {
      return unmatched(unmatched);
    }
    if (invalid instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
      ArgSpec first = missing.getMissing().get(0);
      // Every option is optional to the parser: a missing option is one given without its value.
      return first instanceof OptionSpec option
          ? name(option) + " needs a value: " + name(option) + " " + option.paramLabel()
          : "missing " + first.paramLabel();
    }
    if (invalid instanceof OverwrittenOptionException overwritten && overwritten.getOverwritten() instanceof OptionSpec option) {
      return name(option) + " is given more than once";
    }
    if (invalid.getArgSpec() instanceof OptionSpec option) {
      if (option.arity().max() == 0) {
        return name(option) + " takes no value";
      }
      if (invalid.getCause() instanceof TypeConversionException notConverted) {
        return name(option) + ": " + notConverted.getMessage();
      }
    }
    return invalid.getMessage();
  }

  private static String unmatched(UnmatchedArgumentException unmatched) {
    CommandLine command = unmatched.getCommandLine();
    CommandSpec spec = command.getCommandSpec();
    String arg = unmatched.getUnmatched().isEmpty() ? "" : unmatched.getUnmatched().get(0);
    if (arg.startsWith("-") && arg.length() > 1) {
      String name = arg.split("=", 2)[0];
      if (anywhere(spec.root(), name)) {
        return name + " is not an option of '" + pathOf(spec) + "'";
      }
      return "unknown option " + arg + didYouMean(arg, spec.optionsMap().keySet());
    }
    if (command.getSubcommands().isEmpty()) {
      return "unexpected argument '" + arg + "'";
    }
    String group = spec.parent() == null ? "" : spec.name() + " ";
    String suggestion = didYouMean(arg, command.getSubcommands().keySet());
    if (suggestion.isEmpty() && spec.parent() == null) {
      return "unknown command '" + arg + "'; the commands are " + CommandTree.names(command, "and");
    }
    return "unknown " + group + "command '" + arg + "'" + suggestion;
  }

  /** Whether some command of the CLI takes this option, so the one at fault is the command. */
  private static boolean anywhere(CommandSpec command, String name) {
    return command.optionsMap().containsKey(name)
        || command.subcommands().values().stream().anyMatch(sub -> anywhere(sub.getCommandSpec(), name));
  }

  private static String pathOf(CommandSpec command) {
    return command.qualifiedName().substring(command.root().name().length()).trim();
  }

  /**
   * ". Did you mean: jobs?": the names a few typos away. Not picocli's own suggestions, which
   * compare pairs of letters: they offer far-off names ('frobnicate': update or delete) and miss
   * swapped letters ('jbos').
   */
  private static String didYouMean(String arg, Set<String> names) {
    List<String> suggestions = names.stream().filter(name -> isTypoOf(arg, name)).toList();
    return suggestions.isEmpty() ? "" : ". Did you mean: " + String.join(" or ", suggestions) + "?";
  }

  private static boolean isTypoOf(String typed, String name) {
    int typos = typos(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
    return typos <= Math.min(MAX_TYPOS, Math.max(1, name.length() / 3));
  }

  /** The optimal string alignment distance: edits and swaps of neighbouring letters. */
  private static int typos(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String name(OptionSpec option) {
    return option.longestName();
  }
}
