package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.worker.ApplicationTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile command lines, as a table, against the running application: each exits non-zero (2 for
 * a usage error, 1 when the API refuses) with one line naming the option or field at fault first
 * on stderr, nothing on stdout, no stack trace, and no job changed.
 */
class HostileCliArgumentsTest extends ApplicationTestSupport {
  private static final String COMPANY = "9130357766001001";
  private static final String FIXTURE_JOB = "hostile-cli-fixture";

  @Autowired JdbcTemplate jdbc;
  @TempDir Path dir;

  /** A command line, the exit code it must end with and words its first line of stderr must contain. */
  record Case(List<String> args, boolean connected, int exitCode, List<String> words) {}

  private final List<Case> cases = new ArrayList<>();

  /** A command given the test application's URL and token. */
  private void add(int exitCode, String words, String... args) {
    cases.add(new Case(List.of(args), true, exitCode, List.of(words.split("\\|"))));
  }

  /** A command given exactly these arguments, with no token anywhere. */
  private void bare(int exitCode, String words, String... args) {
    cases.add(new Case(List.of(args), false, exitCode, List.of(words.split("\\|"))));
  }

  /** {@code jobs create} of a valid job with some options replaced (an empty --cron leaves it out). */
  private static String[] create(String... options) {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("--name", "Hostile CLI probe");
    given.put("--company", COMPANY);
    given.put("--direction", "to-salesforce");
    given.put("--objects", "Customer");
    given.put("--cron", "0 0 1 1 *");
    for (int i = 0; i < options.length; i += 2) {
      given.put(options[i], options[i + 1]);
    }
    List<String> args = new ArrayList<>(List.of("jobs", "create"));
    given.forEach((option, value) -> {
      if (!value.isEmpty()) {
        args.add(option);
        args.add(value);
      }
    });
    return args.toArray(String[]::new);
  }

