package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordErrorStoreTest {
  private static final SyncDirection DIR = SyncDirection.QBO_TO_SALESFORCE;

  private static RecordFailure failure(String sourceId, String runId, String message) {
    return new RecordFailure(
        "9130", SyncObject.CUSTOMER, DIR, sourceId, FailureType.VALIDATION, "REQUIRED_FIELD_MISSING", message, "job-1", runId);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void failureOpensOneErrorThatCountsAttemptsPerRun(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());

    errors.record(failure("7", "run-1", "first"));
    errors.record(failure("7", "run-1", "same run again"));
    errors.record(failure("7", "run-2", "next run"));

    RecordError open = errors.findOpen("9130", SyncObject.CUSTOMER, DIR, "7").orElseThrow();
    assertThat(open.attempts()).isEqualTo(2);
    assertThat(open.message()).isEqualTo("next run");
    assertThat(open.remoteCode()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(open.type()).isEqualTo(FailureType.VALIDATION);
    assertThat(open.runId()).isEqualTo("run-2");
    assertThat(errors.open("9130", 10)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void laterSuccessResolvesTheOpenErrorAndANewFailureOpensAnother(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());
    errors.record(failure("7", "run-1", "boom"));
    errors.record(failure("8", "run-1", "boom"));
    long firstId = errors.findOpen("9130", SyncObject.CUSTOMER, DIR, "7").orElseThrow().id();

    assertThat(errors.resolve("9130", SyncObject.CUSTOMER, DIR, List.of("7", "99"))).isEqualTo(1);

    assertThat(errors.findOpen("9130", SyncObject.CUSTOMER, DIR, "7")).isEmpty();
    assertThat(errors.find(firstId).orElseThrow().status()).isEqualTo(RecordErrorStatus.RESOLVED);
    assertThat(errors.open(null, 10)).extracting(RecordError::sourceId).containsExactly("8");

    errors.record(failure("7", "run-3", "again"));
    RecordError reopened = errors.findOpen("9130", SyncObject.CUSTOMER, DIR, "7").orElseThrow();
    assertThat(reopened.id()).isNotEqualTo(firstId);
    assertThat(reopened.attempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void dismissedErrorLeavesTheOpenList(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());
    errors.record(failure("7", "run-1", "x".repeat(5000)));
    RecordError open = errors.findOpen("9130", SyncObject.CUSTOMER, DIR, "7").orElseThrow();
    assertThat(open.message()).hasSize(4000);

    assertThat(errors.dismiss(open.id())).isTrue();
    assertThat(errors.dismiss(open.id())).isFalse();
    assertThat(errors.open("9130", 10)).isEmpty();
  }
}
