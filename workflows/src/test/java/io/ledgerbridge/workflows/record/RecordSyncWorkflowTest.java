package io.ledgerbridge.workflows.record;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.locks.ObjectLockActivities;
import io.ledgerbridge.workflows.locks.ObjectLockGrant;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import io.ledgerbridge.workflows.sync.RecordSyncFailure;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class RecordSyncWorkflowTest {
  private static final String COMPANY = "9130357766001001";
  private static final String SMALL_HISTORY_QUEUE = "small-history";

  private TestWorkflowEnvironment environment;
  private SyncActivities sync;
  private ObjectLockActivities locks;

  @BeforeEach
  void start() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker worker = environment.newWorker(BatchSync.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RecordSyncWorkflowImpl.class);
    sync = mock(SyncActivities.class, withSettings().withoutAnnotations());
    when(sync.syncRecords(any()))
        .thenAnswer(call -> {
          RecordSyncRequest request = call.getArgument(0);
          List<RecordOutcome> outcomes = request.sourceIds().stream()
              .map(id -> new RecordOutcome(id, RecordOutcome.Kind.UPDATED, null)).toList();
          return new RecordSyncResult(request.object(), request.direction(), new RecordCounts((0 + outcomes.size() + 0 + 0 + 0), 0, outcomes.size(), 0, 0, 0), outcomes);
        });
    locks = mock(ObjectLockActivities.class, withSettings().withoutAnnotations());
    when(locks.acquire(any())).thenReturn(new ObjectLockGrant(0, null));
    worker.registerActivitiesImplementations(sync, locks);
    // The same workflow handing over to a fresh run after 20 history events instead of thousands.
    Worker smallHistory = environment.newWorker(SMALL_HISTORY_QUEUE);
    smallHistory.registerWorkflowImplementationFactory(RecordSyncWorkflow.class, () -> new RecordSyncWorkflowImpl(20));
    smallHistory.registerActivitiesImplementations(sync, locks);
    environment.start();
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  private RecordSyncWorkflow workflow() {
    return environment.getWorkflowClient().newWorkflowStub(
        RecordSyncWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(BatchSync.TASK_QUEUE)
            .setWorkflowId(RecordSync.workflowId(COMPANY, SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE))
            .build());
  }

  @Test
  void manyIdsAreSyncedInChunksOfAtMostOneHundredWithTheRequestsPolicy() {
    List<String> ids = IntStream.rangeClosed(1, 230).mapToObj(Integer::toString).toList();

    RecordSyncResult result = workflow().run(new RecordSyncRequest(
        COMPANY, SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE, ids, "job-1", null, ConflictPolicy.QBO_WINS, true));

    ArgumentCaptor<RecordSyncRequest> calls = ArgumentCaptor.forClass(RecordSyncRequest.class);
    verify(sync, times(3)).syncRecords(calls.capture());
    assertThat(calls.getAllValues()).extracting(r -> r.sourceIds().size()).containsExactly(100, 100, 30);
    assertThat(calls.getAllValues()).allSatisfy(r -> {
      assertThat(r.resolveConflictWith()).isEqualTo(ConflictPolicy.QBO_WINS);
      assertThat(r.pullsMissingParents()).isTrue();
      assertThat(r.runId()).isNotBlank();
    });
    assertThat(result.counts().updated()).isEqualTo(230);
    assertThat(result.outcomes()).hasSize(230);
    // Each chunk under the object's lock, as batch runs take it: never two writers of a record at once.
    InOrder order = inOrder(locks, sync);
    for (int chunk = 0; chunk < 3; chunk++) {
      order.verify(locks).acquire(argThat(l -> l.object() == SyncObject.INVOICE && l.companyId().equals(COMPANY)));
      order.verify(sync).syncRecords(any());
      order.verify(locks).release(argThat(l -> l.object() == SyncObject.INVOICE));
    }
  }

  @Test
  void aLongStreamOfIdsContinuesAsNewRunsAndEveryIdIsSyncedOnce() {
    RecordSyncWorkflow stub = environment.getWorkflowClient().newWorkflowStub(RecordSyncWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(SMALL_HISTORY_QUEUE)
            .setWorkflowId(RecordSync.workflowId(COMPANY, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE))
            .build());
    List<String> ids = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).toList();

    String firstRun = io.temporal.client.WorkflowClient.start(stub::run,
        RecordSyncRequest.of(COMPANY, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, ids)).getRunId();
    io.temporal.client.WorkflowStub untyped = io.temporal.client.WorkflowStub.fromTyped(stub);
    untyped.getResult(RecordSyncResult.class);

    ArgumentCaptor<RecordSyncRequest> calls = ArgumentCaptor.forClass(RecordSyncRequest.class);
    verify(sync, times(10)).syncRecords(calls.capture());
    assertThat(calls.getAllValues().stream().flatMap(r -> r.sourceIds().stream()).toList())
        .containsExactlyInAnyOrderElementsOf(ids);
    String lastRun = environment.getWorkflowClient().newUntypedWorkflowStub(
        RecordSync.workflowId(COMPANY, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE)).describe()
        .getExecution().getRunId();
    assertThat(lastRun).as("the stream went on in a fresh run").isNotEqualTo(firstRun);
  }

  @Test
  void aChunkWhoseSyncFailsAsAWholeBecomesRecordErrorsAndTheOtherChunksStillSync() {
    doAnswer(call -> {
          RecordSyncRequest request = call.getArgument(0);
          if (request.sourceIds().contains("1")) {
            throw ApplicationFailure.newNonRetryableFailure("Intuit no longer accepts the stored authorization", "AUTH");
          }
          List<RecordOutcome> outcomes = request.sourceIds().stream()
              .map(id -> new RecordOutcome(id, RecordOutcome.Kind.UPDATED, null)).toList();
          return new RecordSyncResult(request.object(), request.direction(), new RecordCounts((0 + outcomes.size() + 0 + 0 + 0), 0, outcomes.size(), 0, 0, 0), outcomes);
        }).when(sync).syncRecords(any());
    List<String> ids = IntStream.rangeClosed(1, 150).mapToObj(Integer::toString).toList();

    RecordSyncResult result = workflow().run(RecordSyncRequest.of(COMPANY, SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE, ids));

    assertThat(result.counts().failed()).isEqualTo(100);
    assertThat(result.counts().updated()).isEqualTo(50);
    ArgumentCaptor<RecordSyncFailure> kept = ArgumentCaptor.forClass(RecordSyncFailure.class);
    verify(sync).recordFailures(kept.capture());
    assertThat(kept.getValue().sourceIds()).hasSize(100).contains("1");
    assertThat(kept.getValue().error()).isEqualTo("AUTH: Intuit no longer accepts the stored authorization");
    assertThat(kept.getValue().runId()).isNotBlank();
  }

  @Test
  void oneWorkflowIdPerCompanyObjectAndDirection() {
    assertThat(RecordSync.workflowId(COMPANY, SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO))
        .isEqualTo("ledgerbridge-record-9130357766001001-Customer-SALESFORCE_TO_QBO-live");
  }

  @Test
  void signalledIdsJoinTheRun() {
    RecordSyncWorkflow stub = workflow();
    io.temporal.client.BatchRequest batch = environment.getWorkflowClient().newSignalWithStartRequest();
    batch.add(stub::run, RecordSyncRequest.of(COMPANY, SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE, List.of("1")));
    batch.add(stub::addRecords, new ArrayList<>(List.of("2", "3")));
    environment.getWorkflowClient().signalWithStart(batch);

    RecordSyncResult result = io.temporal.client.WorkflowStub.fromTyped(stub).getResult(RecordSyncResult.class);

    assertThat(result.outcomes()).extracting(RecordOutcome::sourceId).containsExactlyInAnyOrder("1", "2", "3");
  }
}
