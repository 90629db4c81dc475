package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");

  private static RunStarted started(String runId, String jobId, Instant at) {
    return new RunStarted(
        runId, jobId, "ledgerbridge-job-" + jobId, "Nightly", "9130", SyncDirection.QBO_TO_SALESFORCE,
        List.of("Customer", "Invoice"), at);
  }

  private static RunFinished finished(String runId, String jobId) {
    return new RunFinished(
        runId,
        jobId,
        RunStatus.PARTLY_FAILED,
        List.of(
            new ObjectRunReport("Customer", RunStatus.SUCCEEDED, new RecordCounts(10,4,3,3,0,0), null, T0, T0.plusSeconds(5), null),
            new ObjectRunReport("Invoice", RunStatus.PARTLY_FAILED, new RecordCounts(5,2,0,1,0,2), "2 record(s) failed", T0.plusSeconds(5), T0.plusSeconds(9), null)),
        T0.plusSeconds(10),
        "Invoice: 2 record(s) failed");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void runIsRecordedAsRunningThenFinishedWithItsObjects(TestDatabase db) {
    RunReportActivitiesImpl activities = new RunReportActivitiesImpl(new RunStore(db.freshJdbc()));
    RunStore runs = new RunStore(db.freshJdbc());

    activities.recordRunStarted(started("run-1", "job-1", T0));
    assertThat(runs.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

    activities.recordRunFinished(finished("run-1", "job-1"));
    RunReport report = runs.find("run-1").orElseThrow();
    assertThat(report.status()).isEqualTo(RunStatus.PARTLY_FAILED);
    assertThat(report.cause()).isEqualTo("Invoice: 2 record(s) failed");
    assertThat(report.objects()).containsExactly("Customer", "Invoice");
    assertThat(report.direction()).isEqualTo("QBO_TO_SALESFORCE");
    assertThat(report.startedAt()).isEqualTo(T0);
    assertThat(report.finishedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(report.objectReports()).extracting(ObjectRunReport::object).containsExactly("Customer", "Invoice");
    assertThat(report.objectReports().get(1).counts().failed()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void repeatedActivitiesForTheSameRunIdLeaveOneRun(TestDatabase db) {
    RunStore runs = new RunStore(db.freshJdbc());
    RunReportActivitiesImpl activities = new RunReportActivitiesImpl(runs);

    activities.recordRunStarted(started("run-1", "job-1", T0));
    activities.recordRunStarted(started("run-1", "job-1", T0));
    activities.recordRunFinished(finished("run-1", "job-1"));
    activities.recordRunFinished(finished("run-1", "job-1"));
    activities.recordRunStarted(started("run-1", "job-1", T0)); // a late retry must not reopen it

    assertThat(runs.recent(null, 10)).hasSize(1);
    RunReport report = runs.find("run-1").orElseThrow();
    assertThat(report.status()).isEqualTo(RunStatus.PARTLY_FAILED);
    assertThat(report.objectReports()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void finishWithoutRecordedStartStillKeepsTheOutcome(TestDatabase db) {
    RunStore runs = new RunStore(db.freshJdbc());

    runs.recordFinished(finished("run-9", "job-9"));

    RunReport report = runs.find("run-9").orElseThrow();
    assertThat(report.workflowId()).isEqualTo("ledgerbridge-job-job-9");
    assertThat(report.startedAt()).isEqualTo(T0);
    assertThat(report.objectReports()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void recentRunsAreNewestFirstAndFilterByJob(TestDatabase db) {
    RunStore runs = new RunStore(db.freshJdbc());
    runs.recordStarted(started("a", "job-1", T0));
    runs.recordStarted(started("b", "job-2", T0.plusSeconds(60)));
    runs.recordStarted(started("c", "job-1", T0.plusSeconds(120)));

    assertThat(runs.recent(null, 10)).extracting(RunReport::runId).containsExactly("c", "b", "a");
    assertThat(runs.recent("job-1", 10)).extracting(RunReport::runId).containsExactly("c", "a");
    assertThat(runs.recent(null, 2)).extracting(RunReport::runId).containsExactly("c", "b");
    assertThat(runs.find("missing")).isEmpty();
  }
}