  private void usageCases() {
    bare(2, "ledgerbridge: name a command");
    bare(2, "unknown command 'deploy'", "deploy");
    bare(2, "--url needs a value", "--url");
    bare(2, "name a jobs command", "jobs");
    bare(2, "unknown jobs command 'frobnicate'", "jobs", "frobnicate");
    bare(2, "unknown jobs command 'LIST'", "jobs", "LIST");
    bare(2, "unknown runs command ''", "runs", "");
    add(2, "missing ID", "jobs", "show");
    add(2, "unexpected argument 'b'", "jobs", "show", "a", "b");
    add(2, "ID is empty", "jobs", "show", "");
    add(2, "ID is empty", "jobs", "show", "   ");
    add(2, "unknown option --zzz", "jobs", "list", "--zzz");
    add(2, "unknown option -x", "jobs", "list", "-x");
    add(2, "unknown option ---json", "jobs", "list", "---json");
    add(2, "--json takes no value", "jobs", "list", "--json=yes");
    add(2, "--name is not an option of 'jobs list'", "jobs", "list", "--name", "x");
    add(2, "--name is given more than once", "jobs", "create", "--name", "a", "--name", "b");
    add(2, "--name needs a value", "jobs", "create", "--name");
    add(2, "--limit needs a value", "runs", "list", "--limit");
    add(2, "--limit: 'many' is not a whole number", "runs", "list", "--limit", "many");
    add(2, "--limit: '99999999999' is not a whole number", "runs", "list", "--limit", "99999999999");
    add(2, "--limit: '1e3' is not a whole number", "runs", "list", "--limit", "1e3");
    add(2, "--limit: 0 is not between 1 and 500", "errors", "list", "--limit", "0");
    add(2, "--limit: 501 is not between 1 and 500", "errors", "list", "--limit", "501");
    add(2, "--limit: -1 is not between 1 and 500", "errors", "list", "--limit", "-1");
    add(2, "--timeout goes with --wait", "jobs", "run", FIXTURE_JOB, "--timeout", "10");
    add(2, "--timeout: 'soon' is not a positive number", "jobs", "run", FIXTURE_JOB, "--wait", "--timeout", "soon");
    add(2, "--timeout: '0' is not a positive number", "jobs", "run", FIXTURE_JOB, "--wait", "--timeout", "0");
    add(2, "--timeout: '-5m'", "jobs", "run", FIXTURE_JOB, "--wait", "--timeout", "-5m");
    add(2, "--timeout: '9999999999999999h'|at most", "jobs", "run", FIXTURE_JOB, "--wait", "--timeout", "9999999999999999h");
    add(2, "--timeout: '9223372036854775807'|at most", "jobs", "run", FIXTURE_JOB, "--wait", "--timeout",
        "9223372036854775807");
    add(2, "--timeout: '99999999999999999999'", "jobs", "run", FIXTURE_JOB, "--wait", "--timeout", "99999999999999999999");
    add(2, "--direction: 'sideways' is not QBO_TO_SALESFORCE", "errors", "list", "--direction", "sideways");
    add(2, "--company is empty", "errors", "retry", "--all", "--company", " ");
    add(2, "--job is empty", "errors", "dismiss", "--all", "--job", "");
    add(2, "ID: 'abc' is not an error id", "errors", "show", "abc");
    // A negative number is an argument to picocli, as it can be a value: here not an error id.
    add(2, "ID: '-1' is not an error id", "errors", "show", "-1");
    add(2, "unknown option -1", "jobs", "list", "-1");
    add(2, "ID: '1234567890123456789' is not an error id", "errors", "show", "1234567890123456789");
    add(2, "ID: '1 OR 1=1' is not an error id", "errors", "retry", "1 OR 1=1");
    add(2, "give ID or --all, not both", "errors", "dismiss", "12", "--all", "--type", "DUPLICATE");
    add(2, "--object goes with --all", "errors", "retry", "12", "--object", "Customer");
    add(2, "--all needs at least one filter", "errors", "dismiss", "--all");
    add(2, "--all is not an option of 'errors list'", "errors", "list", "--all");
    add(2, "unexpected argument 'now'", "status", "now");
    add(2, "nothing to change", "jobs", "update", FIXTURE_JOB);
    add(2, "describe the job", "jobs", "create");
    add(2, "--file: cannot read", "jobs", "create", "--file", "/no/such/file.json");
    add(2, "--file: cannot read", "jobs", "create", "--file", "/");
    bare(2, "--url: 'localhost:8080' is not an http(s) URL", "jobs", "list", "--url", "localhost:8080", "--token", "t");
    bare(2, "--url: 'ftp://127.0.0.1' is not an http(s) URL", "jobs", "list", "--url", "ftp://127.0.0.1", "--token", "t");
    bare(2, "--url: 'http://[::1' is not an http(s) URL", "jobs", "list", "--url", "http://[::1", "--token", "t");
    bare(2, "--url: 'http://host/a b' is not an http(s) URL", "jobs", "list", "--url", "http://host/a b", "--token", "t");
    bare(2, "--url: 'http://127.0.0.1?x=1' is not an http(s) URL", "jobs", "list", "--url", "http://127.0.0.1?x=1",
        "--token", "t");
    bare(2, "--url: 'http://127.0.0.1:99999' has port 99999", "jobs", "list", "--url", "http://127.0.0.1:99999", "--token", "t");
    bare(2, "--url: 'http://127.0.0.1:-1' is not an http(s) URL", "jobs", "list", "--url", "http://127.0.0.1:-1", "--token", "t");
    bare(2, "--url: 'http://127.0.0.1\\r\\nx-injected: 1' is not an http(s) URL", "jobs", "list", "--url",
        "http://127.0.0.1\r\nX-Injected: 1", "--token", "t");
    add(2, "--name needs a value", "jobs", "create", "--name", "--json");
    add(2, "--company needs a value", "errors", "list", "--company", "--type=DUPLICATE");
    bare(2, "--token is empty", "jobs", "list", "--url", "http://127.0.0.1:1", "--token", " ");
    bare(2, "--token|line break", "jobs", "list", "--url", "http://127.0.0.1:1", "--token", "t\r\nX-Injected: 1");
    bare(2, "--token|control character", "jobs", "list", "--url", "http://127.0.0.1:1", "--token", "t\u0000x");
    bare(2, "no admin token", "jobs", "list", "--url", "http://127.0.0.1:1");
  }

