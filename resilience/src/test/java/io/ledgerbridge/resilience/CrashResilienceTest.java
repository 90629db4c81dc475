package io.ledgerbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Crashes: the worker is killed with SIGKILL in the middle of runs (twice in the long form) and started
 * again on the same data directory, while the sandbox runs in its own process, so the data it holds survives
 * and shows exactly what the killed runs had written. No manual step follows: the schedule alone must bring
 * the work back, locks held by the killed runs must lapse, and edits made just before the kill and after the
 * restart must all arrive.
 */
class CrashResilienceTest {

  @Test
  void runsKilledWithSigkillResumeAfterARestartWithNoManualStep() {
    try (Landscape landscape = Landscape.create("crash")) {
      LedgerBridgeProcess worker = landscape.start(landscape.workerConfig("worker"));
      LedgerBridgeApi api = new LedgerBridgeApi(worker);
      Landscape.Jobs jobs = landscape.scheduleAndRun(api, Landscape.EVERY_MINUTE);

      Instant restarted = null;
      StringBuilder kills = new StringBuilder();
      for (int kill = 1; kill <= landscape.settings.kills(); kill++) {
        landscape.awaitMidRun(api, worker, jobs);
        landscape.editSources("edited before kill " + kill);
        long pid = worker.pid();
        worker.kill9();
        kills.append("kill -9 ").append(kill).append(" of pid ").append(pid).append(" at ").append(Instant.now()).append("; ");
        worker.restart();
        restarted = Instant.now();
        landscape.editSources("edited after restart " + kill);
        landscape.createRecords("created after restart " + kill);
      }

      Figures figures = landscape.converge("crash: kill -9 of the worker mid-run x" + landscape.settings.kills()
          + ", sandbox in its own process", api, jobs, restarted)
          .withNote("time to recover = from the last restart until every record was in place and the runs had settled")
          .withNote(kills.toString())
          .withNote(Landscape.runSummary(api, jobs).replace("\n", "\n  "));
      Landscape.report(figures);

      Landscape.assertCorrect(figures);
      Landscape.assertStillScheduled(api, jobs);
      assertThat(figures.recovery()).as("the runs settled (%s)", figures.notes()).isNotNull();
    }
  }
}
