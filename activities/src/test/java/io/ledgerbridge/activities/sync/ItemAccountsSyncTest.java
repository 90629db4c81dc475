package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.PreflightRequest;
import io.ledgerbridge.workflows.sync.PreflightResult;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Products become items of the type their Family says, posting to the accounts the Item mapping names, found in
 * the company's chart of accounts with one read a run; an account the chart lacks is named by the preflight,
 * and the products that need it are listed as errors until it exists.
 */
class ItemAccountsSyncTest {
  static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  /** The item type by Family, as the default mapping's comment tells an admin to choose it. */
  static final String TYPE_BY_FAMILY =
      """
      mappings:
        - object: Item
          salesforceObject: Product2
          fields:
            - {qbo: Type, remove: true}
            - salesforce: Family
              qbo: Type
              direction: BOTH
              map: {Service: Service, Inventory: Hardware, NonInventory: Other, Category: Other}
              reverseMap: {Service: Service, Hardware: Inventory, Other: NonInventory}
              createOnly: true
      """;

  SyncHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void productsBecomeItemsOfEachTypeWithTheIdsOfTheAccountsNamedForIt() {
    h = new SyncHarness(1);
    h.mappings = Mappings.withOverride(TYPE_BY_FAMILY, "by-family.yaml");
    AtomicInteger accountQueries = countAccountQueries();
    String service = product("Bookkeeping Hour", "Service");
    String hardware = product("Steel Bracket", "Hardware");
    String other = product("Gift Wrapping", "Other");

    ObjectSyncResult result = h.sync(SyncObject.ITEM, TO_QBO);

    assertThat(result.counts().failed()).as("%s", result).isZero();
    assertThat(result.counts().created()).isGreaterThanOrEqualTo(3);
    assertThat(accountQueries.get()).as("the chart of accounts is read once a run").isEqualTo(1);
    ObjectNode serviceItem = itemOf(service);
    assertThat(serviceItem.get("Type").asText()).isEqualTo("Service");
    assertThat(serviceItem.at("/IncomeAccountRef/value").asText()).isEqualTo(accountId("Services"));
    ObjectNode otherItem = itemOf(other);
    assertThat(otherItem.get("Type").asText()).isEqualTo("NonInventory");
    assertThat(otherItem.at("/IncomeAccountRef/value").asText()).isEqualTo(accountId("Sales of Product Income"));
    ObjectNode inventoryItem = itemOf(hardware);
    assertThat(inventoryItem.get("Type").asText()).isEqualTo("Inventory");
    assertThat(inventoryItem.at("/IncomeAccountRef/value").asText()).isEqualTo(accountId("Sales of Product Income"));
    assertThat(inventoryItem.at("/ExpenseAccountRef/value").asText()).isEqualTo(accountId("Cost of Goods Sold"));
    assertThat(inventoryItem.at("/AssetAccountRef/value").asText()).isEqualTo(accountId("Inventory Asset"));
    assertThat(inventoryItem.get("TrackQtyOnHand").asBoolean()).isTrue();
    assertThat(inventoryItem.get("QtyOnHand").asInt()).isZero();
    assertThat(inventoryItem.get("InvStartDate").asText()).isNotBlank();

    h.personUpdates("Product2", service, SyncHarness.object("{\"Description\":\"One hour of bookkeeping\"}"));
    int queriesBefore = accountQueries.get();
    ObjectSyncResult update = h.sync(SyncObject.ITEM, TO_QBO);
    assertThat(update.counts().updated()).as("%s", update).isEqualTo(1);
    assertThat(accountQueries.get()).as("a run that creates no item reads no accounts").isEqualTo(queriesBefore);
  }

