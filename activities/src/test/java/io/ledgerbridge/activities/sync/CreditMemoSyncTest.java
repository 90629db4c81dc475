package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Credit memos come from the catalog and the default mappings alone: a QuickBooks CreditMemo and its sales
 * lines are a {@code Credit_Memo__c} with {@code Credit_Memo_Line__c} records under it, linked to the
 * customer's Account and the items' Product2 records, both ways.
 */
class CreditMemoSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject CREDIT_MEMO = SyncObject.require("CreditMemo");

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aCreditMemoReachesSalesforceWithItsLinesAndItsChangesFollow() {
    String customerId = qboCustomer("Harbor Cafe");
    String cups = qboItem("Cups", 2.5);
    String beans = qboItem("Beans", 12);
    syncCustomersAndItems(TO_SF);
    ObjectNode body = SyncHarness.JSON.createObjectNode().put("PrivateNote", "Broken delivery");
    body.putObject("CustomerRef").put("value", customerId);
    body.putObject("CustomerMemo").put("value", "Sorry about the cups");
    ArrayNode lines = body.putArray("Line");
    lines.add(salesLine(cups, 4, 2.5).put("Description", "Cracked cups"));
    lines.add(salesLine(beans, 1, 12));
    JsonNode memo = h.qboPost("creditmemo", null, body).get("CreditMemo");
    String memoId = memo.get("Id").asText();

    ObjectSyncResult created = h.sync(CREDIT_MEMO, TO_SF);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    ObjectNode record = creditMemo(h.externalId(memoId));
    assertThat(record.get("Name").asText()).isEqualTo("Credit Memo " + memo.get("DocNumber").asText());
    assertThat(record.get("Doc_Number__c").asText()).isEqualTo(memo.get("DocNumber").asText());
    assertThat(record.get("Account__c").asText()).isEqualTo(salesforceId("Account", h.externalId(customerId)));
    assertThat(record.get("Credit_Date__c").asText()).isEqualTo(memo.get("TxnDate").asText());
    assertThat(record.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("22");
    assertThat(record.get("Balance__c").decimalValue()).as("remaining credit").isEqualByComparingTo("22");
    assertThat(record.get("Status__c").asText()).isEqualTo("Open");
    assertThat(record.get("Customer_Memo__c").asText()).isEqualTo("Sorry about the cups");
    assertThat(record.get("Private_Note__c").asText()).isEqualTo("Broken delivery");
    List<ObjectNode> salesforceLines = lines(record.get("Id").asText());
    assertThat(salesforceLines).extracting(line -> line.get("QBO_Id__c").asText())
        .containsExactly(h.externalId(memoId) + "-1", h.externalId(memoId) + "-2");
    ObjectNode first = salesforceLines.get(0);
    assertThat(first.get("Product__c").asText()).isEqualTo(salesforceId("Product2", h.externalId(cups)));
    assertThat(first.get("Description__c").asText()).isEqualTo("Cracked cups");
    assertThat(first.get("Quantity__c").decimalValue()).isEqualByComparingTo("4");
    assertThat(first.get("Unit_Price__c").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(first.get("Amount__c").decimalValue()).isEqualByComparingTo("10");

    h.qboChange("CreditMemo", memoId, update -> update.putArray("Line").add(salesLine(beans, 3, 12)));
    ObjectSyncResult updated = h.sync(CREDIT_MEMO, TO_SF);

    assertThat(updated.counts().updated()).as("%s", updated).isEqualTo(1);
    assertThat(creditMemo(h.externalId(memoId)).get("Total_Amount__c").decimalValue()).isEqualByComparingTo("36");
    assertThat(lines(record.get("Id").asText())).singleElement().satisfies(line -> {
      assertThat(line.get("Product__c").asText()).isEqualTo(salesforceId("Product2", h.externalId(beans)));
      assertThat(line.get("Amount__c").decimalValue()).isEqualByComparingTo("36");
    });
    assertNothingMoreToWrite();
  }

  @Test
  void aCreditMemoDeletedInQuickBooksStaysInSalesforceMarkedDeletedWithNoCredit() {
    String customerId = qboCustomer("Gone Credit Co");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    body.putArray("Line").add(salesLine(cups, 2, 2.5));
    String memoId = h.qboPost("creditmemo", null, body).at("/CreditMemo/Id").asText();
    assertThat(h.sync(CREDIT_MEMO, TO_SF).counts().created()).isEqualTo(1);

    h.qboPost("creditmemo", "operation=delete", SyncHarness.JSON.createObjectNode().put("Id", memoId).put("SyncToken", "0"));
    h.sync(CREDIT_MEMO, TO_SF);

    ObjectNode record = creditMemo(h.externalId(memoId));
    assertThat(record.get("Status__c").asText()).isEqualTo("Deleted");
    assertThat(record.get("Balance__c").decimalValue()).isEqualByComparingTo("0");
  }

  @Test
  void aCreditMemoMadeInSalesforceReachesQuickBooksAndGetsWhatQuickBooksDerives() {
    String customerId = qboCustomer("Bean Roasters");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    String account = salesforceId("Account", h.externalId(customerId));
    String product = salesforceId("Product2", h.externalId(cups));
    String memo = h.personCreates("Credit_Memo__c", SyncHarness.JSON.createObjectNode().put("Name", "Goodwill")
        .put("Account__c", account).put("Credit_Date__c", "2026-11-20").put("Private_Note__c", "Agreed on the phone"));
    String line = h.personCreates("Credit_Memo_Line__c", creditLine(memo, product, 2, 2.5).put("Description__c", "Late"));

    ObjectSyncResult created = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    ObjectNode inQuickBooks = h.qboAll("CreditMemo").get(0);
    assertThat(inQuickBooks.at("/CustomerRef/value").asText()).isEqualTo(customerId);
    assertThat(inQuickBooks.get("TxnDate").asText()).isEqualTo("2026-11-20");
    assertThat(inQuickBooks.get("PrivateNote").asText()).isEqualTo("Agreed on the phone");
    assertThat(inQuickBooks.get("TotalAmt").decimalValue()).isEqualByComparingTo("5");
    assertThat(inQuickBooks.at("/Line/0/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo(cups);
    assertThat(inQuickBooks.at("/Line/0/Description").asText()).isEqualTo("Late");
    ObjectNode record = h.soql("SELECT Name, QBO_Id__c, Doc_Number__c, Total_Amount__c, Balance__c, Status__c"
        + " FROM Credit_Memo__c WHERE Id = " + SalesforceClient.quote(memo)).get(0);
    String docNumber = inQuickBooks.get("DocNumber").asText();
    assertThat(record.get("QBO_Id__c").asText()).isEqualTo(h.externalId(inQuickBooks.get("Id").asText()));
    assertThat(record.get("Doc_Number__c").asText()).as("QuickBooks numbers credit memos").isEqualTo(docNumber);
    assertThat(record.get("Name").asText()).isEqualTo("Credit Memo " + docNumber);
    assertThat(record.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("5");
    assertThat(record.get("Status__c").asText()).isEqualTo("Open");

    h.personUpdates("Credit_Memo_Line__c", line, SyncHarness.JSON.createObjectNode().put("Quantity__c", 3).put("Amount__c", 7.5));
    ObjectSyncResult lineChanged = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(lineChanged.counts().updated()).as("a line alone changed: %s", lineChanged).isEqualTo(1);
    assertThat(h.qboAll("CreditMemo").get(0).get("TotalAmt").decimalValue()).isEqualByComparingTo("7.5");

    h.personUpdates("Credit_Memo__c", memo, SyncHarness.JSON.createObjectNode().put("Private_Note__c", "Three, not two"));
    ObjectSyncResult headerChanged = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(headerChanged.counts().updated()).as("%s", headerChanged).isEqualTo(1);
    ObjectNode changed = h.qboAll("CreditMemo").get(0);
    assertThat(changed.get("PrivateNote").asText()).isEqualTo("Three, not two");
    assertThat(changed.get("TotalAmt").decimalValue()).isEqualByComparingTo("7.5");
    assertThat(changed.get("DocNumber").asText()).isEqualTo(docNumber);
    assertNothingMoreToWrite();
  }

  @Test
  void aCreditMemoWhoseCustomerIsMissingIsDeferredEitherWay() {
    String customerId = qboCustomer("Late Customer");
    String cups = qboItem("Cups", 2.5);
    ObjectSyncResult items = h.sync(SyncObject.ITEM, TO_SF);
    assertThat(items.counts().failed() + items.counts().deferred()).as("%s", items).isZero();
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    body.putArray("Line").add(salesLine(cups, 1, 2.5));
    String memoId = h.qboPost("creditmemo", null, body).at("/CreditMemo/Id").asText();

    ObjectSyncResult deferred = h.sync(CREDIT_MEMO, TO_SF);

    assertThat(deferred.counts().deferred()).as("%s", deferred).isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, CREDIT_MEMO, TO_SF, memoId).orElseThrow().missingParents())
        .contains("Customer " + customerId);
    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).isEqualTo(1);
    assertThat(creditMemo(h.externalId(memoId)).get("Account__c").asText())
        .as("retried once its customer synced").isEqualTo(salesforceId("Account", h.externalId(customerId)));
    assertThat(h.stores.deferred().find(h.realmId, CREDIT_MEMO, TO_SF, memoId)).isEmpty();

    String unkeyedAccount = h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Not In QuickBooks"));
    String product = salesforceId("Product2", h.externalId(cups));
    String memo = h.personCreates("Credit_Memo__c", SyncHarness.JSON.createObjectNode().put("Name", "Waiting")
        .put("Account__c", unkeyedAccount));
    h.personCreates("Credit_Memo_Line__c", creditLine(memo, product, 1, 2.5));

    ObjectSyncResult waiting = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(waiting.counts().deferred()).as("%s", waiting).isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, CREDIT_MEMO, TO_QBO, memo).orElseThrow().missingParents())
        .contains("Customer " + unkeyedAccount);
    assertThat(h.qboAll("CreditMemo")).hasSize(1);
  }

  @Test
  void creditMemosThatCannotBeCreatedAreListedWithTheirReasons() {
    String customerId = qboCustomer("Closed Account Co");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    String account = salesforceId("Account", h.externalId(customerId));
    String withoutLines = h.personCreates("Credit_Memo__c", SyncHarness.JSON.createObjectNode().put("Name", "No lines yet")
        .put("Account__c", account));
    String forInactiveCustomer = h.personCreates("Credit_Memo__c", SyncHarness.JSON.createObjectNode()
        .put("Name", "Too late").put("Account__c", account));
    h.personCreates("Credit_Memo_Line__c", creditLine(forInactiveCustomer, salesforceId("Product2", h.externalId(cups)), 1, 2.5));
    h.qboChange("Customer", customerId, update -> update.put("Active", false));

    ObjectSyncResult refused = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(refused.counts().failed()).as("%s", refused).isEqualTo(2);
    RecordError noLines = h.stores.errors().findOpen(h.realmId, CREDIT_MEMO, TO_QBO, withoutLines).orElseThrow();
    assertThat(noLines.type()).isEqualTo(FailureType.VALIDATION);
    assertThat(noLines.message()).contains("has no Credit_Memo_Line__c records", "needs at least one line");
    RecordError inactive = h.stores.errors().findOpen(h.realmId, CREDIT_MEMO, TO_QBO, forInactiveCustomer).orElseThrow();
    assertThat(inactive.type()).isEqualTo(FailureType.VALIDATION);
    assertThat(inactive.remoteCode()).as(inactive.message()).isEqualTo("610");
    assertThat(inactive.message()).contains("QuickBooks refused CreditMemo create", "made inactive");
    assertThat(h.qboAll("CreditMemo")).isEmpty();
  }

  private void syncCustomersAndItems(SyncDirection direction) {
    for (ObjectSyncResult result : h.run(direction, SyncObject.CUSTOMER, SyncObject.ITEM)) {
      assertThat(result.counts().failed() + result.counts().deferred()).as("%s", result).isZero();
    }
  }

  /** After a sync both ways, neither direction has anything left to write: no echo, no repeat. */
  private void assertNothingMoreToWrite() {
    h.writes.clear();
    List<ObjectSyncResult> reruns = new ArrayList<>(h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, CREDIT_MEMO));
    reruns.addAll(h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM, CREDIT_MEMO));
    assertThat(reruns).allSatisfy(rerun -> {
      assertThat(rerun.counts().failed()).as("%s", rerun).isZero();
      assertThat(rerun.counts().created() + rerun.counts().updated()).as("%s", rerun).isZero();
    });
    assertThat(h.writes).as("no echo either way").isEmpty();
  }

  private String qboCustomer(String name) {
    return h.qboPost("customer", null, SyncHarness.JSON.createObjectNode().put("DisplayName", name))
        .at("/Customer/Id").asText();
  }

  private String qboItem(String name, double price) {
    ObjectNode item = SyncHarness.JSON.createObjectNode().put("Name", name).put("Type", "Service").put("UnitPrice", price);
    item.putObject("IncomeAccountRef").put("value", "1");
    return h.qboPost("item", null, item).at("/Item/Id").asText();
  }

  private static ObjectNode salesLine(String itemId, double quantity, double unitPrice) {
    ObjectNode line = SyncHarness.JSON.createObjectNode().put("DetailType", "SalesItemLineDetail")
        .put("Amount", quantity * unitPrice);
    ObjectNode detail = line.putObject("SalesItemLineDetail").put("Qty", quantity).put("UnitPrice", unitPrice);
    detail.putObject("ItemRef").put("value", itemId);
    return line;
  }

  private static ObjectNode creditLine(String memo, String product, double quantity, double unitPrice) {
    return SyncHarness.JSON.createObjectNode().put("Name", "line").put("Credit_Memo__c", memo).put("Product__c", product)
        .put("Quantity__c", quantity).put("Unit_Price__c", unitPrice).put("Amount__c", quantity * unitPrice);
  }

  private ObjectNode creditMemo(String key) {
    List<ObjectNode> found = h.soql("SELECT Id, Name, Account__c, Doc_Number__c, Credit_Date__c, Total_Amount__c, Balance__c,"
        + " Status__c, Customer_Memo__c, Private_Note__c FROM Credit_Memo__c WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the Credit_Memo__c keyed %s", key).hasSize(1);
    return found.get(0);
  }

  private List<ObjectNode> lines(String creditMemoId) {
    return h.soql("SELECT QBO_Id__c, Product__c, Description__c, Quantity__c, Unit_Price__c, Amount__c FROM Credit_Memo_Line__c"
        + " WHERE Credit_Memo__c = " + SalesforceClient.quote(creditMemoId) + " ORDER BY QBO_Id__c");
  }

  private String salesforceId(String sObjectType, String key) {
    List<ObjectNode> found = h.soql("SELECT Id FROM " + sObjectType + " WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the %s keyed %s", sObjectType, key).hasSize(1);
    return found.get(0).get("Id").asText();
  }
}
