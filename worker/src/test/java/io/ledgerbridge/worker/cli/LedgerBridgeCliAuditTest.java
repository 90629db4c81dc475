package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 'audit' against the running application, and its --since and table on their own. */
class LedgerBridgeCliAuditTest extends ApplicationTestSupport {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
    return CliRun.of(Map.of("COLUMNS", "200"), all.toArray(String[]::new));
  }

  @Test
  void auditListsTheChangesNewestFirstFilteredByActionTargetAndTime() throws Exception {
    String job = "cli-audit-" + System.nanoTime();
    assertThat(call("POST", "/api/jobs/" + job + "/pause", null).status()).isEqualTo(404);
    assertThat(call("POST", "/api/jobs/" + job + "/resume", null).status()).isEqualTo(404);

    CliRun both = cli("audit", "--target", job, "--since", "1h");
    assertThat(both.exitCode()).as("%s", both).isZero();
    List<String> lines = both.out().lines().toList();
    assertThat(lines.get(0)).startsWith("WHEN").contains("WHO", "ACTION", "TARGET", "OUTCOME", "FROM", "DETAILS");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("admin (bootstrap token)", "JOB_RESUMED", "job " + job, "REFUSED 404", "127.0.0.1");
    assertThat(lines.get(2)).contains("JOB_PAUSED");

    CliRun paused = cli("audit", "--target", job, "--action", "job-paused", "--limit", "5", "--json");
    assertThat(paused.exitCode()).as("%s", paused).isZero();
    JsonNode page = new ObjectMapper().readTree(paused.out());
    assertThat(page.get("events")).hasSize(1);
    assertThat(page.get("events").get(0).get("action").asText()).isEqualTo("JOB_PAUSED");

    assertThat(cli("audit", "--target", job, "--since", "2000-01-01", "--actor", "nobody").out()).isEqualTo("No changes match.\n");
  }

  @Test
  void wrongArgumentsAreRefusedBeforeAnyCallAndAnUnknownActionByTheApi() {
    CliRun since = cli("audit", "--since", "yesterday");
    assertThat(since.exitCode()).isEqualTo(2);
    assertThat(since.err()).contains("--since: 'yesterday' is not a time ago (30m, 24h, 7d), a day (2026-12-01) or an instant");
    CliRun limit = cli("audit", "--limit", "0");
    assertThat(limit.exitCode()).isEqualTo(2);
    assertThat(limit.err()).contains("--limit: 0 is not between 1 and 500");
    CliRun action = cli("audit", "--action", "exploded");
    assertThat(action.exitCode()).as("%s", action).isEqualTo(1);
    assertThat(action.err()).contains("action: 'EXPLODED' is not one of JOB_CREATED, JOB_CHANGED");
  }

  @Test
  void sinceTakesATimeAgoADayOrAnInstant() {
    AuditCommand command = new AuditCommand(Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(command.since("30m")).isEqualTo(Instant.parse("2026-12-03T11:30:00Z"));
    assertThat(command.since("24h")).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
    assertThat(command.since(" 7d ")).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(command.since("2026-12-01")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(command.since("2026-12-01T09:00:00+01:00")).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
  }

  @Test
  void theTableShowsDetailsAsNamedValuesAndSaysWhenOlderChangesAreLeftOut() throws Exception {
    JsonNode page = new ObjectMapper().readTree("""
        {"events":[{"id":7,"occurredAt":"2026-12-03T09:00:00Z","actor":{"kind":"BOOTSTRAP_TOKEN","name":"admin",
          "label":"admin (bootstrap token)"},"action":"JOB_CREATED","target":"job hourly","details":{"name":"Hourly",
          "objects":["Customer","Item"]},"sourceAddress":"10.0.0.5","outcome":"SUCCEEDED","httpStatus":201}],
         "nextCursor":7}
        """);
    List<String> lines = AuditViews.list(page, 200).lines().toList();
    assertThat(lines.get(1)).contains("2026-12-03 09:00:00 UTC", "JOB_CREATED", "job hourly", "SUCCEEDED  10.0.0.5",
        "name=Hourly, objects=Customer,Item");
    assertThat(lines.get(2)).isEqualTo("... and older ones; to see them, narrow the filters, or raise --limit (at most 500).");
  }
}
