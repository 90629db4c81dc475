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
  void onlyTheCommandsFirstWordsAreCliCommands() {
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"jobs", "list"})).isTrue();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"runs"})).isTrue();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"errors", "list"})).isTrue();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"status"})).isTrue();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"reconcile", "--wait"})).isTrue();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {"--server.port=8081"})).isFalse();
    assertThat(LedgerBridgeCli.isCliCommand(new String[] {})).isFalse();
    assertThat(LedgerBridgeCli.isCliCommand(null)).isFalse();
  }

  @Test
  void helpOnEveryLevelPrintsThatLevelsUsageAndSucceeds() {
    CliRun top = cli("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out())
        .startsWith("Usage: ledgerbridge jobs|runs|errors COMMAND")
        .contains("runs show RUN_ID", "errors retry [ID]", "status [--company REALM_ID]", "--token=TOKEN");
    assertThat(cli("jobs", "--help").out()).startsWith("Usage: ledgerbridge jobs list|show|create");
    assertThat(cli("runs", "-h").out()).startsWith("Usage: ledgerbridge runs list|show");
    assertThat(cli("errors", "help").out()).startsWith("Usage: ledgerbridge errors list|show|retry|dismiss").contains("--type=TYPE");
    assertThat(cli("status", "--help").out()).startsWith("Usage: ledgerbridge status [--company REALM_ID]");
    assertThat(cli("jobs", "help").out()).startsWith("Usage: ledgerbridge jobs list|show|create");
    assertThat(cli("jobs", "create", "--help").out()).contains("--day-of-month=LIST", "--cron=CRON", "to-qbo");
    assertThat(cli("jobs", "show", "--bogus", "--help").exitCode()).as("help wins over a wrong option").isZero();
  }

  @Test
  void helpListsTheCatalogsObjectsWithoutAServer() {
    String jobOptions = cli("jobs", "create", "--help").out().replaceAll("\\s+", " ");
    assertThat(jobOptions).contains("--objects=LIST a comma list in sync order (e.g. Customer,Invoice) of Customer, Item,"
        + " Invoice (after Customer and Item), Vendor, CreditMemo (after Customer and Item), Payment (after Customer, Invoice and"
        + " CreditMemo; to Salesforce only), SalesReceipt (after Customer and Item), Estimate (after Customer and Item), Contact (after Customer) --file");
    assertThat(cli("errors", "list", "--help").out())
        .containsPattern("\n +--object=NAME +Customer, Item, Invoice, Vendor, CreditMemo, Payment, SalesReceipt,\n +Estimate or Contact\n");
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
    assertThat(cli("deploy").err())
        .startsWith("ledgerbridge: unknown command 'deploy'; the commands are jobs, runs, errors, status, reconcile, audit, connections, tokens, people, completion and help\n"
            + "Usage: ledgerbridge jobs|runs|errors");
    assertThat(cli("status", "now").err()).startsWith("ledgerbridge status: unexpected argument 'now'\nUsage: ledgerbridge status");
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
  void errorFiltersAndLimitsAreCheckedBeforeAnyCall() {
    CliRun sideways = cli("errors", "list", "--direction", "sideways");
    assertThat(sideways.exitCode()).isEqualTo(2);
    assertThat(sideways.err())
        .startsWith("ledgerbridge errors list: --direction: 'sideways' is not QBO_TO_SALESFORCE (or to-salesforce)"
            + " or SALESFORCE_TO_QBO (or to-qbo)\nUsage: ledgerbridge errors list");

    CliRun words = cli("errors", "list", "--limit", "ten");
    assertThat(words.exitCode()).isEqualTo(2);
    assertThat(words.err()).startsWith("ledgerbridge errors list: --limit: 'ten' is not a whole number\n");
    CliRun tooMany = cli("errors", "list", "--limit", "501");
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.err()).startsWith("ledgerbridge errors list: --limit: 501 is not between 1 and 500\n");
    assertThat(cli("errors", "list", "--limit", "0").exitCode()).isEqualTo(2);

    CliRun notAnId = cli("errors", "show", "abc");
    assertThat(notAnId.exitCode()).isEqualTo(2);
    assertThat(notAnId.err())
        .startsWith("ledgerbridge errors show: ID: 'abc' is not an error id; 'ledgerbridge errors list' shows them\n");
    CliRun emptyCompany = cli("errors", "retry", "--all", "--company", " ");
    assertThat(emptyCompany.exitCode()).as("an empty filter must not widen a bulk retry to everything").isEqualTo(2);
    assertThat(emptyCompany.err()).startsWith("ledgerbridge errors retry: --company is empty\n");
  }

  @Test
  void aBulkActionNeedsAllAndADismissAlsoAFilter() {
    CliRun neither = cli("errors", "retry");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err())
        .isEqualTo(
            """
            ledgerbridge errors retry: missing ID, or --all with filters
            Usage: ledgerbridge errors retry ID [--json]
                   ledgerbridge errors retry --all [FILTERS] [--json]
            Run 'ledgerbridge errors retry --help' for more.
            """);
    CliRun both = cli("errors", "dismiss", "12", "--all", "--type", "DUPLICATE");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).startsWith("ledgerbridge errors dismiss: give ID or --all, not both\n");
    CliRun filterWithId = cli("errors", "retry", "12", "--object", "Customer");
    assertThat(filterWithId.exitCode()).isEqualTo(2);
    assertThat(filterWithId.err()).startsWith("ledgerbridge errors retry: --object goes with --all; with an ID, give no filters\n");

    CliRun dismissEverything = cli("errors", "dismiss", "--all");
    assertThat(dismissEverything.exitCode()).isEqualTo(2);
    assertThat(dismissEverything.err())
        .startsWith("ledgerbridge errors dismiss: --all needs at least one filter (--company, --object, --direction, --type"
            + " or --job); dismissing every open error at once is refused\nUsage: ledgerbridge errors dismiss ID");
    assertThat(cli("errors", "list", "--all").err()).startsWith("ledgerbridge errors list: --all is not an option of 'errors list'");
    assertThat(cli("errors", "retry", "--all").err())
        .as("a bulk retry without filters is allowed: it gets as far as looking for the token")
        .startsWith("ledgerbridge: no admin token");
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