  private void refusedByTheApiCases() throws Exception {
    add(1, "schedule.minute: '99' is out of range", create("--cron", "", "--minute", "99"));
    add(1, "schedule.hour: 'noon'", create("--cron", "", "--hour", "noon"));
    add(1, "schedule.minute|62 values", create("--cron", "", "--minute", "0-59," + "1,".repeat(60) + "1"));
    add(1, "schedule.timeZone: 'Mars/Olympus'", create("--time-zone", "Mars/Olympus"));
    add(1, "schedule.timeZone|U+000A", create("--time-zone", "Europe/Ber\nlin"));
    add(1, "schedule.cron|exactly 5 fields", create("--cron", "0 0 1 1 * *"));
    add(1, "schedule.dayOfWeek|cannot both be set", create("--cron", "", "--day-of-week", "MON", "--day-of-month", "1"));
    add(1, "direction: 'SIDEWAYS' is not one of", create("--direction", "sideways"));
    add(1, "objects: unknown object 'PurchaseOrder'", create("--objects", "PurchaseOrder"));
    add(1, "objects: Invoice is listed before Customer", create("--objects", "Invoice,Customer"));
    add(1, "name|U+000A", create("--name", "Forged\nINFO line"));
    add(1, "name|U+001B", create("--name", "\u001b[2J cleared screen"));
    add(1, "name: at most 200 characters", create("--name", "n".repeat(201)));
    add(1, "companyId|not connected", create("--company", "123"));
    add(1, "companyId: at most 64", create("--company", "1".repeat(65)));
    add(1, "already exists|Hostile CLI fixture", create("--name", "Hostile CLI fixture"));
    Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
    add(2, "--file|must hold a JSON object", "jobs", "create", "--file", array.toString());
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": ");
    add(2, "--file: cannot read", "jobs", "create", "--file", broken.toString());
    Path typed = Files.writeString(dir.resolve("typed.json"),
        "{\"name\":\"Typed\",\"companyId\":\"" + COMPANY + "\",\"direction\":\"QBO_TO_SALESFORCE\",\"objects\":[\"Customer\"],"
            + "\"schedule\":{\"cron\":\"0 0 1 1 *\"},\"pullMissingParents\":2}");
    add(1, "pullMissingParents: expected true or false", "jobs", "create", "--file", typed.toString());
    Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"name\":\"x\"} trailing");
    add(2, "--file: cannot read|trailing", "jobs", "create", "--file", trailing.toString());
    add(1, "no job with id 'no-such-job'", "jobs", "show", "no-such-job");
    add(1, "no job with id 'a\\nb'", "jobs", "show", "a\nb");
    add(1, "no job with id '\\u001b[31m'", "jobs", "show", "\u001b[31m");
    add(1, "no job with id 'no-such-job'", "jobs", "run", "no-such-job");
    add(1, "no job with id 'no-such-job'", "jobs", "update", "no-such-job", "--name", "x");
    add(1, "schedule.hour: '25'", "jobs", "update", FIXTURE_JOB, "--hour", "25");
    add(1, "name|U+000D", "jobs", "update", FIXTURE_JOB, "--name", "Renamed\r");
    add(1, "no job with id 'no-such-job'", "jobs", "delete", "no-such-job");
    add(1, "no job with id 'no-such-job'", "jobs", "pause", "no-such-job");
    add(1, "no run with id 'no-such-run'", "runs", "show", "no-such-run");
    add(1, "no error with id 987654321", "errors", "show", "987654321");
    add(1, "no error with id 987654321", "errors", "retry", "987654321");
    add(1, "type: 'NOPE' is not one of", "errors", "list", "--type", "nope");
    add(1, "object: unknown object 'PurchaseOrder'", "errors", "list", "--object", "PurchaseOrder");
    add(1, "status: 'BROKEN' is not one of", "errors", "list", "--status", "broken");
    add(1, "companyId|U+000A", "errors", "list", "--company", "a\nb");
    add(1, "companyId|U+000A", "errors", "dismiss", "--all", "--company", "a\nINFO forged");
    add(1, "jobId: at most 64", "errors", "retry", "--all", "--job", "j".repeat(65));
    add(1, "companyId|U+0009", "status", "--company", "a\tb");
    add(1, "jobId|U+000A", "runs", "list", "--job", "a\nb");
    add(1, "wrong admin token", "jobs", "list", "--token", "wrong");
  }

  private String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  @Test
  void hostileCommandLinesExitNonZeroWithOneLineNamingTheOptionAndChangeNothing() throws Exception {
    CliRun fixture = cli(true, "jobs", "create", "--name", "Hostile CLI fixture", "--company", COMPANY,
        "--direction", "to-salesforce", "--objects", "Customer", "--cron", "0 0 1 1 *");
    assertThat(fixture.exitCode()).as("%s", fixture).isZero();
    usageCases();
    refusedByTheApiCases();

    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM sync_job ORDER BY id");
      CliRun run = cli(c.connected(), c.args().toArray(String[]::new));
      String first = firstLine(run.err());
      String lower = first.toLowerCase(Locale.ROOT);
      String seen = c.args() + " -> " + run.exitCode() + " '" + first + "'";
      if (run.exitCode() != c.exitCode()) {
        failures.add("exit: " + seen + " (expected " + c.exitCode() + ")");
      }
      if (!c.words().stream().allMatch(word -> lower.contains(word.toLowerCase(Locale.ROOT)))) {
        failures.add("message: " + seen + " (should name " + c.words() + ")");
      }
      if (c.exitCode() == 1 && run.err().lines().count() != 1) {
        failures.add("not one line: " + seen + ": " + run.err());
      }
      if (run.err().contains("unexpected error") || run.err().contains("\tat ") || !run.out().isEmpty()) {
        failures.add("output: " + seen + ": " + run);
      }
      if (!jdbc.queryForList("SELECT * FROM sync_job ORDER BY id").equals(before)) {
        failures.add("changed state: " + seen);
      }
    }
    call("DELETE", "/api/jobs/" + FIXTURE_JOB, null);
    System.out.println("hostile CLI arguments: " + cases.size() + " command lines, " + failures.size() + " mishandled");
    failures.forEach(System.out::println);
    assertThat(failures).isEmpty();
    assertThat(cases.size()).isGreaterThanOrEqualTo(100);
  }

  private CliRun cli(boolean connected, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (connected) {
      all.addAll(List.of("--url", "http://127.0.0.1:" + port));
      if (!all.contains("--token")) {
        all.addAll(List.of("--token", ADMIN_TOKEN));
      }
    }
    return CliRun.of(Map.of("LEDGERBRIDGE_DATA_DIR", dir.toString()), all.toArray(String[]::new));
  }
}
