package io.ledgerbridge.worker.recordsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.worker.temporal.EmbeddedTemporalServer;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Change notifications arriving at once for the same company and object all hand their records to one run of
 * the per-record sync, on the embedded Temporal too, whose signal-with-start is not atomic. No worker polls
 * here, so the run that one of them starts stays open and every other call must join it.
 */
class ConcurrentRecordSyncsTest {
  private static final int AT_ONCE = 16;
  private static final int ROUNDS = 10;

  private static EmbeddedTemporalServer server;
  private static WorkflowServiceStubs stubs;
  private static WorkflowClient client;

  @BeforeAll
  static void startTemporal() {
    server = EmbeddedTemporalServer.start("127.0.0.1", 0);
    stubs = WorkflowServiceStubs.newConnectedServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build(), Duration.ofSeconds(10));
    client = WorkflowClient.newInstance(stubs);
  }

  @AfterAll
  static void stopTemporal() {
    stubs.shutdownNow();
    server.close();
  }

  @Test
  void recordsHandedOverAtTheSameMomentAllJoinTheOneRunThatStarted() throws Exception {
    RecordSyncs recordSyncs = new RecordSyncs(client);
    ExecutorService senders = Executors.newFixedThreadPool(AT_ONCE);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String company = "77000" + round;
        CountDownLatch go = new CountDownLatch(1);
        Set<String> runIds = ConcurrentHashMap.newKeySet();
        List<Future<?>> calls = new ArrayList<>();
        for (int sender = 0; sender < AT_ONCE; sender++) {
          String recordId = Integer.toString(sender + 1);
          calls.add(senders.submit(() -> {
            go.await();
            recordSyncs.sync(company, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, List.of(recordId), "job",
                "Job", false).forEach(handed -> runIds.add(handed.runId()));
            return null;
          }));
        }
        go.countDown();
        for (Future<?> call : calls) {
          call.get();
        }
        assertThat(runIds).as("runs the records of company %s went to", company).hasSize(1);
      }
    } finally {
      senders.shutdownNow();
    }
  }
}
