package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.store.CursorStore.Cursor;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CursorStoreTest {
  static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void cursorIsKeptPerCompanyObjectAndDirectionWithTheLastRecordDoneAtItsInstant(TestDatabase db) {
    CursorStore cursors = new CursorStore(db.freshJdbc());
    assertThat(cursors.find("1", SyncObject.CUSTOMER, TO_SF)).isEmpty();

    cursors.save("1", SyncObject.CUSTOMER, TO_SF, new Cursor("2015-07-01T10:14:15-07:00", null));
    cursors.save("1", SyncObject.CUSTOMER, TO_SF, new Cursor("2015-07-02T10:14:15-07:00", null));
    cursors.save("1", SyncObject.ITEM, TO_SF, new Cursor("item-cursor", null));
    cursors.save("2", SyncObject.CUSTOMER, TO_SF, new Cursor("other-company", null));
    cursors.save("1", SyncObject.CUSTOMER, TO_QBO, new Cursor("2026-12-04T10:00:00.000Z", "001Hs00000000AbIAI"));

    assertThat(cursors.find("1", SyncObject.CUSTOMER, TO_SF)).contains(new Cursor("2015-07-02T10:14:15-07:00", null));
    assertThat(cursors.find("1", SyncObject.CUSTOMER, TO_QBO))
        .contains(new Cursor("2026-12-04T10:00:00.000Z", "001Hs00000000AbIAI"));
    assertThat(cursors.find("1", SyncObject.ITEM, TO_SF)).contains(new Cursor("item-cursor", null));
    cursors.save("1", SyncObject.CUSTOMER, TO_QBO, new Cursor("2026-12-04T10:05:00.000Z", null));
    assertThat(cursors.find("1", SyncObject.CUSTOMER, TO_QBO)).as("a cursor without a last record forgets the old one")
        .contains(new Cursor("2026-12-04T10:05:00.000Z", null));

    cursors.reset("1", SyncObject.CUSTOMER, TO_SF);
    assertThat(cursors.find("1", SyncObject.CUSTOMER, TO_SF)).isEmpty();
    assertThat(cursors.find("2", SyncObject.CUSTOMER, TO_SF)).contains(new Cursor("other-company", null));
  }
}
