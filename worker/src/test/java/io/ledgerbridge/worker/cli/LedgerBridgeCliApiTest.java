package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI against the running application in demo mode, as an admin uses it from a shell. */
class LedgerBridgeCliApiTest extends ApplicationTestSupport {
  private static final String COMPANY = "9130357766001001";
  /** Midnight on January 1st: never fires while the tests run. */
  private static final String NEVER_DURING_TESTS = "0 0 1 1 *";

  private final List<String> createdJobs = new ArrayList<>();

  @AfterEach
  void deleteCreatedJobs() {
    createdJobs.forEach(id -> call("DELETE", "/api/jobs/" + id, null));
  }

  private CliRun cli(String... args) {
    return cliWithToken(ADMIN_TOKEN, args);
  }

  private CliRun cliWithToken(String token, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", token));
    return CliRun.of(Map.of(), all.toArray(String[]::new));
  }

  private JsonNode json(CliRun run) throws Exception {
    assertThat(run.exitCode()).as("%s", run).isZero();
    return JSON.readTree(run.out());
  }

  /** Creates a job that syncs the sandbox's customers and never fires on its own. */
  private String createJob(String name, String... scheduleOptions) {
    List<String> args =
        new ArrayList<>(
            List.of("jobs", "create", "--name", name, "--company", COMPANY, "--direction", "QBO_TO_SALESFORCE",
                "--objects", "Customer", "--json"));
    args.addAll(scheduleOptions.length == 0 ? List.of("--cron", NEVER_DURING_TESTS) : List.of(scheduleOptions));
    CliRun created = cli(args.toArray(String[]::new));
    assertThat(created.exitCode()).as("%s", created).isZero();
    try {
      String id = JSON.readTree(created.out()).get("id").asText();
      createdJobs.add(id);
      return id;
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + created, e);
    }
  }

  @Test
  void theJobListShowsTheDemoJob() throws Exception {
    CliRun table = cli("jobs", "list");

    assertThat(table.exitCode()).as("%s", table).isZero();
    assertThat(table.out()).startsWith("ID ").contains("NEXT RUN", "LAST RUN");
    assertThat(table.out().lines().filter(line -> line.startsWith("demo-customers ")).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains(COMPANY, "QBO->Salesforce", "Customer", "ACTIVE"));
    assertThat(table.err()).isEmpty();

    JsonNode jobs = json(cli("jobs", "list", "--json"));
    assertThat(jobs.findValuesAsText("id")).contains("demo-customers");
  }

  @Test
  void aJobIsCreatedShownRunAndDeleted() throws Exception {
    CliRun created =
        cli("jobs", "create", "--name", "CLI round trip", "--company", COMPANY, "--direction", "to-salesforce",
            "--objects", "Customer", "--cron", NEVER_DURING_TESTS);
    assertThat(created.exitCode()).as("%s", created).isZero();
    createdJobs.add("cli-round-trip");
    assertThat(created.out()).startsWith("Created job cli-round-trip.\n").contains("Cron       " + NEVER_DURING_TESTS);

    JsonNode job = json(cli("jobs", "show", "cli-round-trip", "--json"));
    assertThat(job.get("name").asText()).isEqualTo("CLI round trip");
    assertThat(job.get("direction").asText()).isEqualTo("QBO_TO_SALESFORCE");
    assertThat(job.get("cron").asText()).isEqualTo(NEVER_DURING_TESTS);
    assertThat(cli("jobs", "show", "cli-round-trip").out()).contains("Next runs\n  ", "Last run: none yet");

    CliRun run = cli("jobs", "run", "cli-round-trip", "--wait", "--timeout", "120");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out()).startsWith("Started run ").contains("Status ", "\nOBJECT ", "\nCustomer ");
    assertThat(run.err()).as("no progress line when stderr is not a terminal").isEmpty();
    String runId = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().substring(3).trim();

    CliRun runs = cli("runs", "list", "--job", "cli-round-trip", "--limit", "5");
    assertThat(runs.exitCode()).as("%s", runs).isZero();
    assertThat(runs.out()).startsWith("RUN ID ").contains(runId.substring(0, 8) + "  cli-round-trip  ", "Customer ");
    assertThat(cli("runs", "show", runId.substring(0, 8)).out()).as("a short id is enough").startsWith("Run ").contains(runId);
    assertThat(json(cli("runs", "show", runId, "--json")).get("jobId").asText()).isEqualTo("cli-round-trip");
    assertThat(cli("jobs", "show", "cli-round-trip").out()).contains("\nLast run\n  Run ", runId);

    CliRun deleted = cli("jobs", "delete", "cli-round-trip");
    assertThat(deleted.exitCode()).as("%s", deleted).isZero();
    assertThat(deleted.out()).startsWith("Deleted job cli-round-trip");

    CliRun gone = cli("jobs", "show", "cli-round-trip");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).startsWith("ledgerbridge: no job with id 'cli-round-trip'").hasLineCount(1);
    assertThat(gone.out()).isEmpty();
  }

  @Test
  void badInputIsRefusedWithTheApisMessage() {
    CliRun bothDays =
        cli("jobs", "create", "--name", "CLI both days", "--company", COMPANY, "--direction", "to-salesforce",
            "--objects", "Customer", "--minute", "0", "--hour", "6", "--day-of-week", "MON", "--day-of-month", "1");

    assertThat(bothDays.exitCode()).as("%s", bothDays).isEqualTo(1);
    assertThat(bothDays.err()).startsWith("ledgerbridge: ").contains("dayOfWeek and dayOfMonth cannot both be set").hasLineCount(1);
    assertThat(call("GET", "/api/jobs/cli-both-days", null).status()).isEqualTo(404);

    CliRun sideways =
        cli("jobs", "create", "--name", "CLI sideways", "--company", COMPANY, "--direction", "sideways",
            "--objects", "Customer", "--cron", NEVER_DURING_TESTS);
    assertThat(sideways.exitCode()).isEqualTo(1);
    assertThat(sideways.err()).contains("'SIDEWAYS' is not one of QBO_TO_SALESFORCE, SALESFORCE_TO_QBO");

    CliRun badLimit = cli("runs", "list", "--limit", "0");
    assertThat(badLimit.exitCode()).isEqualTo(1);
    assertThat(badLimit.err()).isEqualTo("ledgerbridge: limit: between 1 and 500\n");
  }

  @Test
  void aWrongTokenIsRefusedSayingWhereTheTokenCameFrom() {
    CliRun run = cliWithToken("wrong", "jobs", "list");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("ledgerbridge: wrong admin token").endsWith("(the token came from --token)\n");
  }

  @Test
  void anUpdateChangesOnlyWhatIsGiven() throws Exception {
    String id = createJob("CLI update", "--minute", "0", "--hour", "0", "--day-of-month", "1", "--month", "1");

    JsonNode schedule = json(cli("jobs", "update", id, "--hour", "1", "--json")).get("schedule");
    assertThat(schedule.get("hour")).as("the hour changes").extracting(JsonNode::asText).containsExactly("1");
    assertThat(schedule.get("minute")).as("the other fields stay").extracting(JsonNode::asText).containsExactly("0");
    assertThat(schedule.get("month")).extracting(JsonNode::asText).containsExactly("1");
    assertThat(schedule.get("dayOfMonth")).extracting(JsonNode::asText).containsExactly("1");

    CliRun renamed = cli("jobs", "update", id, "--name", "CLI update renamed");
    assertThat(renamed.exitCode()).as("%s", renamed).isZero();
    assertThat(renamed.out()).startsWith("Updated job " + id + ".\n");
    JsonNode job = call("GET", "/api/jobs/" + id, null).body();
    assertThat(job.get("name").asText()).isEqualTo("CLI update renamed");
    assertThat(job.get("cron").asText()).isEqualTo("0 1 1 1 *");
  }

  @Test
  void aJobIsPausedAndResumed() throws Exception {
    String id = createJob("CLI pause");

    CliRun paused = cli("jobs", "pause", id);
    assertThat(paused.exitCode()).as("%s", paused).isZero();
    assertThat(paused.out()).startsWith("Paused job " + id);
    assertThat(call("GET", "/api/jobs/" + id, null).body().get("state").asText()).isEqualTo("PAUSED");
    assertThat(cli("jobs", "list").out().lines().filter(line -> line.startsWith(id + " ")).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains(" PAUSED"));

    JsonNode resumed = json(cli("jobs", "resume", id, "--json"));
    assertThat(resumed.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(resumed.get("nextRuns")).isNotEmpty();
  }
}
