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
          () -> jobs.ids().stream().allMatch(job -> runsEnded(api, job, 1)), () -> Landscape.runSummary(api, jobs));
      Duration firstSync = Duration.between(started, Instant.now());
      String injected = "faults answered: QuickBooks " + landscape.sandbox.statuses(landscape.sandbox.quickBooksUrl())
          + ", Salesforce " + landscape.sandbox.statuses(landscape.sandbox.salesforceUrl())
          + " (timeouts and drops leave no status)";
      landscape.sandbox.clearFaults();
      Figures checked = landscape.reconciliation.check("faults: first sync of every object both ways, 20% failures",
          api.openErrors(), false);
      List<JsonNode> firstRuns = jobs.ids().stream().map(job -> api.runs(job).get(0)).toList();
      // LedgerBridge's reconciliation compares both ways: the invoices born from won deals reach
      // Salesforce as invoice records by the next run of the job to Salesforce.
      jobs.ids().forEach(api::runNow);
      Waiting.until("both second runs have ended", landscape.settings.deadline(), Duration.ofSeconds(2),
          () -> jobs.ids().stream().allMatch(job -> runsEnded(api, job, 2)), () -> Landscape.runSummary(api, jobs));
      Figures figures = Landscape.crossChecked(checked.recovered(firstSync), api)
          .withNote("time to recover = the first syncs' wall time under faults")
          .withNote(injected)
          .withNote(Landscape.runSummary(api, jobs).replace("\n", "\n  "));
      Landscape.report(figures);

      assertThat(firstRuns).as("the first runs").allSatisfy(
          run -> assertThat(run.path("status").asText()).as("%s", run).isIn("SUCCEEDED", "PARTLY_FAILED"));
      Landscape.assertCorrect(figures);
      Landscape.assertStillScheduled(api, jobs);
    }
  }

  private static boolean runsEnded(LedgerBridgeApi api, String job, int count) {
    List<JsonNode> runs = api.runs(job);
    return runs.size() >= count && runs.stream().noneMatch(run -> run.path("status").asText().equals("RUNNING"));
  }
}
