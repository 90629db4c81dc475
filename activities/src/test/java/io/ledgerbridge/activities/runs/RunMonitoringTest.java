package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorStatus;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** What run reporting adds for monitoring: object errors, conflicts, API calls, open-error trend, stuck runs. */
class RunMonitoringTest {
  private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");
  private static final String COMPANY = "9130";
  private static final SyncDirection DIRECTION = SyncDirection.QBO_TO_SALESFORCE;

  private final List<RunListener.FinishedRun> finished = new ArrayList<>();

  private record Fixture(RunStore runs, RecordErrorStore errors, RunReportActivitiesImpl activities) {}

  private Fixture fixture(TestDatabase db) {
    JdbcTemplate jdbc = db.freshJdbc();
    jdbc.update("DELETE FROM job_run_api_call");
    RunStore runs = new RunStore(jdbc);
    RecordErrorStore errors = new RecordErrorStore(jdbc);
    RunListener listener =
        new RunListener() {
          @Override
          public void runFinished(FinishedRun run) {
            finished.add(run);
          }
        };
    return new Fixture(runs, errors, new RunReportActivitiesImpl(runs, errors, listener));
  }

  private static RunStarted started(String runId, Instant at) {
    return new RunStarted(runId, "job-1", "ledgerbridge-job-job-1", "Nightly", COMPANY, DIRECTION, List.of("Customer", "Item"), at);
  }

  private static ObjectRunReport object(String name, RunStatus status, int failed, String error, Instant at) {
    return new ObjectRunReport(name, status, new RecordCounts(3,1,1,1 - Math.min(1, failed),0,failed), error, at, at.plusSeconds(2), null);
  }

