package io.ledgerbridge.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciliation workflow on Temporal's Java test server (time skipping), with its activities faked. */
class ReconcileWorkflowTest {
  private static final Instant MONDAY = Instant.parse("2026-06-01T00:00:00Z");

  private TestWorkflowEnvironment environment;
  private ReconcileActivities activities;
  private final List<ReconcileStart> started = new CopyOnWriteArrayList<>();
  private final List<ReconcileFinished> finished = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startEnvironment() {
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(MONDAY).build());
    Worker worker = environment.newWorker(BatchSync.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ReconcileWorkflowImpl.class);
    activities = mock(ReconcileActivities.class, withSettings().withoutAnnotations());
    doAnswer(call -> {
      started.add(call.getArgument(0));
      return new ReconcileBegun(List.of(SyncObject.CUSTOMER, SyncObject.INVOICE), null);
    }).when(activities).begin(any());
    doAnswer(call -> {
      finished.add(call.getArgument(0));
      return null;
    }).when(activities).finish(any());
    worker.registerActivitiesImplementations(activities);
    environment.start();
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  private static ObjectReconciliation found(SyncObject object, String salesforceObject, ClassCounts counts) {
    return new ObjectReconciliation(object, salesforceObject, List.of(SyncDirection.QBO_TO_SALESFORCE), counts,
        Map.of(), List.of(), 0, 1, 1, 5, null);
  }

  @Test
  void runsOnItsWeeklyCronInUtcAndStoresEachRunsFindings() {
    when(activities.reconcileObject(any())).thenReturn(List.of(found(SyncObject.CUSTOMER, "Account",
        new ClassCounts(60, 0, 0, 0, 0, 0))));
    ReconcileWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(ReconcileWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(BatchSync.TASK_QUEUE)
            .setWorkflowId(Reconciliations.scheduledWorkflowId("9130"))
            .setCronSchedule("0 3 * * 0")
            .build());

    WorkflowClient.start(workflow::run, new ReconcileInput("9130", List.of(), false, true));
    environment.sleep(Duration.ofDays(15));

    assertThat(started).extracting(s -> s.startedAt().truncatedTo(ChronoUnit.MINUTES))
        .containsExactly(Instant.parse("2026-06-07T03:00:00Z"), Instant.parse("2026-06-14T03:00:00Z"));
    assertThat(started).allSatisfy(s -> assertThat(s.input().scheduled()).isTrue());
    assertThat(finished).hasSize(2);
    assertThat(finished.get(0).id()).isEqualTo(started.get(0).id()).isNotEqualTo(started.get(1).id());
    assertThat(finished.get(0).objects()).extracting(ObjectReconciliation::object)
        .containsExactly(SyncObject.CUSTOMER, SyncObject.CUSTOMER);
  }

  @Test
  void anObjectThatCannotBeComparedIsReportedAndTheNextOneStillRuns() {
    when(activities.reconcileObject(any())).thenAnswer(call -> {
      ObjectReconcileRequest request = call.getArgument(0);
      if (request.object() == SyncObject.CUSTOMER) {
        throw ApplicationFailure.newNonRetryableFailure("no QuickBooks tokens for company 9130", "AUTH");
      }
      return List.of(found(SyncObject.INVOICE, "Invoice__c", new ClassCounts(3, 1, 0, 0, 0, 0)));
    });
    ReconcileWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(ReconcileWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(BatchSync.TASK_QUEUE)
            .setWorkflowId(Reconciliations.manualWorkflowId("9130")).build());

    ReconcileResult result = workflow.run(new ReconcileInput("9130", List.of(), true, false));

    assertThat(result.status()).isEqualTo(ReconcileStatus.FAILED);
    assertThat(result.differences()).isEqualTo(1);
    List<ObjectReconciliation> objects = finished.get(0).objects();
    assertThat(objects.get(0).error()).isEqualTo("AUTH: no QuickBooks tokens for company 9130");
    assertThat(objects.get(1).counts().linkedDifferent()).isEqualTo(1);
  }

  @Test
  void aReconciliationThatMayNotRunEndsSkippedWithoutComparing() {
    doAnswer(call -> new ReconcileBegun(List.of(), "reconciliation r1 of company 9130 is running"))
        .when(activities).begin(any());
    ReconcileWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(ReconcileWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(BatchSync.TASK_QUEUE)
            .setWorkflowId(Reconciliations.scheduledWorkflowId("9130")).build());

    ReconcileResult result = workflow.run(new ReconcileInput("9130", List.of(), false, true));

    assertThat(result.status()).isEqualTo(ReconcileStatus.SKIPPED);
    assertThat(finished).isEmpty();
  }
}
