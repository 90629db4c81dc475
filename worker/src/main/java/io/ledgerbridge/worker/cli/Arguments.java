package io.ledgerbridge.worker.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line split into words ({@code jobs show demo-customers}) and options. Parsing never
 * throws: the first problem is kept, so it can be reported with the usage of the command the
 * words name, which is only known once every argument has been read.
 */
record Arguments(List<String> words, Map<Option, List<String>> options, Optional<String> problem) {

  static Arguments parse(String... args) {
    List<String> words = new ArrayList<>();
    Map<Option, List<String>> options = new EnumMap<>(Option.class);
    String problem = null;
    boolean onlyWords = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (onlyWords || !arg.startsWith("-") || arg.equals("-")) {
        words.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        onlyWords = true;
        continue;
      }
      if (arg.equals("-h")) {
        options.put(Option.HELP, List.of());
        continue;
      }
      if (!arg.startsWith("--")) {
        problem = firstOf(problem, "unknown option " + arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      String inline = equals < 0 ? null : arg.substring(equals + 1);
      Optional<Option> known = Option.byName(name);
      if (known.isEmpty()) {
        problem = firstOf(problem, "unknown option --" + name);
        continue;
      }
      Option option = known.get();
      if (!option.takesValue()) {
        if (inline != null) {
          problem = firstOf(problem, option.flag() + " takes no value");
        }
        options.put(option, List.of());
        continue;
      }
      String value = inline;
      if (value == null) {
        // "--name --json" lacks the name: an option's flag is not taken as the value before it.
        boolean nextIsOption = i + 1 < args.length && args[i + 1].startsWith("--")
            && Option.byName(args[i + 1].substring(2).split("=", 2)[0]).isPresent();
        if (i + 1 >= args.length || nextIsOption) {
          problem = firstOf(problem, option.flag() + " needs a value: " + option.flag() + " " + option.valueName());
          continue;
        }
        value = args[++i];
      }
      if (options.containsKey(option) && !option.isList()) {
        problem = firstOf(problem, option.flag() + " is given more than once");
        continue;
      }
      options.computeIfAbsent(option, unused -> new ArrayList<>()).add(value);
    }
    return new Arguments(List.copyOf(words), options, Optional.ofNullable(problem));
  }

  private static String firstOf(String earlier, String later) {
    return earlier != null ? earlier : later;
  }

  boolean has(Option option) {
    return options.containsKey(option);
  }

  /** The value of a single-valued option, if given. */
  Optional<String> value(Option option) {
    List<String> values = options.get(option);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A whole-number option's value, if given; anything else is a usage error of the command. */
  Optional<Integer> wholeNumber(Option option, Command command) {
    return value(option).map(given -> {
      try {
        return Integer.parseInt(given.trim());
      } catch (NumberFormatException notNumber) {
        throw CliException.usage(command, option.flag() + ": '" + given + "' is not a whole number");
      }
    });
  }

  /**
   * A list option's items: every occurrence split at commas and trimmed, so {@code --minute 0,30}
   * and {@code --minute 0 --minute 30} mean the same. Empty when the option was given as an empty
   * string, which {@code jobs update} reads as "remove this field".
   */
  List<String> items(Option option) {
    List<String> items = new ArrayList<>();
    for (String value : options.getOrDefault(option, List.of())) {
      Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).forEach(items::add);
    }
    return items;
  }
}