  @Test
  void aMissingOrWrongAccountIsNamedByThePreflightAndItsProductsAreErrorsUntilItIsFixed() {
    h = new SyncHarness(1);
    h.mappings = Mappings.withOverride(TYPE_BY_FAMILY + """
            itemAccounts:
              Inventory: {income: Sales of Product Income, expense: Cost of Goods Sold, asset: Warehouse Stock}
              NonInventory: {income: Checking}
        """, "missing-account.yaml");

    PreflightResult preflight = h.activity().preflight(new PreflightRequest(List.of(SyncObject.ITEM), TO_QBO, h.realmId));

    assertThat(preflight.ok()).isFalse();
    assertThat(preflight.problems()).extracting(PreflightResult.Problem::problem).containsExactlyInAnyOrder(
        "QuickBooks company " + h.realmId + " has no account named 'Warehouse Stock' (itemAccounts.Inventory.asset in"
            + " the Item mapping); create it in QuickBooks' chart of accounts as an Other Current Asset account, or"
            + " name an existing one in the mappings file",
        "account 'Checking' (itemAccounts.NonInventory.income in the Item mapping) is a Bank account in QuickBooks"
            + " company " + h.realmId + ", but the income account of NonInventory items must be an Income or Other"
            + " Income account; name one of that type");

    String service = product("Tax Advice", "Service");
    String hardware = product("Shelving Unit", "Hardware");
    String other = product("Gift Card", "Other");
    ObjectSyncResult result = h.sync(SyncObject.ITEM, TO_QBO);

    assertThat(result.counts().failed()).as("%s", result).isEqualTo(2);
    assertThat(itemOf(service).at("/IncomeAccountRef/value").asText()).isEqualTo(accountId("Services"));
    RecordError missing = h.stores.errors().findOpen(h.realmId, SyncObject.ITEM, TO_QBO, hardware).orElseThrow();
    assertThat(missing.message()).contains("no account named 'Warehouse Stock'");
    RecordError wrongType = h.stores.errors().findOpen(h.realmId, SyncObject.ITEM, TO_QBO, other).orElseThrow();
    assertThat(wrongType.message()).contains("'Checking'").contains("is a Bank account");

    h.qboPost("account", null, SyncHarness.object("{\"Name\":\"Warehouse Stock\",\"AccountType\":\"Other Current Asset\"}"));
    RecordSyncResult retried = h.syncRecords(SyncObject.ITEM, TO_QBO, List.of(hardware), null);

    assertThat(retried.counts().created()).as("%s", retried).isEqualTo(1);
    assertThat(itemOf(hardware).at("/AssetAccountRef/value").asText()).isEqualTo(accountId("Warehouse Stock"));
    assertThat(h.activity().preflight(new PreflightRequest(List.of(SyncObject.ITEM), TO_QBO, h.realmId)).problems())
        .extracting(PreflightResult.Problem::problem).noneMatch(problem -> problem.contains("Warehouse Stock"));
  }

  private String product(String name, String family) {
    return h.personCreates("Product2", SyncHarness.object("{\"Name\":\"" + name + "\",\"Family\":\"" + family
        + "\",\"IsActive\":true}"));
  }

  private ObjectNode itemOf(String productId) {
    String key = h.soql("SELECT QBO_Id__c FROM Product2 WHERE Id = '" + productId + "'").get(0).get("QBO_Id__c").asText();
    return h.qbo.read(h.realmId, "Item", key.substring(h.realmId.length() + 1));
  }

  private String accountId(String name) {
    return h.qbo.queryAll(h.realmId, "Account", "WHERE Name = '" + name + "'").get(0).get("Id").asText();
  }

  /** Counts the queries of the chart of accounts (the sync's, and this test's own), passing them on. */
  private AtomicInteger countAccountQueries() {
    AtomicInteger queries = new AtomicInteger();
    h.fault(chain -> {
      String query = chain.request().url().queryParameter("query");
      if (query != null && query.toLowerCase(Locale.ROOT).contains("from account")) {
        queries.incrementAndGet();
      }
      return null;
    });
    return queries;
  }
}
