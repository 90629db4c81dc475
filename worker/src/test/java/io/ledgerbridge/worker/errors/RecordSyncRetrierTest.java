package io.ledgerbridge.worker.errors;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.ledgerbridge.worker.recordsync.RecordSyncs;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.locks.ObjectLockActivities;
import io.ledgerbridge.workflows.locks.ObjectLockGrant;
import io.ledgerbridge.workflows.record.RecordSync;
import io.ledgerbridge.workflows.record.RecordSyncWorkflowImpl;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retrying records with the per-record sync: chunks of at most 100 ids, in the object's one per-record sync, under its lock. */
class RecordSyncRetrierTest {
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final List<RecordSyncRequest> synced = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void recordsAreSyncedInChunksOfAtMostOneHundredOnBehalfOfTheirJob() {
    SyncActivities activities = mock(SyncActivities.class, withSettings().withoutAnnotations());
    when(activities.syncRecords(any()))
        .thenAnswer(
            call -> {
              RecordSyncRequest request = call.getArgument(0);
              synced.add(request);
              return new RecordSyncResult(request.object(), request.direction(), new RecordCounts((0 + request.sourceIds().size() + 0 + 0 + 0), 0, request.sourceIds().size(), 0, 0, 0), List.of());
            });
    ObjectLockActivities locks = mock(ObjectLockActivities.class, withSettings().withoutAnnotations());
    when(locks.acquire(any())).thenReturn(new ObjectLockGrant(0, null));
    Worker worker = env.newWorker(BatchSync.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RecordSyncWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities, locks);
    env.start();
    List<String> ids = IntStream.rangeClosed(1, 150).mapToObj(Integer::toString).toList();

    List<RecordRetrier.RetryStarted> started =
        new RecordSyncRetrier(new RecordSyncs(env.getWorkflowClient()))
            .retry(new RecordRetrier.RetryTarget("9130", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, "nightly", ids));

    assertThat(started).hasSize(2);
    assertThat(started).allSatisfy(s -> assertThat(s.mode()).isEqualTo(RecordRetrier.Mode.RECORD_SYNC));
    assertThat(started).as("the one per-record sync of the object, where notifications go too")
        .allSatisfy(s -> assertThat(s.workflowId())
            .isEqualTo(RecordSync.workflowId("9130", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE)));
    assertThat(started.get(0).sourceIds()).hasSize(100);
    assertThat(started.get(1).sourceIds()).hasSize(50).startsWith("101");
    for (RecordRetrier.RetryStarted run : started) {
      env.getWorkflowClient().newUntypedWorkflowStub(run.workflowId(), java.util.Optional.of(run.runId()), java.util.Optional.empty())
          .getResult(RecordSyncResult.class);
    }
    verify(locks, atLeastOnce()).acquire(any());
    assertThat(synced).flatExtracting(RecordSyncRequest::sourceIds).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(synced).allSatisfy(r -> assertThat(r.jobId()).isEqualTo("nightly"));
  }
}
