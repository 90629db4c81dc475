package io.ledgerbridge.worker.config;

import io.ledgerbridge.activities.locks.ObjectLockActivitiesImpl;
import io.ledgerbridge.activities.locks.ObjectLockStore;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.batch.BatchSyncWorkflowImpl;
import io.ledgerbridge.workflows.reconcile.ReconcileActivities;
import io.ledgerbridge.workflows.reconcile.ReconcileWorkflowImpl;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.ledgerbridge.worker.temporal.EmbeddedTemporalServer;
import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Temporal, wired by hand so the order is explicit: the embedded server (unless
 * {@code TEMPORAL_ADDRESS} names one), then the service stubs and client, then the workers, which
 * start with the application context and drain before the server stops.
 */
@Configuration
class TemporalConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TemporalConfiguration.class);

  /** Holds the embedded server when there is one; the target is where clients connect. */
  record TemporalEndpoint(String target, Optional<EmbeddedTemporalServer> embedded) implements AutoCloseable {
    @Override
    public void close() {
      embedded.ifPresent(EmbeddedTemporalServer::close);
    }
  }

  @Bean(destroyMethod = "close")
  TemporalEndpoint temporalEndpoint(TemporalProperties temporal) {
    if (!temporal.embedded()) {
      log.info("Using the Temporal server at {} (namespace {})", temporal.address(), temporal.namespace());
      return new TemporalEndpoint(temporal.address().trim(), Optional.empty());
    }
    EmbeddedTemporalServer server =
        EmbeddedTemporalServer.start(temporal.embeddedHost(), temporal.embeddedPort());
    log.info(
        "Embedded Temporal listening on {}; connect the temporal CLI with --address {}",
        server.target(), server.target());
    return new TemporalEndpoint(server.target(), Optional.of(server));
  }

  /** The SDK's own metrics (requests, polls, latencies) go to the application's meter registry. */
  @Bean(destroyMethod = "shutdownNow")
  WorkflowServiceStubs workflowServiceStubs(TemporalEndpoint endpoint, Scope temporalMetricsScope) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(endpoint.target())
            .setMetricsScope(temporalMetricsScope)
            .build());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalProperties temporal) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
  }

  @Bean
  WorkerFactory workerFactory(WorkflowClient client) {
    return WorkerFactory.newInstance(client);
  }

  /**
   * A worker joining another LedgerBridge's embedded Temporal (Temporal's Java test server, which
   * reports no server version) keeps no sticky queue: that server never hands a dead worker's
   * sticky workflow tasks back to the shared queue, so its workflows would stall with it. A real
   * Temporal server does, and keeps the default.
   */
  private static WorkerOptions workerOptions(TemporalEndpoint endpoint, WorkflowServiceStubs stubs) {
    if (endpoint.embedded().isPresent()) {
      return WorkerOptions.getDefaultInstance();
    }
    String version;
    try {
      version = stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).getServerVersion();
    } catch (StatusRuntimeException unanswered) {
      log.warn("Temporal did not say which server it is ({}); keeping sticky workflow queues", unanswered.getStatus());
      return WorkerOptions.getDefaultInstance();
    }
    if (!version.isEmpty()) {
      return WorkerOptions.getDefaultInstance();
    }
    log.info("The Temporal at {} is an embedded Java test server: this worker keeps no sticky workflow queue,"
        + " so its workflows move on to other workers if it stops", endpoint.target());
    return WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
  }

  @Bean
  ObjectLockStore objectLockStore(JdbcTemplate jdbc) {
    return new ObjectLockStore(jdbc);
  }

  @Bean
  SmartLifecycle temporalWorkers(
      WorkerFactory factory,
      SyncActivities syncActivities,
      RunReportActivities runReportActivities,
      ReconcileActivities reconcileActivities,
      ObjectLockStore objectLocks,
      TemporalEndpoint endpoint,
      WorkflowServiceStubs stubs) {
    Worker worker = factory.newWorker(BatchSync.TASK_QUEUE, workerOptions(endpoint, stubs));
    worker.registerWorkflowImplementationTypes(BatchSyncWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(io.ledgerbridge.workflows.record.RecordSyncWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(ReconcileWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        syncActivities, runReportActivities, reconcileActivities, new ObjectLockActivitiesImpl(objectLocks));
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        factory.start();
        running = true;
        log.info("Temporal worker polling task queue {}", BatchSync.TASK_QUEUE);
      }

      @Override
      public void stop() {
        // Let running activities finish their current call instead of abandoning them mid-write.
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