  private static RunFinished finished(String runId, Instant at, RunStatus status, ObjectRunReport... objects) {
    return new RunFinished(runId, "job-1", status, List.of(objects), at.plusSeconds(5), status == RunStatus.SUCCEEDED ? null : "see objects");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void anObjectThatFailedAsAWholeOpensAnErrorOfItsTypeAndALaterRunOfTheObjectClosesIt(TestDatabase db) {
    Fixture f = fixture(db);
    f.activities().recordRunStarted(started("run-1", T0));
    f.activities()
        .recordRunFinished(
            finished(
                "run-1",
                T0,
                RunStatus.PARTLY_FAILED,
                object("Customer", RunStatus.SUCCEEDED, 0, null, T0),
                object("Item", RunStatus.FAILED, 0, "AUTH: QuickBooks refused the refresh token; an admin must reconnect", T0)));

    RecordError error = f.errors().findOpen(COMPANY, SyncObject.ITEM, DIRECTION, RecordErrorStore.WHOLE_OBJECT).orElseThrow();
    assertThat(error.type()).isEqualTo(FailureType.AUTH);
    assertThat(error.message()).contains("Item").contains("reconnect");
    assertThat(error.runId()).isEqualTo("run-1");
    assertThat(f.runs().details("run-1").objects())
        .containsExactly(new ObjectDetails("Customer", 0, null), new ObjectDetails("Item", 0, "AUTH"));

    f.activities().recordRunStarted(started("run-2", T0.plusSeconds(60)));
    f.activities()
        .recordRunFinished(
            finished(
                "run-2",
                T0.plusSeconds(60),
                RunStatus.SUCCEEDED,
                object("Customer", RunStatus.SUCCEEDED, 0, null, T0.plusSeconds(60)),
                object("Item", RunStatus.SUCCEEDED, 0, null, T0.plusSeconds(60))));

    assertThat(f.errors().find(error.id()).orElseThrow().status()).isEqualTo(RecordErrorStatus.RESOLVED);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void timeoutsAndUnclassifiedFailuresAreShownAsRemoteUnavailableKeepingTheirOwnName(TestDatabase db) {
    Fixture f = fixture(db);
    f.activities().recordRunStarted(started("run-1", T0));
    f.activities()
        .recordRunFinished(
            finished(
                "run-1",
                T0,
                RunStatus.FAILED,
                object("Customer", RunStatus.FAILED, 0, "TimeoutFailure: activity Heartbeat timeout", T0),
                object("Item", RunStatus.FAILED, 0, "java.lang.IllegalStateException: unexpected answer", T0)));

    assertThat(f.errors().findOpen(COMPANY, SyncObject.CUSTOMER, DIRECTION, "*").orElseThrow().type())
        .isEqualTo(FailureType.REMOTE_UNAVAILABLE);
    RecordError item = f.errors().findOpen(COMPANY, SyncObject.ITEM, DIRECTION, "*").orElseThrow();
    assertThat(item.type()).isEqualTo(FailureType.REMOTE_UNAVAILABLE);
    assertThat(item.message()).contains("java.lang.IllegalStateException");
    assertThat(f.runs().details("run-1").objects())
        .extracting(ObjectDetails::failureType)
        .containsExactly("REMOTE_UNAVAILABLE", ObjectFailures.UNCLASSIFIED);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void conflictsHeldInTheRunAreCountedPerObject(TestDatabase db) {
    Fixture f = fixture(db);
    f.activities().recordRunStarted(started("run-1", T0));
    for (String id : List.of("4", "5")) {
      f.errors()
          .record(new RecordFailure(COMPANY, SyncObject.CUSTOMER, DIRECTION, id, FailureType.CONFLICT, null, "both changed", "job-1", "run-1"));
    }
    f.activities()
        .recordRunFinished(finished("run-1", T0, RunStatus.PARTLY_FAILED, object("Customer", RunStatus.PARTLY_FAILED, 2, "2 held", T0)));

    assertThat(f.runs().details("run-1").objects()).containsExactly(new ObjectDetails("Customer", 2, null));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void apiCallsAddUpPerSystemAcrossAttempts(TestDatabase db) {
    Fixture f = fixture(db);
    f.runs().addApiCalls("run-1", "QUICKBOOKS", 3);
    f.runs().addApiCalls("run-1", "QUICKBOOKS", 2);
    f.runs().addApiCalls("run-1", "SALESFORCE", 1);
    f.runs().addApiCalls("run-1", "SALESFORCE", 0);
    f.runs().addApiCalls("run-2", "SALESFORCE", 9);

    assertThat(f.runs().apiCalls("run-1")).isEqualTo(Map.of("QUICKBOOKS", 5L, "SALESFORCE", 1L));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void theListenerHearsWhenTheCompanysOpenErrorsRoseSinceTheJobsPreviousRun(TestDatabase db) {
    Fixture f = fixture(db);
    f.activities().recordRunStarted(started("run-1", T0));
    f.activities().recordRunFinished(finished("run-1", T0, RunStatus.SUCCEEDED, object("Customer", RunStatus.SUCCEEDED, 0, null, T0)));
    f.activities().recordRunStarted(started("run-2", T0.plusSeconds(60)));
    f.errors()
        .record(new RecordFailure(COMPANY, SyncObject.CUSTOMER, DIRECTION, "9", FailureType.VALIDATION, null, "bad", "job-1", "run-2"));
    f.activities()
        .recordRunFinished(
            finished("run-2", T0.plusSeconds(60), RunStatus.PARTLY_FAILED, object("Customer", RunStatus.PARTLY_FAILED, 1, "1 failed", T0.plusSeconds(60))));

    assertThat(finished).hasSize(2);
    assertThat(finished.get(0).errorsRose()).isFalse();
    assertThat(finished.get(0).previousOpenErrors()).isNull();
    RunListener.FinishedRun second = finished.get(1);
    assertThat(second.openErrors()).isEqualTo(1);
    assertThat(second.previousOpenErrors()).isZero();
    assertThat(second.errorsRose()).isTrue();
    assertThat(second.report().status()).isEqualTo(RunStatus.PARTLY_FAILED);
    assertThat(second.report().companyId()).isEqualTo(COMPANY);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aRunThatNeverReportedCanBeEndedOnceButAFinishedOneIsLeftAlone(TestDatabase db) {
    Fixture f = fixture(db);
    f.runs().recordStarted(started("stuck", T0));
    f.runs().recordStarted(started("done", T0));
    f.runs().recordFinished(finished("done", T0, RunStatus.SUCCEEDED));

    assertThat(f.runs().runningSince(T0.plusSeconds(1))).extracting(RunReport::runId).containsExactly("stuck");
    assertThat(f.runs().markEnded("stuck", RunStatus.CANCELLED, "terminated", T0.plusSeconds(30))).isTrue();
    assertThat(f.runs().markEnded("stuck", RunStatus.FAILED, "again", T0.plusSeconds(40))).isFalse();
    assertThat(f.runs().markEnded("done", RunStatus.CANCELLED, "late", T0.plusSeconds(40))).isFalse();
    RunReport stuck = f.runs().find("stuck").orElseThrow();
    assertThat(stuck.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(stuck.cause()).isEqualTo("terminated");
    assertThat(f.runs().search(null, COMPANY, RunStatus.SUCCEEDED, 0, 10)).extracting(RunReport::runId).containsExactly("done");
  }
}
