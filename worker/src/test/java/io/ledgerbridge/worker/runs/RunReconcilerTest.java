package io.ledgerbridge.worker.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A run that Temporal lost (a crash of the embedded server) is ended, and the locks it held go with it. */
class RunReconcilerTest extends ApplicationTestSupport {

  @Autowired RunReconciler reconciler;
  @Autowired RunStore runs;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aRunTemporalNoLongerKnowsIsCancelledAndReleasesItsObjectLocks() {
    String runId = UUID.randomUUID().toString();
    Instant startedBeforeTheCrash = Instant.now().minusSeconds(300);
    runs.recordStarted(new RunStarted(runId, "crashed-job", "ledgerbridge-job-crashed-job", "Crashed job",
        Sandbox.DEMO_REALM_ID, SyncDirection.SALESFORCE_TO_QBO, List.of("Item"), startedBeforeTheCrash));
    Timestamp stillLeased = Timestamp.from(Instant.now().plusSeconds(60));
    jdbc.update("INSERT INTO object_lock (company_id, object, direction, run_id, workflow_id, acquired_at, expires_at)"
            + " VALUES (?, 'ITEM', 'SALESFORCE_TO_QBO', ?, 'ledgerbridge-job-crashed-job', ?, ?)",
        Sandbox.DEMO_REALM_ID, runId, Timestamp.from(startedBeforeTheCrash), stillLeased);

    assertThat(reconciler.reconcile(runs.find(runId).orElseThrow())).isTrue();

    assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM object_lock WHERE run_id = ?", Integer.class, runId))
        .as("the lock is free at once, not when its lease lapses")
        .isZero();
  }
}
