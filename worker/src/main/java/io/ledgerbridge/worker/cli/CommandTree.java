package io.ledgerbridge.worker.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The commands list of the help lists every command down to the ones that run something ("jobs
 * show ID"), where picocli's own list stops at the next level ("jobs"): an admin sees the whole
 * CLI at once, and each group its commands with their arguments.
 */
final class CommandTree {
  private static final String HELP = "help";

  private CommandTree() {}

  /** The help section: each runnable command with its arguments and the first line of its description. */
  static String render(CommandLine.Help help) {
    Map<String, String> rows = new LinkedHashMap<>();
    children(help.commandSpec().commandLine()).forEach(command -> addRunnable(command, rows));
    return help.createTextTable(rows).toString();
  }

  private static void addRunnable(CommandLine command, Map<String, String> rows) {
    List<CommandLine> children = children(command);
    if (children.stream().allMatch(child -> child.getCommandName().equals(HELP))) {
      rows.put(label(command.getCommandSpec()), firstLine(command.getCommandSpec()));
      return;
    }
    children.stream().filter(child -> !child.getCommandName().equals(HELP)).forEach(child -> addRunnable(child, rows));
  }

  /**
   * The commands under this one: the top level's in the order declared, a group's by name (Java
   * reports the methods that implement them in no fixed order); help last.
   */
  private static List<CommandLine> children(CommandLine command) {
    List<CommandLine> children = new ArrayList<>(command.getSubcommands().values());
    if (command.getParent() != null) {
      children.sort(Comparator.comparing(CommandLine::getCommandName));
    }
    children.sort(Comparator.comparing(child -> child.getCommandName().equals(HELP)));
    return children;
  }

  /** "jobs show ID", "errors retry [ID]": the command as typed after 'ledgerbridge', with its arguments. */
  private static String label(CommandSpec command) {
    StringBuilder label = new StringBuilder(command.qualifiedName().substring(command.root().name().length() + 1));
    for (PositionalParamSpec parameter : command.positionalParameters()) {
      String name = parameter.paramLabel() + (parameter.arity().max() > 1 ? "..." : "");
      label.append(' ').append(parameter.arity().min() == 0 ? "[" + name + "]" : name);
    }
    return label.toString();
  }

  private static String firstLine(CommandSpec command) {
    String[] description = command.usageMessage().description();
    return description.length == 0 ? "" : description[0];
  }

  /** The top-level command names as a list for messages: "jobs, runs, ... or help". */
  static String names(CommandLine top, String conjunction) {
    return Formats.wordList(new ArrayList<>(top.getSubcommands().keySet()), conjunction);
  }
}
