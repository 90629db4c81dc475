package io.ledgerbridge.workflows.batch;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.locks.ObjectLockActivities;
import io.ledgerbridge.workflows.locks.ObjectLockGrant;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class BatchSyncWorkflowTest {
  private static final String COMPANY = "9130357766001001";

  private TestWorkflowEnvironment environment;
  private SyncActivities sync;
  private RunReportActivities reports;
  private ObjectLockActivities locks;
  private WorkflowClient client;

  @BeforeEach
  void startEnvironment() {
    environment = TestWorkflowEnvironment.newInstance();
    Worker worker = environment.newWorker(BatchSync.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(BatchSyncWorkflowImpl.class);
    sync = mock(SyncActivities.class, withSettings().withoutAnnotations());
    reports = mock(RunReportActivities.class, withSettings().withoutAnnotations());
    locks = mock(ObjectLockActivities.class, withSettings().withoutAnnotations());
    when(locks.acquire(any())).thenReturn(new ObjectLockGrant(0, null));
    worker.registerActivitiesImplementations(sync, reports, locks);
    environment.start();
    client = environment.getWorkflowClient();
  }

  @AfterEach
  void stopEnvironment() {
    environment.close();
  }

  private BatchSyncWorkflow workflow(String cron) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(BatchSync.TASK_QUEUE)
            .setWorkflowId(BatchSync.workflowId("job-1"));
    if (cron != null) {
      options.setCronSchedule(cron);
    }
    return client.newWorkflowStub(BatchSyncWorkflow.class, options.build());
  }

  private static BatchSyncInput input(String... objects) {
    return new BatchSyncInput("job-1", "Nightly", COMPANY, SyncDirection.QBO_TO_SALESFORCE, List.of(objects), null, null);
  }

  private static ObjectSyncResult synced(SyncObject object, int created) {
    return new ObjectSyncResult(object, new RecordCounts(created,created,0,0,0,0), List.of(), "cursor", null);
  }

  @Test
  void objectsRunOneAfterAnotherInTheJobsOrder() {
    when(sync.syncObject(any())).thenAnswer(call -> synced(((ObjectSyncRequest) call.getArgument(0)).object(), 3));

    BatchSyncResult result = workflow(null).run(input("Customer", "Item", "Invoice"));

    InOrder order = inOrder(sync);
    order.verify(sync).syncObject(argThat(r -> r.object() == SyncObject.CUSTOMER));
    order.verify(sync).syncObject(argThat(r -> r.object() == SyncObject.ITEM));
    order.verify(sync).syncObject(argThat(r -> r.object() == SyncObject.INVOICE));
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.objects()).extracting(o -> o.object()).containsExactly("Customer", "Item", "Invoice");
    assertThat(result.objects()).allSatisfy(o -> assertThat(o.counts().created()).isEqualTo(3));
    verify(reports).recordRunStarted(argThat(run -> run.runId().equals(result.runId()) && run.companyId().equals(COMPANY)));
    verify(reports).recordRunFinished(argThat(run -> run.status() == RunStatus.SUCCEEDED && run.objects().size() == 3));
  }

  @Test
  void aFailingObjectIsReportedAndTheNextObjectStillRuns() {
    when(sync.syncObject(argThat(r -> r != null && r.object() == SyncObject.CUSTOMER)))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("Name is required", FailureType.VALIDATION.name()));
    when(sync.syncObject(argThat(r -> r != null && r.object() == SyncObject.INVOICE))).thenReturn(synced(SyncObject.INVOICE, 2));

    BatchSyncResult result = workflow(null).run(input("Customer", "Invoice"));

    assertThat(result.status()).isEqualTo(RunStatus.PARTLY_FAILED);
    assertThat(result.objects().get(0).status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.objects().get(0).error()).isEqualTo("VALIDATION: Name is required");
    assertThat(result.objects().get(1).status()).isEqualTo(RunStatus.SUCCEEDED);
    ArgumentCaptor<RunFinished> finished = ArgumentCaptor.forClass(RunFinished.class);
    verify(reports).recordRunFinished(finished.capture());
    assertThat(finished.getValue().cause()).contains("Customer: VALIDATION: Name is required");
  }

  @Test
  void recordFailuresMakeTheRunPartlyFailedWithTheirIds() {
    when(sync.syncObject(any()))
        .thenReturn(new ObjectSyncResult(SyncObject.CUSTOMER, new RecordCounts(5,3,0,0,0,2), List.of("17", "42"), "c", null));

    BatchSyncResult result = workflow(null).run(input("Customer"));

    assertThat(result.status()).isEqualTo(RunStatus.PARTLY_FAILED);
    assertThat(result.objects().get(0).counts().failed()).isEqualTo(2);
    assertThat(result.objects().get(0).error()).contains("17, 42");
  }

  @Test
  void theSyncsNoteOnRecordsThatSyncedAllTheSameIsTheObjectsNoteAfterAnyWaitForTheLock() {
    String note = "1 record(s) with a note, by source id: 145: its lines come to 90.00 (items less discounts), its total is 100.00";
    when(locks.acquire(argThat(l -> l != null && l.object() == SyncObject.CUSTOMER)))
        .thenReturn(new ObjectLockGrant(12, "ledgerbridge-job-other"));
    when(sync.syncObject(any())).thenAnswer(call -> new ObjectSyncResult(((ObjectSyncRequest) call.getArgument(0)).object(),
        new RecordCounts(1, 1, 0, 0, 0, 0), List.of(), "c", note));

    BatchSyncResult result = workflow(null).run(input("Customer", "Invoice"));

    assertThat(result.status()).as("a note is no failure").isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.objects().get(0).note())
        .isEqualTo("waited 12 s for ledgerbridge-job-other, which was syncing the same object " + note);
    assertThat(result.objects().get(1).note()).isEqualTo(note);
  }

  @Test
  void aRunWhereEveryObjectFailsFailsButTheCronScheduleGoesOn() {
    when(sync.syncObject(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("reconnect the company", FailureType.AUTH.name()));

    WorkflowClient.start(workflow("* * * * *")::run, input("Customer"));
    environment.sleep(Duration.ofMinutes(3));

    verify(sync, atLeast(3)).syncObject(any());
    verify(reports, atLeast(3)).recordRunFinished(argThat(run -> run.status() == RunStatus.FAILED));
    client.newUntypedWorkflowStub(BatchSync.workflowId("job-1")).terminate("test over");
  }

  @Test
  void eachObjectSyncsUnderItsLockWhichIsReleasedEvenWhenItFails() {
    when(locks.acquire(argThat(l -> l != null && l.object() == SyncObject.CUSTOMER)))
        .thenReturn(new ObjectLockGrant(12, "ledgerbridge-job-other"));
    when(sync.syncObject(argThat(r -> r != null && r.object() == SyncObject.CUSTOMER)))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("Name is required", FailureType.VALIDATION.name()));
    when(sync.syncObject(argThat(r -> r != null && r.object() == SyncObject.ITEM))).thenReturn(synced(SyncObject.ITEM, 1));

    BatchSyncResult result = workflow(null).run(input("Customer", "Item"));

    InOrder order = inOrder(locks, sync);
    order.verify(locks).acquire(argThat(l -> l.object() == SyncObject.CUSTOMER && l.companyId().equals(COMPANY)));
    order.verify(sync).syncObject(argThat(r -> r.object() == SyncObject.CUSTOMER));
    order.verify(locks).release(argThat(l -> l.object() == SyncObject.CUSTOMER));
    order.verify(locks).acquire(argThat(l -> l.object() == SyncObject.ITEM));
    order.verify(sync).syncObject(argThat(r -> r.object() == SyncObject.ITEM));
    order.verify(locks).release(argThat(l -> l.object() == SyncObject.ITEM));
    assertThat(result.objects().get(0).note()).isEqualTo(
        "waited 12 s for ledgerbridge-job-other, which was syncing the same object");
    assertThat(result.objects().get(1).note()).isNull();
  }

  @Test
  void theLockIsRenewedWhileTheObjectSyncsThroughItsRetriesAndNotAfter() {
    when(sync.syncObject(argThat(r -> r != null && r.object() == SyncObject.CUSTOMER)))
        .thenThrow(ApplicationFailure.newFailure("Salesforce answered 503", FailureType.REMOTE_UNAVAILABLE.name()))
        .thenThrow(ApplicationFailure.newFailure("Salesforce answered 503", FailureType.REMOTE_UNAVAILABLE.name()))
        .thenThrow(ApplicationFailure.newFailure("Salesforce answered 503", FailureType.REMOTE_UNAVAILABLE.name()))
        .thenReturn(synced(SyncObject.CUSTOMER, 1));
    when(locks.renew(any())).thenReturn(true);

    BatchSyncResult result = workflow(null).run(input("Customer"));

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    // Retries wait 5 + 10 + 20 s: longer than a renewal period, shorter than a lease.
    verify(locks, atLeast(1)).renew(argThat(l -> l.object() == SyncObject.CUSTOMER));
    int renewals = mockingDetails(locks).getInvocations().stream().filter(i -> i.getMethod().getName().equals("renew"))
        .toList().size();
    environment.sleep(Duration.ofMinutes(5));
    assertThat(mockingDetails(locks).getInvocations().stream().filter(i -> i.getMethod().getName().equals("renew")))
        .as("no renewal once the lock is released").hasSize(renewals);
  }

  @Test
  void aJobWithAChildBeforeItsParentFailsWithoutSyncingAnything() {
    assertThatThrownBy(() -> workflow(null).run(input("Invoice", "Customer")))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(cause -> assertThat(((ApplicationFailure) cause).getType()).isEqualTo(FailureType.INVALID_JOB.name()))
        .hasMessageContaining("move Customer before Invoice");
    verify(sync, never()).syncObject(any());
  }
}
