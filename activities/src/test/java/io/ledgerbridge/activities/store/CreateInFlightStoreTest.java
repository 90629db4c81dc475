package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CreateInFlightStoreTest {
  static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aCreateIsClaimedOnceAndAnotherSyncsClaimLeavesTheFirstBatchItsRecords(TestDatabase db) {
    CreateInFlightStore inFlight = new CreateInFlightStore(db.freshJdbc());
    Map<String, String> first = new LinkedHashMap<>(Map.of("001A", "1"));
    first.put("001B", "2");
    Map<String, String> second = new LinkedHashMap<>(Map.of("001B", "1"));
    second.put("001C", "2");

    assertThat(inFlight.claim("9130", SyncObject.CUSTOMER, TO_QBO, "request-1", first)).isEmpty();
    assertThat(inFlight.claim("9130", SyncObject.CUSTOMER, TO_QBO, "request-2", second))
        .as("001B is the first batch's").containsExactly("001B");

    assertThat(inFlight.noted("9130", SyncObject.CUSTOMER, TO_QBO, List.of("001A", "001B", "001C")))
        .containsEntry("001B", new CreateInFlightStore.Note("001B", "request-1", "2"))
        .containsEntry("001C", new CreateInFlightStore.Note("001C", "request-2", "2"))
        .hasSize(3);
    inFlight.end("9130", SyncObject.CUSTOMER, TO_QBO, List.of("001B"));
    assertThat(inFlight.claim("9130", SyncObject.CUSTOMER, TO_QBO, "request-3", Map.of("001B", "1")))
        .as("once its link is saved, a create is no one's").isEmpty();
    assertThat(inFlight.claim("9130", SyncObject.ITEM, TO_QBO, "request-4", Map.of("001A", "1")))
        .as("another object's").isEmpty();
  }
}
