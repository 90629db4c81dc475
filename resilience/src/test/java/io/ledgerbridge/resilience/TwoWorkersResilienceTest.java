package io.ledgerbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two workers against one Temporal (the second with TEMPORAL_ADDRESS at the first's embedded server) and one
 * PostgreSQL database. The second is killed with SIGKILL while it syncs an object; the first must finish the
 * work alone.
 */
class TwoWorkersResilienceTest {

  @Test
  void whenOneOfTwoWorkersIsKilledMidRunTheOtherFinishesTheWork() {
    try (Landscape landscape = Landscape.create("two-workers")) {
      PostgresDatabase database = landscape.keep(PostgresDatabase.create());
      LedgerBridgeProcess.Config first = landscape.workerConfig("worker-a").onDatabase(database.url());
      LedgerBridgeProcess workerA = landscape.start(first);
      LedgerBridgeProcess workerB = landscape.start(first.secondWorker("worker-b"));
      LedgerBridgeApi api = new LedgerBridgeApi(workerA);
      Landscape.Jobs jobs = landscape.scheduleAndRun(api, Landscape.EVERY_MINUTE);

      Waiting.until("worker B is in the middle of an object's sync", landscape.settings.deadline(),
          Duration.ofMillis(200), () -> busy(workerB), () -> Landscape.runSummary(api, jobs));
      List<String> started = workerB.logLines("Syncing ");
      String heldByB = started.get(started.size() - 1).replaceAll(".*Syncing (.*) from cursor.*", "$1");
      landscape.editSources("edited before worker B was killed");
      workerB.kill9();
      Instant killed = Instant.now();
      landscape.editSources("edited after worker B was killed");
      landscape.createRecords("created after worker B was killed");

      Figures figures = landscape.converge("two workers, one Temporal, one PostgreSQL: worker B killed mid-run",
              api, jobs, killed)
          .withNote("worker B was syncing " + heldByB + " when it was killed")
          .withNote("time to recover = from the kill until every record was in place and the runs had settled")
          .withNote(Landscape.runSummary(api, jobs).replace("\n", "\n  "));
      Landscape.report(figures);

      Landscape.assertCorrect(figures);
      Landscape.assertStillScheduled(api, jobs);
      assertThat(figures.recovery()).as("the runs settled (%s)", figures.notes()).isNotNull();
    }
  }

  /** B has started an object's sync that it has not finished. */
  private static boolean busy(LedgerBridgeProcess worker) {
    return worker.logLines("Syncing ", "from cursor").size() > worker.logLines("Synced ", ": read ").size();
  }
}
