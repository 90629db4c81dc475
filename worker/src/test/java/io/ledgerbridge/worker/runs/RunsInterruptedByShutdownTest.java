package io.ledgerbridge.worker.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.locks.ObjectLockStore;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.worker.config.TemporalProperties;
import io.ledgerbridge.worker.temporal.EmbeddedTemporalServer;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A graceful shutdown ends the reports of the runs the embedded Temporal was running, which it
 * forgets as it stops; a run it does not know is left to the run reconciler, and with an external
 * Temporal nothing is touched, since the runs go on there.
 */
class RunsInterruptedByShutdownTest {
  private static final TemporalProperties EMBEDDED = new TemporalProperties(null, "default", "127.0.0.1", 0);
  private static final TemporalProperties EXTERNAL = new TemporalProperties("temporal:7233", "default", "127.0.0.1", 0);

  private EmbeddedTemporalServer server;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private SingleConnectionDataSource database;
  private RunStore runs;
  private JdbcTemplate jdbc;

  @BeforeEach
  void start() {
    server = EmbeddedTemporalServer.start("127.0.0.1", 0);
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    client = WorkflowClient.newInstance(stubs);
    database = new SingleConnectionDataSource("jdbc:h2:mem:shutdown_" + UUID.randomUUID().toString().replace("-", "")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", true);
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(database);
    runs = new RunStore(jdbc);
  }

  @AfterEach
  void stop() {
    stubs.shutdownNow();
    server.close();
    database.destroy();
  }

  /**
   * A run whose workflow is open in this Temporal, holding its object: no worker polls its task
   * queue, so it stays open.
   */
  private String runInProgress(String jobId) {
    String workflowId = "ledgerbridge-job-" + jobId;
    WorkflowExecution execution = client.newUntypedWorkflowStub("BatchSync",
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("nobody-polls").build()).start();
    record(execution.getRunId(), jobId, workflowId);
    jdbc.update("INSERT INTO object_lock (company_id, object, direction, run_id, workflow_id, acquired_at, expires_at)"
        + " VALUES ('9130', 'CUSTOMER', 'QBO_TO_SALESFORCE', ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '3' HOUR)",
        execution.getRunId(), workflowId);
    return execution.getRunId();
  }

  private void record(String runId, String jobId, String workflowId) {
    runs.recordStarted(new RunStarted(runId, jobId, workflowId, "Nightly", "9130", SyncDirection.QBO_TO_SALESFORCE,
        List.of("Customer"), Instant.now().minusSeconds(5)));
  }

  @Test
  void theRunsOfTheEmbeddedTemporalAreCancelledWithTheReasonTheirObjectsFreedAndOthersLeftAlone() {
    String interrupted = runInProgress("nightly");
    record("run-of-another-process", "weekly", "ledgerbridge-job-weekly");

    new RunsInterruptedByShutdown(runs, new ObjectLockStore(jdbc), client, EMBEDDED).destroy();

    RunReport cancelled = runs.find(interrupted).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.cause()).isEqualTo(RunsInterruptedByShutdown.CAUSE);
    assertThat(cancelled.finishedAt()).isNotNull();
    assertThat(runs.find("run-of-another-process").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(locksHeld()).as("the interrupted run's object is free at the next start").isZero();
  }

  @Test
  void withAnExternalTemporalTheRunsGoOnAndStayRunning() {
    String running = runInProgress("nightly");

    new RunsInterruptedByShutdown(runs, new ObjectLockStore(jdbc), client, EXTERNAL).destroy();

    assertThat(runs.find(running).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(locksHeld()).isEqualTo(1);
  }

  private int locksHeld() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM object_lock", Integer.class);
  }
}
