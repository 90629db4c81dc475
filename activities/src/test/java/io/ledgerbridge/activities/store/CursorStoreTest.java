package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CursorStoreTest {

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void cursorIsKeptPerCompanyObjectAndDirection(TestDatabase db) {
    CursorStore cursors = new CursorStore(db.freshJdbc());
    assertThat(cursors.find("1", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE)).isEmpty();

    cursors.save("1", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, "2015-07-01T10:14:15-07:00");
    cursors.save("1", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, "2015-07-02T10:14:15-07:00");
    cursors.save("1", SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE, "item-cursor");
    cursors.save("2", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, "other-company");

    assertThat(cursors.find("1", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE))
        .contains("2015-07-02T10:14:15-07:00");
    assertThat(cursors.find("1", SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO)).isEmpty();
    assertThat(cursors.find("1", SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE)).contains("item-cursor");

    cursors.reset("1", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE);
    assertThat(cursors.find("1", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE)).isEmpty();
    assertThat(cursors.find("2", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE)).contains("other-company");
  }
}
