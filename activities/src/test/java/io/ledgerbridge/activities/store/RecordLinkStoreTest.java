package io.ledgerbridge.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordLinkStoreTest {
  private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

  private static RecordLink link(String qboId, String hash) {
    return new RecordLink(
        "9130", SyncObject.CUSTOMER, qboId, "001xx000003DGb2AAG", "5", hash, SyncDirection.QBO_TO_SALESFORCE, AT);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void linkIsStoredThenReplaced(TestDatabase db) {
    RecordLinkStore links = new RecordLinkStore(db.freshJdbc());

    links.save(link("1", "hash-a"));
    links.save(link("1", "hash-b"));

    RecordLink stored = links.find("9130", SyncObject.CUSTOMER, "1").orElseThrow();
    assertThat(stored.contentHash()).isEqualTo("hash-b");
    assertThat(stored.salesforceId()).isEqualTo("001xx000003DGb2AAG");
    assertThat(stored.qboSyncToken()).isEqualTo("5");
    assertThat(stored.syncedAt()).isEqualTo(AT);
    assertThat(links.find("9130", SyncObject.ITEM, "1")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void manyLinksAreFoundAtOnceBeyondOneInList(TestDatabase db) {
    RecordLinkStore links = new RecordLinkStore(db.freshJdbc());
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 1_100; i++) {
      ids.add(Integer.toString(i));
      if (i % 10 == 0) {
        links.save(link(Integer.toString(i), "h" + i));
      }
    }

    Map<String, RecordLink> found = links.findAll("9130", SyncObject.CUSTOMER, ids);

    assertThat(found).hasSize(110);
    assertThat(found.get("1000").contentHash()).isEqualTo("h1000");
    assertThat(found).doesNotContainKey("999").containsKey("1100");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void oneQuickBooksRecordHasALinkPerSalesforceObjectFoundByEitherId(TestDatabase db) {
    RecordLinkStore links = new RecordLinkStore(db.freshJdbc());
    Instant modstamp = AT.plusMillis(250);
    links.save(new RecordLink("9130", SyncObject.INVOICE, "145", "Invoice__c", "a01000000000001AAA", "2", "h1", modstamp,
        SyncDirection.QBO_TO_SALESFORCE, AT, null, false));
    links.save(new RecordLink("9130", SyncObject.INVOICE, "145", "Opportunity", "006000000000001AAA", "1", "h2", null,
        SyncDirection.SALESFORCE_TO_QBO, AT, null, false));

    assertThat(links.find("9130", SyncObject.INVOICE, "Opportunity", "145").orElseThrow().salesforceId())
        .isEqualTo("006000000000001AAA");
    assertThat(links.find("9130", SyncObject.INVOICE, "145").orElseThrow().salesforceObject())
        .as("the default object first").isEqualTo("Invoice__c");
    assertThat(links.findBySalesforceIds("9130", SyncObject.INVOICE, "Invoice__c", List.of("a01000000000001AAA", "x")))
        .containsOnlyKeys("a01000000000001AAA")
        .satisfies(found -> assertThat(found.get("a01000000000001AAA").salesforceModstamp()).isEqualTo(modstamp));
    assertThat(links.count("9130", SyncObject.INVOICE, "Opportunity")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void linksMarkedForResyncForgetTheirContentAndGoingToQuickBooksSalesforcesVersion(TestDatabase db) {
    RecordLinkStore links = new RecordLinkStore(db.freshJdbc());
    Instant modstamp = AT.plusSeconds(5);
    for (String qboId : List.of("1", "2", "3")) {
      links.save(new RecordLink("9130", SyncObject.CUSTOMER, qboId, "Account", "00100000000000" + qboId + "AAA", "7", "h" + qboId,
          modstamp, SyncDirection.QBO_TO_SALESFORCE, AT, null, false));
    }

    links.markForResync("9130", SyncObject.CUSTOMER, "Account", SyncDirection.QBO_TO_SALESFORCE, List.of("1"));
    links.markForResync("9130", SyncObject.CUSTOMER, "Account", SyncDirection.SALESFORCE_TO_QBO, List.of("2"));

    List<RecordLink> all = new ArrayList<>();
    links.forEach("9130", SyncObject.CUSTOMER, "Account", all::add);
    assertThat(all).hasSize(3);
    RecordLink toSalesforce = links.find("9130", SyncObject.CUSTOMER, "Account", "1").orElseThrow();
    assertThat(toSalesforce.contentHash()).isEqualTo(RecordLink.RESYNC);
    assertThat(toSalesforce.qboSyncToken()).isEqualTo("7");
    assertThat(toSalesforce.salesforceModstamp()).as("what is known of Salesforce stays").isEqualTo(modstamp);
    RecordLink toQuickBooks = links.find("9130", SyncObject.CUSTOMER, "Account", "2").orElseThrow();
    assertThat(toQuickBooks.contentHash()).isEqualTo(RecordLink.RESYNC);
    assertThat(toQuickBooks.salesforceModstamp()).as("Salesforce counts as changed").isEqualTo(Instant.EPOCH);
    assertThat(toQuickBooks.qboSyncToken()).isEqualTo("7");
    assertThat(links.find("9130", SyncObject.CUSTOMER, "Account", "3").orElseThrow().contentHash()).isEqualTo("h3");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aSyncsFinishedWritesSavedAfterAMomentAreFoundByItsName(TestDatabase db) {
    RecordLinkStore links = new RecordLinkStore(db.freshJdbc());
    String sync = "run-1/activity-2";
    links.saveAll(List.of(
        written("1", "h1", AT, sync),
        written("2", "h2", AT.plusMillis(1), sync),
        written("3", RecordLink.UNFINISHED, AT.plusMillis(2), sync),
        written("4", RecordLink.DELETED, AT.plusMillis(2), sync),
        written("5", "h5", AT.plusMillis(2), "run-1/activity-3")));

    assertThat(links.writtenBy("9130", SyncObject.CUSTOMER, "Account", sync, AT)).extracting(RecordLink::qboId)
        .as("after the moment, finished, by that sync").containsExactly("2");
    assertThat(links.writtenBy("9130", SyncObject.CUSTOMER, "Account", sync, Instant.EPOCH)).extracting(RecordLink::qboId)
        .containsExactlyInAnyOrder("1", "2");
    assertThat(links.writtenBy("9130", SyncObject.CUSTOMER, "Contact", sync, Instant.EPOCH)).isEmpty();
  }

  private static RecordLink written(String qboId, String hash, Instant at, String writer) {
    return new RecordLink("9130", SyncObject.CUSTOMER, qboId, "Account", "00100000000000" + qboId + "AAA", "7", hash, null,
        SyncDirection.SALESFORCE_TO_QBO, at, writer, true);
  }
}
