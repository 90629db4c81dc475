package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
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
 * Sales receipts come from the catalog and the default mappings alone: a QuickBooks SalesReceipt and its sales
 * lines are a {@code Sales_Receipt__c} with {@code Sales_Receipt_Line__c} records under it, linked to the
 * customer's Account and the items' Product2 records, both ways. A sales receipt is paid when it is made.
 */
class SalesReceiptSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject SALES_RECEIPT = SyncObject.require("SalesReceipt");

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aSalesReceiptReachesSalesforceWithItsLinesAndItsChangesFollow() {
    String customerId = qboCustomer("Harbor Cafe");
    String cups = qboItem("Cups", 2.5);
    String beans = qboItem("Beans", 12);
    syncCustomersAndItems(TO_SF);
    ObjectNode body = SyncHarness.JSON.createObjectNode().put("PrivateNote", "Paid in cash");
    body.putObject("CustomerRef").put("value", customerId);
    body.putObject("CustomerMemo").put("value", "Thanks for your visit");
    ArrayNode lines = body.putArray("Line");
    lines.add(salesLine(cups, 4, 2.5).put("Description", "Paper cups"));
    lines.add(salesLine(beans, 1, 12));
    JsonNode receipt = h.qboPost("salesreceipt", null, body).get("SalesReceipt");
    String receiptId = receipt.get("Id").asText();

    ObjectSyncResult created = h.sync(SALES_RECEIPT, TO_SF);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    ObjectNode record = salesReceipt(h.externalId(receiptId));
    assertThat(record.get("Name").asText()).isEqualTo("Sales Receipt " + receipt.get("DocNumber").asText());
    assertThat(record.get("Doc_Number__c").asText()).isEqualTo(receipt.get("DocNumber").asText());
    assertThat(record.get("Account__c").asText()).isEqualTo(salesforceId("Account", h.externalId(customerId)));
    assertThat(record.get("Receipt_Date__c").asText()).isEqualTo(receipt.get("TxnDate").asText());
    assertThat(record.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("22");
    assertThat(record.get("Status__c").asText()).as("paid when made").isEqualTo("Paid");
    assertThat(h.qboAll("Customer")).singleElement()
        .satisfies(customer -> assertThat(customer.get("Balance").decimalValue()).as("nothing owed").isEqualByComparingTo("0"));
    assertThat(record.get("Customer_Memo__c").asText()).isEqualTo("Thanks for your visit");
    assertThat(record.get("Private_Note__c").asText()).isEqualTo("Paid in cash");
    List<ObjectNode> salesforceLines = lines(record.get("Id").asText());
    assertThat(salesforceLines).extracting(line -> line.get("QBO_Id__c").asText())
        .containsExactly(h.externalId(receiptId) + "-1", h.externalId(receiptId) + "-2");
    ObjectNode first = salesforceLines.get(0);
    assertThat(first.get("Product__c").asText()).isEqualTo(salesforceId("Product2", h.externalId(cups)));
    assertThat(first.get("Description__c").asText()).isEqualTo("Paper cups");
    assertThat(first.get("Quantity__c").decimalValue()).isEqualByComparingTo("4");
    assertThat(first.get("Unit_Price__c").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(first.get("Amount__c").decimalValue()).isEqualByComparingTo("10");

    h.qboChange("SalesReceipt", receiptId, update -> update.putArray("Line").add(salesLine(beans, 3, 12)));
    ObjectSyncResult updated = h.sync(SALES_RECEIPT, TO_SF);

    assertThat(updated.counts().updated()).as("%s", updated).isEqualTo(1);
    assertThat(salesReceipt(h.externalId(receiptId)).get("Total_Amount__c").decimalValue()).isEqualByComparingTo("36");
    assertThat(lines(record.get("Id").asText())).singleElement().satisfies(line -> {
      assertThat(line.get("Product__c").asText()).isEqualTo(salesforceId("Product2", h.externalId(beans)));
      assertThat(line.get("Amount__c").decimalValue()).isEqualByComparingTo("36");
    });
    assertNothingMoreToWrite();
  }

  @Test
  void aSalesReceiptDeletedInQuickBooksStaysInSalesforceMarkedDeleted() {
    String customerId = qboCustomer("Gone Receipt Co");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    body.putArray("Line").add(salesLine(cups, 2, 2.5));
    String receiptId = h.qboPost("salesreceipt", null, body).at("/SalesReceipt/Id").asText();
    assertThat(h.sync(SALES_RECEIPT, TO_SF).counts().created()).isEqualTo(1);

    h.qboPost("salesreceipt", "operation=delete", SyncHarness.JSON.createObjectNode().put("Id", receiptId).put("SyncToken", "0"));
    h.sync(SALES_RECEIPT, TO_SF);

    ObjectNode record = salesReceipt(h.externalId(receiptId));
    assertThat(record.get("Status__c").asText()).isEqualTo("Deleted");
    assertThat(record.get("Total_Amount__c").decimalValue()).as("the record keeps what it was").isEqualByComparingTo("5");
  }

  @Test
  void aSalesReceiptMadeInSalesforceReachesQuickBooksAndGetsWhatQuickBooksDerives() {
    String customerId = qboCustomer("Bean Roasters");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    String account = salesforceId("Account", h.externalId(customerId));
    String product = salesforceId("Product2", h.externalId(cups));
    String receipt = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode().put("Name", "Counter sale")
        .put("Account__c", account).put("Receipt_Date__c", "2026-11-20").put("Private_Note__c", "Agreed on the phone"));
    String line = h.personCreates("Sales_Receipt_Line__c", receiptLine(receipt, product, 2, 2.5).put("Description__c", "Late"));

    ObjectSyncResult created = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    ObjectNode inQuickBooks = h.qboAll("SalesReceipt").get(0);
    assertThat(inQuickBooks.at("/CustomerRef/value").asText()).isEqualTo(customerId);
    assertThat(inQuickBooks.get("TxnDate").asText()).isEqualTo("2026-11-20");
    assertThat(inQuickBooks.get("PrivateNote").asText()).isEqualTo("Agreed on the phone");
    assertThat(inQuickBooks.get("TotalAmt").decimalValue()).isEqualByComparingTo("5");
    assertThat(inQuickBooks.at("/Line/0/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo(cups);
    assertThat(inQuickBooks.at("/Line/0/Description").asText()).isEqualTo("Late");
    ObjectNode record = h.soql("SELECT Name, QBO_Id__c, Doc_Number__c, Total_Amount__c, Status__c"
        + " FROM Sales_Receipt__c WHERE Id = " + SalesforceClient.quote(receipt)).get(0);
    String docNumber = inQuickBooks.get("DocNumber").asText();
    assertThat(record.get("QBO_Id__c").asText()).isEqualTo(h.externalId(inQuickBooks.get("Id").asText()));
    assertThat(record.get("Doc_Number__c").asText()).as("QuickBooks numbers sales receipts").isEqualTo(docNumber);
    assertThat(record.get("Name").asText()).isEqualTo("Sales Receipt " + docNumber);
    assertThat(record.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("5");
    assertThat(record.get("Status__c").asText()).isEqualTo("Paid");

    h.personUpdates("Sales_Receipt_Line__c", line, SyncHarness.JSON.createObjectNode().put("Quantity__c", 3).put("Amount__c", 7.5));
    ObjectSyncResult lineChanged = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(lineChanged.counts().updated()).as("a line alone changed: %s", lineChanged).isEqualTo(1);
    assertThat(h.qboAll("SalesReceipt").get(0).get("TotalAmt").decimalValue()).isEqualByComparingTo("7.5");

    h.personUpdates("Sales_Receipt__c", receipt, SyncHarness.JSON.createObjectNode().put("Private_Note__c", "Three, not two"));
    ObjectSyncResult headerChanged = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(headerChanged.counts().updated()).as("%s", headerChanged).isEqualTo(1);
    ObjectNode changed = h.qboAll("SalesReceipt").get(0);
    assertThat(changed.get("PrivateNote").asText()).isEqualTo("Three, not two");
    assertThat(changed.get("TotalAmt").decimalValue()).isEqualByComparingTo("7.5");
    assertThat(changed.get("DocNumber").asText()).isEqualTo(docNumber);
    assertNothingMoreToWrite();
  }

  @Test
  void aSalesReceiptWhoseCustomerIsMissingIsDeferredEitherWay() {
    String customerId = qboCustomer("Late Customer");
    String cups = qboItem("Cups", 2.5);
    ObjectSyncResult items = h.sync(SyncObject.ITEM, TO_SF);
    assertThat(items.counts().failed() + items.counts().deferred()).as("%s", items).isZero();
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    body.putArray("Line").add(salesLine(cups, 1, 2.5));
    String receiptId = h.qboPost("salesreceipt", null, body).at("/SalesReceipt/Id").asText();

    ObjectSyncResult deferred = h.sync(SALES_RECEIPT, TO_SF);

    assertThat(deferred.counts().deferred()).as("%s", deferred).isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, SALES_RECEIPT, TO_SF, receiptId).orElseThrow().missingParents())
        .contains("Customer " + customerId);
    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).isEqualTo(1);
    assertThat(salesReceipt(h.externalId(receiptId)).get("Account__c").asText())
        .as("retried once its customer synced").isEqualTo(salesforceId("Account", h.externalId(customerId)));
    assertThat(h.stores.deferred().find(h.realmId, SALES_RECEIPT, TO_SF, receiptId)).isEmpty();

    String unkeyedAccount = h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Not In QuickBooks"));
    String product = salesforceId("Product2", h.externalId(cups));
    String receipt = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode().put("Name", "Waiting")
        .put("Account__c", unkeyedAccount));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(receipt, product, 1, 2.5));

    ObjectSyncResult waiting = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(waiting.counts().deferred()).as("%s", waiting).isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, SALES_RECEIPT, TO_QBO, receipt).orElseThrow().missingParents())
        .contains("Customer " + unkeyedAccount);
    assertThat(h.qboAll("SalesReceipt")).hasSize(1);
  }

  @Test
  void salesReceiptsThatCannotBeCreatedAreListedWithTheirReasons() {
    String customerId = qboCustomer("Closed Account Co");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    String account = salesforceId("Account", h.externalId(customerId));
    String withoutLines = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode().put("Name", "No lines yet")
        .put("Account__c", account));
    String forInactiveCustomer = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode()
        .put("Name", "Too late").put("Account__c", account));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(forInactiveCustomer, salesforceId("Product2", h.externalId(cups)), 1, 2.5));
    h.qboChange("Customer", customerId, update -> update.put("Active", false));

    ObjectSyncResult refused = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(refused.counts().failed()).as("%s", refused).isEqualTo(2);
    RecordError noLines = h.stores.errors().findOpen(h.realmId, SALES_RECEIPT, TO_QBO, withoutLines).orElseThrow();
    assertThat(noLines.type()).isEqualTo(FailureType.VALIDATION);
    assertThat(noLines.message()).contains("has no Sales_Receipt_Line__c records", "needs at least one line");
    RecordError inactive = h.stores.errors().findOpen(h.realmId, SALES_RECEIPT, TO_QBO, forInactiveCustomer).orElseThrow();
    assertThat(inactive.type()).isEqualTo(FailureType.VALIDATION);
    assertThat(inactive.remoteCode()).as(inactive.message()).isEqualTo("610");
    assertThat(inactive.message()).contains("QuickBooks refused SalesReceipt create", "made inactive");
    assertThat(h.qboAll("SalesReceipt")).isEmpty();
  }

  /**
   * The README's override: won Opportunities from the web store become sales receipts (paid when won), the other won
   * ones invoices; sales receipts made in QuickBooks still reach Sales_Receipt__c, which names the Opportunity one
   * came from.
   */
  static final String WEB_DEALS_ARE_SALES_RECEIPTS = """
      mappings:
        - object: Invoice
          salesforceObject: Opportunity
          salesforceCondition: "IsWon = true AND LeadSource != 'Web'"
        - object: SalesReceipt
          salesforceObject: Sales_Receipt__c
          direction: QBO_TO_SALESFORCE
          originField: Opportunity__c
        - object: SalesReceipt
          direction: SALESFORCE_TO_QBO
          salesforceObject: Opportunity
          externalIdField: QBO_Id__c
          keyNamesEntity: true
          salesforceCondition: "IsWon = true AND LeadSource = 'Web'"
          conflictPolicy: QBO_WINS
          fields:
            - {salesforce: AccountId, qbo: CustomerRef.value, reference: Customer, required: true}
            - {salesforce: CloseDate, qbo: TxnDate, type: date}
            - {qbo: PrivateNote, template: "Salesforce opportunity {Name}", transforms: [truncate], qboLength: 4000}
          lines:
            salesforceObject: OpportunityLineItem
            parentField: OpportunityId
            qboPath: Line
            fields:
              - {salesforce: Product2Id, qbo: SalesItemLineDetail.ItemRef.value, reference: Item, required: true}
              - {salesforce: Quantity, qbo: SalesItemLineDetail.Qty, type: number}
              - {salesforce: UnitPrice, qbo: SalesItemLineDetail.UnitPrice, type: number}
              - {salesforce: TotalPrice, qbo: Amount, type: number, required: true}
              - {qbo: DetailType, constant: SalesItemLineDetail}
      """;

  @Test
  void aWonOpportunityBecomesASalesReceiptOrAnInvoiceAsTheMappingSaysNeverBoth() {
    h.mappings = Mappings.withOverride(WEB_DEALS_ARE_SALES_RECEIPTS, "web-deals.yaml");
    String customerId = qboCustomer("Pier Cafe");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    String account = salesforceId("Account", h.externalId(customerId));
    String entry = h.soql("SELECT Id FROM PricebookEntry WHERE Product2Id = "
        + SalesforceClient.quote(salesforceId("Product2", h.externalId(cups)))).get(0).get("Id").asText();
    String webDeal = wonDeal(account, entry, "Web", 8);
    String fieldDeal = wonDeal(account, entry, "Partner Referral", 40);
    List<SyncObject> toQuickBooks = List.of(SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE, SALES_RECEIPT);

    List<ObjectSyncResult> first = h.run(TO_QBO, toQuickBooks.toArray(SyncObject[]::new));

    assertThat(first.subList(2, 4)).allSatisfy(result -> {
      assertThat(result.counts().created()).as("%s", result).isEqualTo(1);
      assertThat(result.counts().failed() + result.counts().deferred()).as("%s", result).isZero();
    });
    JsonNode receipt = h.qboAll("SalesReceipt").get(0);
    assertThat(receipt.get("TotalAmt").decimalValue()).as("the web deal's 8 cups").isEqualByComparingTo("20");
    assertThat(receipt.get("Balance").decimalValue()).as("paid when made").isEqualByComparingTo("0");
    assertThat(h.qboAll("Invoice")).singleElement()
        .satisfies(invoice -> assertThat(invoice.get("TotalAmt").decimalValue()).isEqualByComparingTo("100"));
    assertThat(h.soql("SELECT Id, QBO_Id__c FROM Opportunity WHERE Id IN (" + SalesforceClient.quote(webDeal) + ", "
        + SalesforceClient.quote(fieldDeal) + ") ORDER BY Amount")).extracting(deal -> deal.get("QBO_Id__c").asText())
        .as("keys that never collide, though QuickBooks numbers sales receipts and invoices apart")
        .containsExactly(h.realmId + "-SalesReceipt-" + receipt.get("Id").asText(),
            h.realmId + "-" + h.qboAll("Invoice").get(0).get("Id").asText());

    ObjectSyncResult back = h.sync(SALES_RECEIPT, TO_SF);

    assertThat(back.counts().created()).as("the sales receipt comes back as a Sales_Receipt__c: %s", back).isEqualTo(1);
    assertThat(h.soql("SELECT Opportunity__c FROM Sales_Receipt__c WHERE QBO_Id__c = "
        + SalesforceClient.quote(h.realmId + "-" + receipt.get("Id").asText())))
        .extracting(record -> record.get("Opportunity__c").asText()).containsExactly(webDeal);
    h.writes.clear();
    List<ObjectSyncResult> reruns = new ArrayList<>(h.run(TO_QBO, toQuickBooks.toArray(SyncObject[]::new)));
    reruns.addAll(h.run(TO_SF, SALES_RECEIPT));
    assertThat(reruns).allSatisfy(rerun -> assertThat(rerun.counts().created() + rerun.counts().updated()
        + rerun.counts().failed()).as("%s", rerun).isZero());
    assertThat(h.writes).as("no deal made twice, no echo").isEmpty();
    assertThat(h.qboAll("SalesReceipt")).hasSize(1);
    assertThat(h.qboAll("Invoice")).hasSize(1);
  }

  @Test
  void aWonOpportunityBothMappingsTakeIsWrittenOnceByTheFirstAndLeftAloneByTheOther() {
    h.mappings = Mappings.withOverride(WEB_DEALS_ARE_SALES_RECEIPTS.replace("IsWon = true AND LeadSource != 'Web'", "IsWon = true"),
        "overlapping.yaml");
    String customerId = qboCustomer("Dock Cafe");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems(TO_SF);
    String entry = h.soql("SELECT Id FROM PricebookEntry WHERE Product2Id = "
        + SalesforceClient.quote(salesforceId("Product2", h.externalId(cups)))).get(0).get("Id").asText();
    wonDeal(salesforceId("Account", h.externalId(customerId)), entry, "Web", 4);

    List<ObjectSyncResult> runs = h.run(TO_QBO, SALES_RECEIPT, SyncObject.INVOICE);

    assertThat(runs.get(0).counts().created()).as("%s", runs.get(0)).isEqualTo(1);
    assertThat(runs.get(1).counts().created() + runs.get(1).counts().updated() + runs.get(1).counts().failed())
        .as("%s", runs.get(1)).isZero();
    assertThat(h.qboAll("SalesReceipt")).hasSize(1);
    assertThat(h.qboAll("Invoice")).as("the deal is the sales receipt's").isEmpty();
  }

  /** A won Opportunity of {@code quantity} of the product at its price, from a lead source; its id. */
  private String wonDeal(String account, String pricebookEntry, String leadSource, int quantity) {
    String deal = h.personCreates("Opportunity", SyncHarness.JSON.createObjectNode().put("Name", leadSource + " deal")
        .put("AccountId", account).put("StageName", "Closed Won").put("CloseDate", "2026-11-30").put("LeadSource", leadSource));
    h.personCreates("OpportunityLineItem", SyncHarness.JSON.createObjectNode().put("OpportunityId", deal)
        .put("PricebookEntryId", pricebookEntry).put("Quantity", quantity).put("TotalPrice", quantity * 2.5));
    return deal;
  }

  private void syncCustomersAndItems(SyncDirection direction) {
    for (ObjectSyncResult result : h.run(direction, SyncObject.CUSTOMER, SyncObject.ITEM)) {
      assertThat(result.counts().failed() + result.counts().deferred()).as("%s", result).isZero();
    }
  }

  /** After a sync both ways, neither direction has anything left to write: no echo, no repeat. */
  private void assertNothingMoreToWrite() {
    h.writes.clear();
    List<ObjectSyncResult> reruns = new ArrayList<>(h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SALES_RECEIPT));
    reruns.addAll(h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM, SALES_RECEIPT));
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

  private static ObjectNode receiptLine(String receipt, String product, double quantity, double unitPrice) {
    return SyncHarness.JSON.createObjectNode().put("Name", "line").put("Sales_Receipt__c", receipt).put("Product__c", product)
        .put("Quantity__c", quantity).put("Unit_Price__c", unitPrice).put("Amount__c", quantity * unitPrice);
  }

  private ObjectNode salesReceipt(String key) {
    List<ObjectNode> found = h.soql("SELECT Id, Name, Account__c, Doc_Number__c, Receipt_Date__c, Total_Amount__c,"
        + " Status__c, Customer_Memo__c, Private_Note__c FROM Sales_Receipt__c WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the Sales_Receipt__c keyed %s", key).hasSize(1);
    return found.get(0);
  }

  private List<ObjectNode> lines(String salesReceiptId) {
    return h.soql("SELECT QBO_Id__c, Product__c, Description__c, Quantity__c, Unit_Price__c, Amount__c FROM Sales_Receipt_Line__c"
        + " WHERE Sales_Receipt__c = " + SalesforceClient.quote(salesReceiptId) + " ORDER BY QBO_Id__c");
  }

  private String salesforceId(String sObjectType, String key) {
    List<ObjectNode> found = h.soql("SELECT Id FROM " + sObjectType + " WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the %s keyed %s", sObjectType, key).hasSize(1);
    return found.get(0).get("Id").asText();
  }
}
