package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The error list's queries: newest error per record, filters, paging, history, counts, bulk dismissal. */
class RecordErrorQueriesTest {
  private static final SyncDirection QBO_TO_SF = SyncDirection.QBO_TO_SALESFORCE;

  private static RecordFailure failure(String company, SyncObject object, String sourceId, FailureType type, String runId) {
    return new RecordFailure(company, object, QBO_TO_SF, sourceId, type, null, type + " of " + sourceId, "job-1", runId);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void listShowsTheNewestErrorOfEachRecordAndOlderOnesAreItsHistory(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());
    errors.record(failure("9130", SyncObject.CUSTOMER, "7", FailureType.VALIDATION, "run-1"));
    errors.resolve("9130", SyncObject.CUSTOMER, QBO_TO_SF, List.of("7"));
    errors.record(failure("9130", SyncObject.CUSTOMER, "7", FailureType.DUPLICATE, "run-2"));
    errors.record(failure("9130", SyncObject.CUSTOMER, "8", FailureType.VALIDATION, "run-2"));

    List<RecordError> newest = errors.newestPerRecord(RecordErrorFilter.any(), 0, 10);

    assertThat(newest).extracting(RecordError::sourceId).containsExactlyInAnyOrder("7", "8");
    RecordError seven = newest.stream().filter(e -> e.sourceId().equals("7")).findFirst().orElseThrow();
    assertThat(seven.type()).isEqualTo(FailureType.DUPLICATE);
    assertThat(errors.history(seven.id()))
        .extracting(RecordError::type, RecordError::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FailureType.DUPLICATE, RecordErrorStatus.OPEN),
            org.assertj.core.groups.Tuple.tuple(FailureType.VALIDATION, RecordErrorStatus.RESOLVED));
    assertThat(errors.countNewestPerRecord(RecordErrorFilter.any())).isEqualTo(2);
    assertThat(errors.newestPerRecord(RecordErrorFilter.any().withStatus(RecordErrorStatus.RESOLVED), 0, 10))
        .as("a record whose newest error is open is not listed under RESOLVED")
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void filtersNarrowByCompanyObjectTypeAndJobAndPagesAreStable(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());
    for (int i = 0; i < 5; i++) {
      errors.record(failure("9130", SyncObject.CUSTOMER, "c" + i, FailureType.VALIDATION, "run-1"));
    }
    errors.record(failure("9130", SyncObject.INVOICE, "i1", FailureType.MISSING_PARENT, "run-1"));
    errors.record(failure("4620", SyncObject.CUSTOMER, "x1", FailureType.VALIDATION, "run-1"));

    RecordErrorFilter customers9130 =
        new RecordErrorFilter("9130", SyncObject.CUSTOMER, QBO_TO_SF, FailureType.VALIDATION, RecordErrorStatus.OPEN, "job-1", null);
    assertThat(errors.countNewestPerRecord(customers9130)).isEqualTo(5);
    List<RecordError> first = errors.newestPerRecord(customers9130, 0, 2);
    List<RecordError> second = errors.newestPerRecord(customers9130, 2, 2);
    List<RecordError> third = errors.newestPerRecord(customers9130, 4, 2);
    assertThat(first).hasSize(2);
    assertThat(second).hasSize(2);
    assertThat(third).hasSize(1);
    assertThat(List.of(first, second, third).stream().flatMap(List::stream).map(RecordError::sourceId).distinct())
        .hasSize(5);
    assertThat(errors.newestPerRecord(RecordErrorFilter.open().withStatus(null), 0, 10)).hasSize(7);
    assertThat(
            errors.newestPerRecord(
                new RecordErrorFilter(null, null, null, FailureType.MISSING_PARENT, null, null, null), 0, 10))
        .extracting(RecordError::sourceId)
        .containsExactly("i1");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void openCountsSeparateWholeObjectFailuresFromRecords(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());
    errors.record(failure("9130", SyncObject.CUSTOMER, "1", FailureType.VALIDATION, "run-1"));
    errors.record(failure("9130", SyncObject.CUSTOMER, "2", FailureType.VALIDATION, "run-1"));
    errors.record(failure("9130", SyncObject.CUSTOMER, RecordErrorStore.WHOLE_OBJECT, FailureType.AUTH, "run-1"));
    errors.record(failure("9130", SyncObject.ITEM, "3", FailureType.VALIDATION, "run-1"));
    errors.dismiss(errors.findOpen("9130", SyncObject.ITEM, QBO_TO_SF, "3").orElseThrow().id());

    assertThat(errors.openCounts())
        .containsExactly(
            new OpenErrorCount("9130", SyncObject.CUSTOMER, QBO_TO_SF, FailureType.AUTH, 0, 1),
            new OpenErrorCount("9130", SyncObject.CUSTOMER, QBO_TO_SF, FailureType.VALIDATION, 2, 0));
    assertThat(errors.countOpen(null)).isEqualTo(3);
    assertThat(errors.countOpen("4620")).isZero();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void bulkDismissalClosesOnlyTheOpenErrorsTheFilterMatches(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());
    errors.record(failure("9130", SyncObject.CUSTOMER, "1", FailureType.VALIDATION, "run-1"));
    errors.record(failure("9130", SyncObject.CUSTOMER, "2", FailureType.DUPLICATE, "run-1"));
    errors.record(failure("4620", SyncObject.CUSTOMER, "3", FailureType.VALIDATION, "run-1"));

    int dismissed =
        errors.dismissAll(new RecordErrorFilter("9130", null, null, FailureType.VALIDATION, null, null, null));

    assertThat(dismissed).isEqualTo(1);
    assertThat(errors.open(null, 10)).extracting(RecordError::sourceId).containsExactlyInAnyOrder("2", "3");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aRetryRequestIsRememberedOnOpenErrorsOnly(TestDatabase db) {
    RecordErrorStore errors = new RecordErrorStore(db.freshJdbc());
    errors.record(failure("9130", SyncObject.CUSTOMER, "1", FailureType.VALIDATION, "run-1"));
    errors.record(failure("9130", SyncObject.CUSTOMER, "2", FailureType.VALIDATION, "run-1"));
    long open = errors.findOpen("9130", SyncObject.CUSTOMER, QBO_TO_SF, "1").orElseThrow().id();
    long dismissed = errors.findOpen("9130", SyncObject.CUSTOMER, QBO_TO_SF, "2").orElseThrow().id();
    errors.dismiss(dismissed);

    assertThat(errors.markRetryRequested(open, "wf-1")).isTrue();
    assertThat(errors.markRetryRequested(dismissed, "wf-2")).isFalse();

    assertThat(errors.retryRequests(List.of(open, dismissed)))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.errorId()).isEqualTo(open);
          assertThat(r.workflowId()).isEqualTo("wf-1");
          assertThat(r.requestedAt()).isNotNull();
        });
  }
}
