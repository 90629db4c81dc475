package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a server: help, usage errors, where the token and URL come from. */
class LedgerBridgeCliTest {
  @TempDir Path dataDir;

  private Map<String, String> env() {
    return Map.of("LEDGERBRIDGE_DATA_DIR", dataDir.toString());
  }

  private CliRun cli(String... args) {
    return CliRun.of(env(), args);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void onlyJobsAndRunsAreCliCommands() {
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"jobs", "list"})).isTrue();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"runs"})).isTrue();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"--server.port=8081"})).isFalse();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {})).isFalse();
    assertThat(LedgerBridgeCli.isCliCommand(null)).isFalse();
  }

  @Test
  void helpOnEveryLevelPrintsThatLevelsUsageAndSucceeds() {
    CliRun top = cli("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).startsWith("Usage: ledgerbridge jobs|runs COMMAND").contains("runs show RUN_ID", "--token TOKEN");
    assertThat(cli("jobs", "--help").out()).startsWith("Usage: ledgerbridge jobs list|show|create");
    assertThat(cli("runs", "-h").out()).startsWith("Usage: ledgerbridge runs list|show");
    assertThat(cli("jobs", "help").out()).startsWith("Usage: ledgerbridge jobs list|show|create");
    for (Command command : Command.values()) {
      if (command.isLeaf()) {
        String[] args = (command.path() + " --help").split(" ");
        CliRun help = cli(args);
        assertThat(help.exitCode()).as("%s", help).isZero();
        assertThat(help.out()).as(command.path()).startsWith("Usage: ledgerbridge " + command.path());
        assertThat(help.err()).isEmpty();
      }
    }
    assertThat(cli("jobs", "create", "--help").out()).contains("--day-of-month LIST", "--cron CRON", "to-qbo");
    assertThat(cli("jobs", "show", "--bogus", "--help").exitCode()).as("help wins over a wrong option").isZero();
  }

  @Test
  void usageErrorsExitTwoWithTheMessageAndThatCommandsUsage() {
    CliRun missing = cli("jobs", "show");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .isEqualTo(
            """
            ledgerbridge jobs show: missing ID
            Usage: ledgerbridge jobs show ID [--json]
            Run 'ledgerbridge jobs show --help' for more.
            """);

    assertThat(cli("jobs", "list", "--name", "x").err()).startsWith("ledgerbridge jobs list: --name is not an option of 'jobs list'\nUsage: ledgerbridge jobs list");
    assertThat(cli("jobs", "show", "a", "b").err()).startsWith("ledgerbridge jobs show: unexpected argument 'b'");
    assertThat(cli("jobs", "frobnicate").err()).startsWith("ledgerbridge jobs: unknown jobs command 'frobnicate'\nUsage: ledgerbridge jobs list|");
    assertThat(cli("jobs").err()).startsWith("ledgerbridge jobs: name a jobs command");
    assertThat(cli("deploy").err()).startsWith("ledgerbridge: unknown command 'deploy'; the commands are jobs and runs\nUsage: ledgerbridge jobs|runs");
    assertThat(cli().exitCode()).isEqualTo(2);
    assertThat(cli("runs", "list", "--limit").err()).startsWith("ledgerbridge runs list: --limit needs a value: --limit N");
    assertThat(cli("jobs", "run", "x", "--timeout", "10").err()).startsWith("ledgerbridge jobs run: --timeout goes with --wait");
    assertThat(cli("jobs", "run", "x", "--wait", "--timeout", "soon").err()).contains("--timeout: 'soon' is not a positive number");
    assertThat(cli("jobs", "update", "x", "--token", "t", "--url", "http://127.0.0.1:" + 1).err())
        .as("checked before any call").startsWith("ledgerbridge jobs update: nothing to change");
    for (String[] args :
        new String[][] {{"jobs", "show"}, {"jobs", "list", "--bogus"}, {"jobs"}, {"deploy"}, {"jobs", "update", "x", "--token", "t"}}) {
      assertThat(cli(args).exitCode()).as(String.join(" ", args)).isEqualTo(2);
    }
  }

  @Test
  void optionValuesAreCheckedBeforeLookingForTheToken() {
    CliRun badLimit = cli("runs", "list", "--limit", "many");

    assertThat(badLimit.exitCode()).isEqualTo(2);
    assertThat(badLimit.err()).startsWith("ledgerbridge runs list: --limit: 'many' is not a whole number\n");
  }

  @Test
  void withoutATokenItExitsTwoSayingWhereItLooked() {
    CliRun run = cli("jobs", "list");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("ledgerbridge: no admin token: no --token, LEDGERBRIDGE_ADMIN_TOKEN is not set, and there is no "
            + dataDir.resolve("admin-token").toAbsolutePath())
        .hasLineCount(1);
  }

  @Test
  void theTokenFileIsUsedAndAnUnreachableUrlIsNamedWithHowToStartLedgerBridge() throws IOException {
    Files.writeString(dataDir.resolve("admin-token"), "from-file\n");
    String url = "http://127.0.0.1:" + closedPort();

    CliRun run = cli("jobs", "list", "--url", url);

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.err())
        .startsWith("ledgerbridge: cannot reach LedgerBridge at " + url + " (GET " + url + "/api/jobs: ")
        .contains("start it with ./ledgerbridge demo")
        .hasLineCount(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void theUrlComesFromTheEnvironmentAndMustBeHttp() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    CliRun fromEnv =
        CliRun.of(Map.of("LEDGERBRIDGE_URL", url + "/", "LEDGERBRIDGE_ADMIN_TOKEN", "t"), "runs", "list");
    assertThat(fromEnv.exitCode()).isEqualTo(1);
    assertThat(fromEnv.err()).contains("cannot reach LedgerBridge at " + url + " (GET " + url + "/api/runs:");

    CliRun notHttp = cli("jobs", "list", "--url", "localhost:8080", "--token", "t");
    assertThat(notHttp.exitCode()).isEqualTo(2);
    assertThat(notHttp.err()).startsWith("ledgerbridge jobs list: --url: 'localhost:8080' is not an http(s) URL like http://localhost:8080");
  }
}
