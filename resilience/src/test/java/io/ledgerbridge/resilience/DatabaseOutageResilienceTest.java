package io.ledgerbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL gone in the middle of a run. The suite cannot stop the PostgreSQL server the machine shares, so
 * LedgerBridge reaches its database through a TCP proxy the suite controls, and the suite cuts that: every
 * open connection is closed and new ones are refused for the outage (30 s in the long form), as when the
 * server stops. The worker must survive it, and the work must complete afterwards with no manual step.
 */
class DatabaseOutageResilienceTest {

  @Test
  void aDatabaseOutageInTheMiddleOfARunCostsNoRecordAndNeedsNoManualStep() {
    try (Landscape landscape = Landscape.create("database-outage")) {
      PostgresDatabase database = landscape.keep(PostgresDatabase.create());
      TcpProxy proxy = landscape.keep(new TcpProxy(PostgresDatabase.HOST, PostgresDatabase.PORT));
      LedgerBridgeProcess worker = landscape.start(
          landscape.workerConfig("worker").onDatabase(database.urlVia("127.0.0.1", proxy.port())));
      LedgerBridgeApi api = new LedgerBridgeApi(worker);
      Landscape.Jobs jobs = landscape.scheduleAndRun(api, Landscape.EVERY_MINUTE);

      landscape.awaitMidRun(api, worker, jobs);
      landscape.editSources("edited before the database outage");
      Instant cutAt = Instant.now();
      proxy.cut();
      Waiting.pause(landscape.settings.databaseOutage());
      proxy.restore();
      Instant restored = Instant.now();
      landscape.editSources("edited after the database outage");
      landscape.createRecords("created after the database outage");

      Figures figures = landscape.converge("PostgreSQL cut for " + landscape.settings.databaseOutage().toSeconds()
              + " s mid-run (through the suite's TCP proxy)", api, jobs, restored)
          .withNote("database unreachable from " + cutAt + " to " + restored)
          .withNote("time to recover = from the database's return until every record was in place and the runs had settled")
          .withNote(Landscape.runSummary(api, jobs).replace("\n", "\n  "));
      Landscape.report(figures);

      assertThat(worker.isAlive()).as("the worker survived the outage").isTrue();
      Landscape.assertCorrect(figures);
      Landscape.assertStillScheduled(api, jobs);
      assertThat(figures.recovery()).as("the runs settled (%s)", figures.notes()).isNotNull();
    }
  }
}
