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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every line type Intuit documents on a sales form arrives in Salesforce as a line record with its type: item lines,
 * bundles with the item lines inside them (each naming its bundle), subtotals, description-only lines and discounts,
 * keyed by QuickBooks' own line ids; a form whose lines do not add up to its total is synced and named in the run's
 * note. From Salesforce, a form's lines are written in the forms QuickBooks takes (item, description-only,
 * discount), and a line QuickBooks would refuse is a record error saying why.
 */
class SalesFormLinesSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject INVOICE = SyncObject.INVOICE;
  private static final SyncObject CREDIT_MEMO = SyncObject.require("CreditMemo");
  private static final SyncObject SALES_RECEIPT = SyncObject.require("SalesReceipt");

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void anInvoiceWithEveryLineTypeArrivesLineByLineAddsUpAndARerunWritesNothing() {
    String customerId = qboCustomer("Every Line Cafe");
    String cups = qboItem("Cups", 2.5);
    String beans = qboItem("Beans", 12);
    String kit = qboBundle("Coffee Kit", cups, 2, beans, 1);
    syncCustomersAndItems();
    ObjectNode body = form(customerId);
    ArrayNode lines = body.putArray("Line");
    lines.add(salesLine(cups, 4, 2.5));
    lines.add(bundleLine(kit, 1));
    lines.addObject().put("DetailType", "SubTotalLineDetail").putObject("SubTotalLineDetail");
    lines.addObject().put("DetailType", "DescriptionOnly").put("Description", "Delivered on Tuesday");
    lines.addObject().put("DetailType", "DiscountLineDetail").put("Amount", 7).putObject("DiscountLineDetail")
        .put("PercentBased", false);
    JsonNode invoice = h.qboPost("invoice", null, body).get("Invoice");
    String invoiceId = invoice.get("Id").asText();
    assertThat(invoice.get("TotalAmt").decimalValue()).as("10 + a kit of 17 - 7").isEqualByComparingTo("20");

    ObjectSyncResult created = h.sync(INVOICE, TO_SF);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    assertThat(created.note()).as("its lines add up").isNull();
    String key = h.externalId(invoiceId);
    String invoiceRecord = salesforceId("Invoice__c", key);
    Map<String, ObjectNode> byKey = lines("Invoice_Line__c", "Invoice__c", invoiceRecord);
    assertThat(byKey.keySet()).as("QuickBooks' own line ids, the bundle's inner lines included; its own subtotal left out")
        .containsExactly(key + "-1", key + "-2", key + "-3", key + "-4", key + "-5", key + "-6", key + "-7");
    assertLine(byKey.get(key + "-1"), "Item", "10", null);
    assertThat(byKey.get(key + "-1").get("Product__c").asText()).isEqualTo(salesforceId("Product2", h.externalId(cups)));
    assertLine(byKey.get(key + "-2"), "Bundle", "17", "Coffee Kit");
    assertLine(byKey.get(key + "-3"), "Item", "5", "Coffee Kit");
    assertThat(byKey.get(key + "-3").get("Product__c").asText()).isEqualTo(salesforceId("Product2", h.externalId(cups)));
    assertThat(byKey.get(key + "-3").get("Quantity__c").decimalValue()).isEqualByComparingTo("2");
    assertLine(byKey.get(key + "-4"), "Item", "12", "Coffee Kit");
    assertLine(byKey.get(key + "-5"), "Subtotal", "27", null);
    assertLine(byKey.get(key + "-6"), "Description", "0", null);
    assertThat(byKey.get(key + "-6").get("Description__c").asText()).isEqualTo("Delivered on Tuesday");
    assertThat(byKey.get(key + "-6").get("Product__c").isNull()).isTrue();
    assertLine(byKey.get(key + "-7"), "Discount", "7", null);
    assertThat(byKey.get(key + "-7").get("Percent_Based__c").asBoolean()).isFalse();

    h.writes.clear();
    ObjectSyncResult rerun = h.sync(INVOICE, TO_SF);
    assertThat(rerun.counts().created() + rerun.counts().updated()).as("%s", rerun).isZero();
    assertThat(h.writes).as("a rerun writes nothing").isEmpty();

    h.qboChange("Invoice", invoiceId, update -> update.put("PrivateNote", "Called to confirm"));
    ObjectSyncResult changed = h.sync(INVOICE, TO_SF);
    assertThat(changed.counts().updated() + changed.counts().unchanged()).as("%s", changed).isEqualTo(1);
    assertThat(lines("Invoice_Line__c", "Invoice__c", invoiceRecord).keySet()).as("the same keys after a change")
        .isEqualTo(byKey.keySet());
  }

  @Test
  void aFormWhoseLinesDoNotAddUpToItsTotalIsSyncedAndNamedInTheRunsNote() {
    String customerId = qboCustomer("Big Discount Co");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems();
    ObjectNode body = form(customerId);
    body.putArray("Line").add(salesLine(cups, 4, 2.5))
        .addObject().put("DetailType", "DiscountLineDetail").put("Amount", 15).putObject("DiscountLineDetail");
    JsonNode receipt = h.qboPost("salesreceipt", null, body).get("SalesReceipt");
    assertThat(receipt.get("TotalAmt").decimalValue()).as("QuickBooks takes no total below zero").isEqualByComparingTo("0");

    ObjectSyncResult synced = h.sync(SALES_RECEIPT, TO_SF);

    assertThat(synced.counts().created()).as("synced all the same: %s", synced).isEqualTo(1);
    assertThat(synced.note()).isEqualTo("1 record(s) with a note, by source id: " + receipt.get("Id").asText()
        + ": its lines come to -5.00 (items less discounts), its total is 0.00");
    assertThat(lines("Sales_Receipt_Line__c", "Sales_Receipt__c",
        salesforceId("Sales_Receipt__c", h.externalId(receipt.get("Id").asText())))).hasSize(2);
  }

  @Test
  void aCreditMemoMadeInSalesforceWritesItsDescriptionAndDiscountLinesInQuickBooksForms() {
    String customerId = qboCustomer("Refund Roasters");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems();
    String memo = h.personCreates("Credit_Memo__c", SyncHarness.JSON.createObjectNode().put("Name", "Goodwill")
        .put("Account__c", salesforceId("Account", h.externalId(customerId))).put("Credit_Date__c", "2026-11-20"));
    h.personCreates("Credit_Memo_Line__c", line(memo).put("Product__c", salesforceId("Product2", h.externalId(cups)))
        .put("Quantity__c", 4).put("Unit_Price__c", 2.5).put("Amount__c", 10));
    h.personCreates("Credit_Memo_Line__c", line(memo).put("Description__c", "For the late delivery"));
    h.personCreates("Credit_Memo_Line__c", line(memo).put("Line_Type__c", "Discount").put("Amount__c", 3));

    ObjectSyncResult created = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    ObjectNode inQuickBooks = h.qboAll("CreditMemo").get(0);
    List<String> types = new ArrayList<>();
    inQuickBooks.get("Line").forEach(l -> types.add(l.get("DetailType").asText()));
    assertThat(types.subList(0, 3)).containsExactlyInAnyOrder("SalesItemLineDetail", "DescriptionOnly", "DiscountLineDetail");
    JsonNode description = lineOfType(inQuickBooks, "DescriptionOnly");
    assertThat(description.get("Description").asText()).isEqualTo("For the late delivery");
    assertThat(description.get("Amount").decimalValue()).isEqualByComparingTo("0");
    assertThat(description.has("SalesItemLineDetail")).isFalse();
    assertThat(lineOfType(inQuickBooks, "DiscountLineDetail").get("Amount").decimalValue()).isEqualByComparingTo("3");
    assertThat(inQuickBooks.get("TotalAmt").decimalValue()).isEqualByComparingTo("7");

    h.writes.clear();
    ObjectSyncResult rerun = h.sync(CREDIT_MEMO, TO_QBO);
    ObjectSyncResult back = h.sync(CREDIT_MEMO, TO_SF);
    assertThat(rerun.counts().created() + rerun.counts().updated() + back.counts().created() + back.counts().updated())
        .as("%s %s", rerun, back).isZero();
    assertThat(h.qboWrites()).as("no echo").isZero();
  }

  @Test
  void linesQuickBooksWouldRefuseAreListedAsErrorsNotDropped() {
    String customerId = qboCustomer("Odd Lines Co");
    String cups = qboItem("Cups", 2.5);
    syncCustomersAndItems();
    String account = salesforceId("Account", h.externalId(customerId));
    String product = salesforceId("Product2", h.externalId(cups));
    String bundle = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode().put("Name", "A bundle")
        .put("Account__c", account));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(bundle).put("Product__c", product).put("Amount__c", 5));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(bundle).put("Line_Type__c", "Bundle").put("Amount__c", 5));
    String noProduct = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode().put("Name", "No product")
        .put("Account__c", account));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(noProduct).put("Line_Type__c", "Item").put("Amount__c", 5));
    String amountWithoutProduct = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode()
        .put("Name", "Amount, no product").put("Account__c", account));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(amountWithoutProduct).put("Description__c", "Fee").put("Amount__c", 9));

    ObjectSyncResult refused = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(refused.counts().failed()).as("%s", refused).isEqualTo(3);
    assertThat(error(bundle).message()).contains("a GroupLineDetail line cannot be written to QuickBooks",
        "only item, description-only and discount lines can");
    assertThat(error(noProduct).message()).contains("an item line needs a product");
    assertThat(error(amountWithoutProduct).message()).contains("a line without a product has an amount (9.00)");
    assertThat(h.qboAll("SalesReceipt")).as("nothing half-written").isEmpty();
  }

  private RecordError error(String salesforceId) {
    RecordError error = h.stores.errors().findOpen(h.realmId, SALES_RECEIPT, TO_QBO, salesforceId).orElseThrow();
    assertThat(error.type()).isEqualTo(FailureType.VALIDATION);
    return error;
  }

  private static void assertLine(ObjectNode line, String type, String amount, String bundle) {
    assertThat(line.get("Line_Type__c").asText()).as("%s", line).isEqualTo(type);
    assertThat(line.get("Amount__c").decimalValue()).as("%s", line).isEqualByComparingTo(amount);
    if (bundle == null) {
      assertThat(line.get("Bundle__c").isNull()).as("%s", line).isTrue();
    } else {
      assertThat(line.get("Bundle__c").asText()).as("%s", line).isEqualTo(bundle);
    }
  }

  private static JsonNode lineOfType(JsonNode form, String type) {
    for (JsonNode line : form.get("Line")) {
      if (line.get("DetailType").asText().equals(type)) {
        return line;
      }
    }
    throw new AssertionError("no " + type + " line in " + form);
  }

  private void syncCustomersAndItems() {
    for (ObjectSyncResult result : h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM)) {
      assertThat(result.counts().failed() + result.counts().deferred()).as("%s", result).isZero();
    }
  }

  private static ObjectNode form(String customerId) {
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    return body;
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

  private String qboBundle(String name, String first, int firstQuantity, String second, int secondQuantity) {
    ObjectNode bundle = SyncHarness.JSON.createObjectNode().put("Name", name).put("Type", "Group");
    ArrayNode items = bundle.putObject("ItemGroupDetail").putArray("ItemGroupLine");
    items.addObject().put("Qty", firstQuantity).putObject("ItemRef").put("value", first);
    items.addObject().put("Qty", secondQuantity).putObject("ItemRef").put("value", second);
    return h.qboPost("item", null, bundle).at("/Item/Id").asText();
  }

  private static ObjectNode salesLine(String itemId, double quantity, double unitPrice) {
    ObjectNode line = SyncHarness.JSON.createObjectNode().put("DetailType", "SalesItemLineDetail")
        .put("Amount", quantity * unitPrice);
    ObjectNode detail = line.putObject("SalesItemLineDetail").put("Qty", quantity).put("UnitPrice", unitPrice);
    detail.putObject("ItemRef").put("value", itemId);
    return line;
  }

  private static ObjectNode bundleLine(String bundleId, int quantity) {
    ObjectNode line = SyncHarness.JSON.createObjectNode().put("DetailType", "GroupLineDetail");
    line.putObject("GroupLineDetail").put("Quantity", quantity).putObject("GroupItemRef").put("value", bundleId);
    return line;
  }

  private static ObjectNode line(String memo) {
    return SyncHarness.JSON.createObjectNode().put("Name", "line").put("Credit_Memo__c", memo);
  }

  private static ObjectNode receiptLine(String receipt) {
    return SyncHarness.JSON.createObjectNode().put("Name", "line").put("Sales_Receipt__c", receipt);
  }

  private Map<String, ObjectNode> lines(String lineObject, String parentField, String parentId) {
    return h.soql("SELECT QBO_Id__c, Line_Type__c, Bundle__c, Product__c, Description__c, Quantity__c, Amount__c,"
            + " Percent_Based__c, Discount_Percent__c FROM " + lineObject + " WHERE " + parentField + " = "
            + SalesforceClient.quote(parentId) + " ORDER BY Line_Number__c")
        .stream().sorted(java.util.Comparator.comparing(l -> Integer.parseInt(l.get("QBO_Id__c").asText()
            .substring(l.get("QBO_Id__c").asText().lastIndexOf('-') + 1))))
        .collect(Collectors.toMap(l -> l.get("QBO_Id__c").asText(), l -> l, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private String salesforceId(String sObjectType, String key) {
    List<ObjectNode> found = h.soql("SELECT Id FROM " + sObjectType + " WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the %s keyed %s", sObjectType, key).hasSize(1);
    return found.get(0).get("Id").asText();
  }
}
