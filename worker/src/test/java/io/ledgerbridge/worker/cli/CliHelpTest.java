package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.workflows.sync.FailureType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The generated help: every command has it, lists all it takes, and reads the same however asked for. */
class CliHelpTest {
  private static final Map<String, String> NO_SERVER = Map.of("LEDGERBRIDGE_DATA_DIR", "/nonexistent");

  /** Every command of the tree below the top level, e.g. [jobs], [jobs, create]. */
  private static List<List<String>> everyCommand() {
    List<List<String>> paths = new ArrayList<>();
    PrintStream discard = new PrintStream(new ByteArrayOutputStream());
    collect(LedgerBridgeCli.commandLine(discard, discard, NO_SERVER), List.of(), paths);
    return paths;
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    command.getSubcommands().forEach((name, sub) -> {
      List<String> subPath = new ArrayList<>(path);
      subPath.add(name);
      paths.add(subPath);
      collect(sub, subPath, paths);
    });
  }

  private static CommandSpec spec(List<String> path) {
    PrintStream discard = new PrintStream(new ByteArrayOutputStream());
    CommandLine command = LedgerBridgeCli.commandLine(discard, discard, NO_SERVER);
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getCommandSpec();
  }

  private static CliRun cli(List<String> words, String... more) {
    List<String> args = new ArrayList<>(words);
    args.addAll(Arrays.asList(more));
    return CliRun.of(NO_SERVER, args.toArray(String[]::new));
  }

  @Test
  void everyCommandsHelpDescribesItAndListsEveryOptionAndArgumentItTakes() {
    List<List<String>> commands = everyCommand();
    assertThat(commands).as("jobs x8, runs x2, errors x4, status, reconcile, audit, tokens x3, people x4, completion bash,"
        + " and help").hasSizeGreaterThanOrEqualTo(30);
    for (List<String> path : commands) {
      String name = String.join(" ", path);
      CliRun help = cli(path, "--help");
      assertThat(help.exitCode()).as("%s: %s", name, help).isZero();
      assertThat(help.err()).as(name).isEmpty();
      assertThat(help.out()).as(name).startsWith("Usage: ledgerbridge " + (name.endsWith("help") ? "[GROUP] help" : name));
      CommandSpec spec = spec(path);
      assertThat(spec.usageMessage().description()).as("%s has a description", name).isNotEmpty();
      for (OptionSpec option : spec.options()) {
        assertThat(help.out()).as("%s lists %s", name, option.longestName()).contains(option.longestName());
        assertThat(String.join(" ", option.description())).as("%s %s is described", name, option.longestName())
            .isNotBlank();
      }
      for (PositionalParamSpec argument : spec.positionalParameters()) {
        assertThat(help.out()).as("%s describes %s", name, argument.paramLabel()).contains(argument.paramLabel());
        assertThat(String.join(" ", argument.description())).as("%s %s is described", name, argument.paramLabel())
            .isNotBlank();
      }
    }
  }

  @Test
  void helpIsTheSameAsTheHelpOptionAtAnyDepthAndUnderAGroup() {
    for (List<String> path : everyCommand()) {
      String byOption = cli(path, "--help").out();
      CliRun byCommand = cli(List.of("help"), path.toArray(String[]::new));
      assertThat(byCommand.exitCode()).as("%s", byCommand).isZero();
      assertThat(byCommand.out()).as("help %s", path).isEqualTo(byOption);
      assertThat(cli(path, "-h").out()).as("%s -h", path).isEqualTo(byOption);
    }
    assertThat(cli(List.of("jobs", "help", "create")).out()).isEqualTo(cli(List.of("jobs", "create", "--help")).out());
    assertThat(cli(List.of("help")).out()).isEqualTo(cli(List.of("--help")).out());
  }

  @Test
  void theTopLevelListsEveryCommandWithItsArgumentsAndTheExitStatuses() {
    String top = cli(List.of("--help")).out();

    assertThat(top).contains("jobs show ID ", "jobs update ID ", "runs show RUN_ID ", "errors dismiss [ID] ", "status ",
        "reconcile ", "audit ", "completion bash ", "help [COMMAND...] ");
    assertThat(top).contains("Exit status:", "3   'reconcile --wait' found records that differ");
    assertThat(cli(List.of("reconcile", "--help")).out()).contains("3   some records differ");
  }

  @Test
  void valuesListedInHelpComeFromTheCatalogAndTheErrorTypes() {
    assertThat(cli(List.of("jobs", "update", "--help")).out().replaceAll("\\s+", " "))
        .contains(CatalogHelp.objectsInOrder());
    String errorsList = cli(List.of("errors", "list", "--help")).out().replaceAll("\\s+", " ");
    for (FailureType type : FailureType.values()) {
      assertThat(errorsList).contains(type.name());
    }
    assertThat(cli(List.of("reconcile", "--help")).out().replaceAll("\\s+", " ")).contains("--object=NAME Customer, Item, Invoice, Vendor, CreditMemo, Payment, SalesReceipt, Estimate or Contact");
  }

  @Test
  void theScheduleSyntaxIsExplainedWhereJobsAreDescribed() {
    for (String command : List.of("create", "update")) {
      assertThat(cli(List.of("jobs", command, "--help")).out().replaceAll("\\s+", " "))
          .contains("either a 5-field cron string", "ranges (9-17) or steps (*/15)", "never both day fields");
    }
  }
}
