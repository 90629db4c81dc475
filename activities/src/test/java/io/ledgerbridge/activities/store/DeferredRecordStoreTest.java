package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeferredRecordStoreTest {
  static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void attemptsCountOncePerRunAndSyncedRecordsAreForgotten(TestDatabase db) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    DeferredRecordStore deferred = new DeferredRecordStore(db.freshJdbc(), clock);

    assertThat(deferred.defer("9130", SyncObject.INVOICE, TO_SF, "145", "Customer 58", "job-1", "run-1")).isEqualTo(1);
    assertThat(deferred.defer("9130", SyncObject.INVOICE, TO_SF, "145", "Customer 58", "job-1", "run-1")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    deferred.defer("9130", SyncObject.INVOICE, TO_SF, "146", "Item 3", "job-1", "run-1");
    assertThat(deferred.defer("9130", SyncObject.INVOICE, TO_SF, "145", "Customer 58, Item 3", "job-1", "run-2")).isEqualTo(2);

    assertThat(deferred.ids("9130", SyncObject.INVOICE, TO_SF, 10)).containsExactly("145", "146");
    assertThat(deferred.ids("9130", SyncObject.INVOICE, SyncDirection.SALESFORCE_TO_QBO, 10)).isEmpty();
    DeferredRecord record = deferred.find("9130", SyncObject.INVOICE, TO_SF, "145").orElseThrow();
    assertThat(record.missingParents()).isEqualTo("Customer 58, Item 3");
    assertThat(record.firstDeferredAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));

    assertThat(deferred.remove("9130", SyncObject.INVOICE, TO_SF, List.of("145", "999"))).isEqualTo(1);
    assertThat(deferred.list("9130", 10)).extracting(DeferredRecord::sourceId).containsExactly("146");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void preflightPassHoldsForTheSameMappingOnly(TestDatabase db) {
    PreflightStore passes = new PreflightStore(db.freshJdbc());

    passes.pass("job-1", SyncObject.CUSTOMER, TO_SF, "fingerprint-a");

    assertThat(passes.passed("job-1", SyncObject.CUSTOMER, TO_SF, "fingerprint-a")).isTrue();
    assertThat(passes.passed("job-1", SyncObject.CUSTOMER, TO_SF, "fingerprint-b")).isFalse();
    assertThat(passes.passed("job-2", SyncObject.CUSTOMER, TO_SF, "fingerprint-a")).isFalse();
    passes.pass("job-1", SyncObject.CUSTOMER, TO_SF, "fingerprint-b");
    assertThat(passes.passed("job-1", SyncObject.CUSTOMER, TO_SF, "fingerprint-b")).isTrue();
  }
}
