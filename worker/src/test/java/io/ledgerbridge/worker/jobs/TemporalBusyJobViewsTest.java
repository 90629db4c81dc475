package io.ledgerbridge.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.worker.connections.QuickBooksConnector;
import io.ledgerbridge.worker.temporal.TemporalUiLinks;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Temporal that does not answer in time (a busy or unreachable server) leaves the jobs readable as
 * stored, their Temporal state UNKNOWN, instead of failing the request; any other refusal still fails.
 */
class TemporalBusyJobViewsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private final JobRepository jobs = mock(JobRepository.class);
  private final TemporalJobs temporal = mock(TemporalJobs.class);
  private final RunStore runs = mock(RunStore.class);
  private final JobService service = new JobService(jobs, temporal, mock(JobReconciler.class), runs,
      mock(QuickBooksConnector.class), mock(TemporalUiLinks.class));
  private final Job nightly = new Job("nightly", "Nightly customers", "9130", SyncDirection.QBO_TO_SALESFORCE,
      List.of("Customer"), ScheduleSpec.ofCron("0 3 * * *"), CronSchedule.compile(ScheduleSpec.ofCron("0 3 * * *")),
      false, JobState.ACTIVE, T0, T0);

  TemporalBusyJobViewsTest() {
    when(jobs.all()).thenReturn(List.of(nightly));
    when(jobs.find("nightly")).thenReturn(Optional.of(nightly));
    when(runs.recent(anyString(), anyInt())).thenReturn(List.of());
  }

  @Test
  void jobsAreListedAndShownAsStoredWhenTemporalMissesItsDeadline() {
    StatusRuntimeException late = Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 9.99s").asRuntimeException();
    when(temporal.openChains()).thenThrow(late);
    when(temporal.chain(BatchSync.workflowId("nightly"))).thenThrow(late);

    List<JobView> listed = service.list();

    assertThat(listed).singleElement().satisfies(job -> {
      assertThat(job.id()).isEqualTo("nightly");
      assertThat(job.temporalState()).isEqualTo(JobService.UNKNOWN);
      assertThat(job.nextRuns()).as("from the stored schedule").isNotEmpty();
    });
    assertThat(service.get("nightly").temporalState()).isEqualTo(JobService.UNKNOWN);
  }

  @Test
  void otherRefusalsStillFail() {
    when(temporal.openChains()).thenThrow(Status.PERMISSION_DENIED.asRuntimeException());

    assertThatThrownBy(service::list).isInstanceOf(StatusRuntimeException.class);
  }
}
