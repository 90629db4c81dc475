package io.ledgerbridge.worker.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ledgerbridge help jobs create}: the help of the command the words name, at any depth
 * (picocli's own help command takes one word). Under a group, {@code jobs help create} works too.
 */
@Command(
    name = "help",
    customSynopsis = "ledgerbridge [GROUP] help [COMMAND...]",
    helpCommand = true,
    description = {"show a command's help, e.g. 'ledgerbridge help jobs create'"})
final class HelpCommand implements IHelpCommandInitializable2, Runnable {
  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      completionCandidates = LedgerBridgeCli.CommandNames.class,
      description = "the command's words, e.g. jobs create")
  List<String> words = new ArrayList<>();

  private CommandLine self;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine command = self.getParent();
    for (String word : words) {
      CommandLine sub = command.getSubcommands().get(word);
      if (sub == null) {
        throw new UnmatchedArgumentException(command, List.of(word));
      }
      command = sub;
    }
    command.usage(out);
  }
}
