package io.ledgerbridge.worker.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge completion bash}: a completion script, made by picocli from the commands themselves. */
@Command(
    name = "completion",
    customSynopsis = "ledgerbridge completion bash",
    description = {"print a shell completion script: source <(ledgerbridge completion bash)"})
final class CompletionCommand implements Runnable {
  @ParentCommand LedgerBridgeCli cli;

  @Override
  public void run() {
    throw CliException.usage("name the shell: bash");
  }

  @Command(
      name = "bash",
      customSynopsis = "ledgerbridge completion bash",
      description = {
        "print a bash completion script for commands, options and their values",
        "Load it in the current shell with 'source <(ledgerbridge completion bash)', or save it where bash-completion"
            + " looks, e.g. ~/.local/share/bash-completion/completions/ledgerbridge."
      })
  void bash() {
    cli.out().print(AutoComplete.bash("ledgerbridge", cli.spec.commandLine()));
  }
}
