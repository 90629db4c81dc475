package io.ledgerbridge.workflows.batch;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.locks.ObjectLockActivities;
import io.ledgerbridge.workflows.locks.ObjectLockGrant;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.schedule.CompiledSchedule;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Local-time schedules on Temporal's own cron (the Java test server, time skipping): the runs that
 * sync are exactly the listed next runs, across daylight-saving changes in both directions.
 */
class LocalTimeCronTest {

  private List<Instant> syncedRuns(Instant start, CompiledSchedule schedule, Duration span) {
    TestWorkflowEnvironment environment =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setInitialTime(start).build());
    try {
      Worker worker = environment.newWorker(BatchSync.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(BatchSyncWorkflowImpl.class);
      SyncActivities sync = mock(SyncActivities.class, withSettings().withoutAnnotations());
      RunReportActivities reports = mock(RunReportActivities.class, withSettings().withoutAnnotations());
      when(sync.syncObject(any()))
          .thenReturn(new ObjectSyncResult(SyncObject.CUSTOMER, new RecordCounts(0,0,0,0,0,0), List.of(), null, null));
      List<Instant> started = new CopyOnWriteArrayList<>();
      doAnswer(call -> started.add(((RunStarted) call.getArgument(0)).startedAt()))
          .when(reports).recordRunStarted(any());
      ObjectLockActivities locks = mock(ObjectLockActivities.class, withSettings().withoutAnnotations());
      when(locks.acquire(any())).thenReturn(new ObjectLockGrant(0, null));
      worker.registerActivitiesImplementations(sync, reports, locks);
      environment.start();

      BatchSyncWorkflow workflow =
          environment.getWorkflowClient().newWorkflowStub(
              BatchSyncWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(BatchSync.TASK_QUEUE)
                  .setWorkflowId(BatchSync.workflowId("local"))
                  .setCronSchedule(schedule.temporalCron())
                  .build());
      WorkflowClient.start(
          workflow::run,
          new BatchSyncInput("local", "Local", "1", SyncDirection.QBO_TO_SALESFORCE, List.of("Customer"),
              schedule.localSchedule(), null));
      environment.sleep(span);
      return started.stream().map(instant -> instant.truncatedTo(ChronoUnit.MINUTES)).toList();
    } finally {
      environment.close();
    }
  }

  @ParameterizedTest(name = "{0} at {1}:{2} from {3}")
  @CsvSource({
    "Europe/Berlin, 3, 30, 2026-03-27T12:00:00Z",  // spring forward on 2026-03-29
    "Europe/Berlin, 3, 30, 2026-10-23T12:00:00Z",  // fall back on 2026-10-25
    "Europe/Berlin, 2, 30, 2026-03-27T12:00:00Z",  // the skipped hour
    "Europe/Berlin, 2, 30, 2026-10-23T12:00:00Z",  // the repeated hour
    "America/New_York, 21, 15, 2026-10-30T12:00:00Z",
    "Asia/Kolkata, 9, 0, 2026-03-27T12:00:00Z",
  })
  void runsThatSyncAreExactlyTheListedLocalTimes(String zone, String hour, String minute, String from) {
    Instant start = Instant.parse(from);
    Duration span = Duration.ofDays(4);
    CompiledSchedule schedule =
        CronSchedule.compile(new ScheduleSpec(List.of(minute), List.of(hour), null, null, null, zone, null));

    List<Instant> synced = syncedRuns(start, schedule, span);

    List<Instant> listed =
        schedule.nextRuns(start, 10).stream()
            .map(run -> run.toInstant())
            .filter(run -> run.isBefore(start.plus(span)))
            .toList();
    assertThat(listed).hasSize(4);
    assertThat(synced).containsExactlyElementsOf(listed);
  }

  @Test
  void utcSchedulesNeedNoCheckAndRunEveryTick() {
    Instant start = Instant.parse("2026-06-01T00:00:00Z");
    CompiledSchedule schedule =
        CronSchedule.compile(new ScheduleSpec(List.of("0"), List.of("*/6"), null, null, null, "UTC", null));
    assertThat(syncedRuns(start, schedule, Duration.ofHours(23)))
        .containsExactly(
            Instant.parse("2026-06-01T06:00:00Z"),
            Instant.parse("2026-06-01T12:00:00Z"),
            Instant.parse("2026-06-01T18:00:00Z"));
  }
}
