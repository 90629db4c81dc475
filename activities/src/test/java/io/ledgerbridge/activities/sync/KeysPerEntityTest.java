package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.MappingFileException;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two QuickBooks entities in one Salesforce object: QuickBooks ids are unique per entity only, so
 * Customer 1 and Item 1 both exist, and their Accounts must not share a key. Items are mapped to
 * Account here (not their default Product2), so their keys name the entity; customers keep theirs.
 */
class KeysPerEntityTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final String ITEMS_AS_ACCOUNTS = """
      mappings:
        - object: Item
          salesforceObject: Product2
          direction: SALESFORCE_TO_QBO
          fields:
            - {salesforce: Family, remove: true}
        - object: Item
          direction: QBO_TO_SALESFORCE
          salesforceObject: Account
          externalIdField: QBO_Id__c
          qboCondition: "Active IN (true, false)"
          fields:
            - {salesforce: Name, qbo: Name, required: true, transforms: [trim, truncate], length: 255}
      """;

  SyncHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void twoObjectsKeyedTheSameWayInOneSalesforceObjectAreRefusedWhenTheMappingsLoad() {
    String bothInThings = """
        mappings:
          - {object: Customer, salesforceObject: Account, direction: QBO_TO_SALESFORCE}
          - object: Customer
            direction: SALESFORCE_TO_QBO
            salesforceObject: Thing__c
            externalIdField: QBO_Id__c
            fields:
              - {salesforce: Name, qbo: DisplayName, required: true}
          - object: Item
            salesforceObject: Product2
            direction: SALESFORCE_TO_QBO
            fields:
              - {salesforce: Family, remove: true}
          - object: Item
            direction: QBO_TO_SALESFORCE
            salesforceObject: Thing__c
            externalIdField: QBO_Id__c
            fields:
              - {salesforce: Name, qbo: Name, required: true}
        """;

    assertThatThrownBy(() -> Mappings.withOverride(bothInThings, "things.yaml"))
        .isInstanceOf(MappingFileException.class)
        .hasMessageContaining("things.yaml, line 16")
        .hasMessageContaining("Item and Customer")
        .hasMessageContaining("would both key Thing__c records {realmId}-{Id}")
        .hasMessageContaining("map one of them to another Salesforce object, or give the one added later keyNamesEntity: true");
  }

  @Test
  void aMappingThatSaysItsKeysNameTheEntitySharesAnObjectWithOneKeyedById() {
    String receiptsBesideInvoices = SalesReceiptSyncTest.WEB_DEALS_ARE_SALES_RECEIPTS;
    assertThat(Mappings.withOverride(receiptsBesideInvoices, "web-deals.yaml")
        .require(SyncObject.require("SalesReceipt"), SyncDirection.SALESFORCE_TO_QBO).key("9130", "7"))
        .isEqualTo("9130-SalesReceipt-7");

    assertThatThrownBy(() -> Mappings.withOverride(receiptsBesideInvoices.replace("keyNamesEntity: true", ""),
        "web-deals.yaml"))
        .isInstanceOf(MappingFileException.class)
        .hasMessageContaining("SalesReceipt and Invoice")
        .hasMessageContaining("would both key Opportunity records {realmId}-{Id}");
  }

  @Test
  void aCustomerAndAnItemWithTheSameIdGetTwoAccountsAndNeitherIsTakenForTheOther() {
    h = new SyncHarness(3);
    h.mappings = Mappings.withOverride(ITEMS_AS_ACCOUNTS, "items-as-accounts.yaml");
    ObjectNode customer = h.qboAll("Customer").get(0);
    String id = customer.path("Id").asText();
    ObjectNode item = h.qbo.read(h.realmId, "Item", id);

    h.sync(SyncObject.CUSTOMER, TO_SF);
    ObjectSyncResult items = h.sync(SyncObject.ITEM, TO_SF);

    assertThat(items.counts().failed()).isZero();
    assertThat(items.counts().created()).isEqualTo(h.qboAll("Item").size());
    assertThat(names(h.externalId(id))).containsExactly(customer.path("DisplayName").asText());
    assertThat(names(h.realmId + "-Item-" + id)).containsExactly(item.path("Name").asText());

    h.writes.clear();
    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).isZero();
    assertThat(h.sync(SyncObject.ITEM, TO_SF).counts().created()).isZero();
    assertThat(h.salesforceWrites()).as("reruns write nothing").isZero();

    // To QuickBooks, the Item's Account is no Customer's: Customer 1 keeps its name.
    ObjectSyncResult back = h.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);

    assertThat(back.counts().failed()).isZero();
    assertThat(back.counts().created() + back.counts().updated()).isZero();
    assertThat(h.qbo.read(h.realmId, "Customer", id).path("DisplayName").asText())
        .isEqualTo(customer.path("DisplayName").asText());
    assertThat(h.qboWrites()).isZero();
  }

  /** Links written by a version whose keys did not name the entity, on both databases: no migration is needed. */
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void anAccountKeyedTheEarlierWayIsGivenItsNewKeyNotDuplicated(TestDatabase database) {
    h = new SyncHarness(3, database);
    h.mappings = Mappings.withOverride(ITEMS_AS_ACCOUNTS, "items-as-accounts.yaml");
    ObjectNode item = h.qboAll("Item").get(4);
    String itemId = item.path("Id").asText();
    // What a version whose keys did not name the entity wrote: the Account, keyed {realmId}-{Id}, and its link.
    String account = h.personCreates("Account", SyncHarness.JSON.createObjectNode()
        .put("Name", item.path("Name").asText()).put("QBO_Id__c", h.externalId(itemId)));
    h.stores.links().save(new RecordLink(h.realmId, SyncObject.ITEM, itemId, "Account", account, "0", "written-earlier",
        null, TO_SF, Instant.parse("2026-11-01T00:00:00Z"), null, false));

    ObjectSyncResult items = h.sync(SyncObject.ITEM, TO_SF);

    assertThat(items.counts().failed()).isZero();
    List<ObjectNode> accounts = h.soql("SELECT Id, QBO_Id__c FROM Account WHERE Name = "
        + SalesforceClient.quote(item.path("Name").asText()));
    assertThat(accounts).hasSize(1);
    assertThat(accounts.get(0).path("Id").asText()).isEqualTo(account);
    assertThat(accounts.get(0).path("QBO_Id__c").asText()).isEqualTo(h.realmId + "-Item-" + itemId);
  }

  private List<String> names(String key) {
    return h.soql("SELECT Name FROM Account WHERE QBO_Id__c = " + SalesforceClient.quote(key)).stream()
        .map(a -> a.path("Name").asText()).toList();
  }
}
