package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.reconcile.ReconcileInput;
import io.ledgerbridge.workflows.reconcile.ReconcileWorkflow;
import io.ledgerbridge.workflows.reconcile.Reconciliations;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps Temporal in line with the reconciliation schedule: every connected QuickBooks company has
 * its cron workflow ({@link Reconciliations#scheduledWorkflowId}) with the configured cron, or none
 * when the schedule is off. Runs at start (the embedded Temporal forgets everything on restart) and
 * every few seconds, so a company connected meanwhile gets its schedule too. A chain whose cron
 * changed is replaced once its current run has ended.
 */
@Component
class ReconcileSchedules {
  private static final Logger log = LoggerFactory.getLogger(ReconcileSchedules.class);

  private final ReconcileProperties properties;
  private final ConnectionStore connections;
  private final WorkflowClient client;

  ReconcileSchedules(ReconcileProperties properties, ConnectionStore connections, WorkflowClient client) {
    this.properties = properties;
    this.connections = connections;
    this.client = client;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    if (properties.enabled()) {
      log.info("Reconciling every connected company {} (cron '{}' UTC)", properties.compiled().description(),
          properties.compiled().temporalCron());
    }
    alignAll();
  }

  @Scheduled(fixedDelayString = "${ledgerbridge.reconcile-interval:10s}", initialDelayString = "${ledgerbridge.reconcile-interval:10s}")
  void alignAll() {
    List<String> companies;
    try {
      companies = connections.accountIds(ConnectedSystem.QUICKBOOKS);
    } catch (RuntimeException e) {
      log.warn("Reconciliation schedules could not be checked, will retry: {}", e.toString());
      return;
    }
    for (String companyId : companies) {
      try {
        align(companyId);
      } catch (RuntimeException e) {
        log.warn("The reconciliation schedule of company {} could not be set up, will retry: {}", companyId, e.toString());
      }
    }
  }

  /** Starts, replaces or stops the company's chain as the settings say. */
  void align(String companyId) {
    String workflowId = Reconciliations.scheduledWorkflowId(companyId);
    List<HistoryEvent> current = currentRun(workflowId);
    if (!properties.enabled()) {
      if (current.size() == 1) {
        terminate(workflowId, "the reconciliation schedule is off (ledgerbridge.reconcile.enabled=false)");
      }
      return;
    }
    String cron = properties.compiled().temporalCron();
    if (!current.isEmpty()) {
      String running = current.get(0).getWorkflowExecutionStartedEventAttributes().getCronSchedule();
      // A run that is reconciling now finishes first: only a chain waiting for its time is replaced.
      if (running.equals(cron) || current.size() > 1) {
        return;
      }
      terminate(workflowId, "the reconciliation schedule changed to '" + cron + "'");
    }
    try {
      WorkflowClient.start(client.newWorkflowStub(ReconcileWorkflow.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(workflowId)
              .setTaskQueue(BatchSync.TASK_QUEUE)
              .setCronSchedule(cron)
              .setMemo(Map.of("purpose", "scheduled reconciliation", "companyId", companyId))
              .setStaticSummary("Scheduled reconciliation of company " + companyId + " (cron '" + cron + "' UTC)")
              .build())::run,
          new ReconcileInput(companyId, List.of(), false, true));
      log.info("Scheduled the reconciliation of company {} (cron '{}' UTC)", companyId, cron);
    } catch (WorkflowExecutionAlreadyStarted started) {
      // Another worker was quicker.
    }
  }

  /** The first two history events of the chain's open run (two when it is reconciling now), or none when no run is open. */
  private List<HistoryEvent> currentRun(String workflowId) {
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException notStarted) {
      return List.of();
    }
    if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return List.of();
    }
    return client.streamHistory(workflowId, description.getExecution().getRunId()).limit(2).toList();
  }

  private void terminate(String workflowId, String reason) {
    try {
      client.newUntypedWorkflowStub(workflowId).terminate(reason);
      log.info("Stopped workflow {}: {}", workflowId, reason);
    } catch (WorkflowNotFoundException notOpen) {
      // Ended meanwhile.
    }
  }
}
