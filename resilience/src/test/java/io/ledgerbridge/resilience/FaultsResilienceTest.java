package io.ledgerbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults: the sandbox fails 20% of all calls, every kind alike (500, 503, 429 with Retry-After or Salesforce's
 * 403 REQUEST_LIMIT_EXCEEDED, expired tokens, timeouts, dropped connections), through the first sync of every
 * object in both directions. Every first sync must complete, with every source record in the target exactly
 * once or listed as an error with its reason.
 */
class FaultsResilienceTest {
  /** How long an injected timeout holds its call before the connection closes unanswered. */
  private static final Duration TIMEOUT_HOLD = Duration.ofSeconds(2);
  /** Far away: only the suite's own "run now" starts a run, so the check sees the first sync alone. */
  private static final String ONCE_A_YEAR = "0 0 1 1 *";

  @Test
  void everyFirstSyncCompletesUnderTwentyPercentFaultsWithEveryRecordExactlyOnce() {
    try (Landscape landscape = Landscape.create("faults")) {
      LedgerBridgeProcess worker = landscape.start(landscape.workerConfig("worker"));
      LedgerBridgeApi api = new LedgerBridgeApi(worker);
      api.connectQuickBooks();
      landscape.sandbox.injectFaults(SuiteSettings.FAULT_RATE, TIMEOUT_HOLD);
      Instant started = Instant.now();
      Landscape.Jobs jobs = new Landscape.Jobs(
          api.createJob("Resilience to Salesforce", "QBO_TO_SALESFORCE", Landscape.TO_SALESFORCE_OBJECTS, ONCE_A_YEAR),
          api.createJob("Resilience to QuickBooks", "SALESFORCE_TO_QBO", Landscape.TO_QUICKBOOKS_OBJECTS, ONCE_A_YEAR));
      jobs.ids().forEach(api::runNow);

      Waiting.until("both first runs have ended", landscape.settings.deadline(), Duration.ofSeconds(2),
          () -> jobs.ids().stream().allMatch(job -> firstRunEnded(api, job)), () -> Landscape.runSummary(api, jobs));
      Duration firstSync = Duration.between(started, Instant.now());
      String injected = "faults answered: QuickBooks " + landscape.sandbox.statuses(landscape.sandbox.quickBooksUrl())
          + ", Salesforce " + landscape.sandbox.statuses(landscape.sandbox.salesforceUrl())
          + " (timeouts and drops leave no status)";
      landscape.sandbox.clearFaults();
      Figures checked = landscape.reconciliation.check("faults: first sync of every object both ways, 20% failures",
          api.openErrors(), false);
      Figures figures = Landscape.crossChecked(checked.recovered(firstSync), api)
          .withNote("time to recover = the first syncs' wall time under faults")
          .withNote(injected)
          .withNote(Landscape.runSummary(api, jobs).replace("\n", "\n  "));
      Landscape.report(figures);

      for (String job : jobs.ids()) {
        assertThat(api.runs(job)).as("runs of %s", job).hasSize(1)
            .allSatisfy(run -> assertThat(run.path("status").asText()).as("first run of %s", job).isIn("SUCCEEDED", "PARTLY_FAILED"));
      }
      Landscape.assertCorrect(figures);
      Landscape.assertStillScheduled(api, jobs);
    }
  }

  private static boolean firstRunEnded(LedgerBridgeApi api, String job) {
    List<JsonNode> runs = api.runs(job);
    return !runs.isEmpty() && runs.stream().noneMatch(run -> run.path("status").asText().equals("RUNNING"));
  }
}
