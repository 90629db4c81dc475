package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.DeferredRecord;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A QuickBooks payment applied to several invoices and credit memos is a {@code Payment__c} with one
 * {@code Payment_Line__c} per transaction it applies to, linked to that {@code Invoice__c} or
 * {@code Credit_Memo__c} with the amount applied.
 */
class PaymentSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncObject CREDIT_MEMO = SyncObject.require("CreditMemo");

  SyncHarness h = new SyncHarness(0);
  String customerId;
  String firstInvoice;
  String secondInvoice;
  String creditMemo;

  @BeforeEach
  void aCustomerWithTwoInvoicesAndACreditMemo() {
    customerId = h.qboPost("customer", null, SyncHarness.JSON.createObjectNode().put("DisplayName", "Harbor Cafe"))
        .at("/Customer/Id").asText();
    ObjectNode item = SyncHarness.JSON.createObjectNode().put("Name", "Beans").put("Type", "Service").put("UnitPrice", 10);
    item.putObject("IncomeAccountRef").put("value", "1");
    String itemId = h.qboPost("item", null, item).at("/Item/Id").asText();
    firstInvoice = h.qboPost("invoice", null, form(itemId, 100)).at("/Invoice/Id").asText();
    secondInvoice = h.qboPost("invoice", null, form(itemId, 50)).at("/Invoice/Id").asText();
    creditMemo = h.qboPost("creditmemo", null, form(itemId, 40)).at("/CreditMemo/Id").asText();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aPaymentAppliedToTwoInvoicesAndACreditMemoHasALineForEachAndAChangeOfApplicationFollows() {
    syncAll();
    String paymentId = h.qboPost("payment", null, payment(95,
        applied(firstInvoice, "Invoice", 100), applied(secondInvoice, "Invoice", 25), applied(creditMemo, "CreditMemo", 30)))
        .at("/Payment/Id").asText();

    ObjectSyncResult created = h.sync(SyncObject.PAYMENT, TO_SF);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    String paymentRecord = salesforceId("Payment__c", h.externalId(paymentId));
    List<ObjectNode> lines = lines(paymentRecord);
    assertThat(lines).extracting(line -> line.get("QBO_Id__c").asText()).containsExactly(
        lineKey(paymentId, "CreditMemo", creditMemo), lineKey(paymentId, "Invoice", firstInvoice),
        lineKey(paymentId, "Invoice", secondInvoice));
    assertLine(lines.get(0), null, salesforceId("Credit_Memo__c", h.externalId(creditMemo)), "30");
    assertLine(lines.get(1), salesforceId("Invoice__c", h.externalId(firstInvoice)), null, "100");
    assertLine(lines.get(2), salesforceId("Invoice__c", h.externalId(secondInvoice)), null, "25");
    assertThat(lines.get(1).get("Name").asText()).isEqualTo("Payment #" + paymentId + " to Invoice #" + firstInvoice);
    String creditLineId = lines.get(0).get("Id").asText();

    h.qboChange("Payment", paymentId, update -> {
      update.put("TotalAmt", 80);
      update.set("Line", SyncHarness.JSON.createArrayNode()
          .add(applied(firstInvoice, "Invoice", 100)).add(applied(creditMemo, "CreditMemo", 20)));
    });
    ObjectSyncResult changed = h.sync(SyncObject.PAYMENT, TO_SF);

    assertThat(changed.counts().updated()).as("%s", changed).isEqualTo(1);
    List<ObjectNode> after = lines(paymentRecord);
    assertThat(after).extracting(line -> line.get("QBO_Id__c").asText())
        .as("the second invoice's line is removed").containsExactly(
            lineKey(paymentId, "CreditMemo", creditMemo), lineKey(paymentId, "Invoice", firstInvoice));
    assertThat(after.get(0).get("Id").asText()).as("the same line, updated").isEqualTo(creditLineId);
    assertThat(after.get(0).get("Amount_Applied__c").decimalValue()).isEqualByComparingTo("20");
    assertThat(after.get(1).get("Amount_Applied__c").decimalValue()).isEqualByComparingTo("100");

    h.writes.clear();
    ObjectSyncResult rerun = h.sync(SyncObject.PAYMENT, TO_SF);
    assertThat(rerun.counts().created() + rerun.counts().updated() + rerun.counts().failed()).as("%s", rerun).isZero();
    assertThat(h.salesforceWrites()).as("Salesforce writes of the rerun: %s", h.writes).isZero();
  }

  @Test
  void aPaymentWhoseCreditMemoIsNotSyncedIsDeferredThenSyncedWhenTheCreditMemosHaveRun() {
    for (ObjectSyncResult result : h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE)) {
      assertThat(result.counts().failed() + result.counts().deferred()).as("%s", result).isZero();
    }
    String paymentId = h.qboPost("payment", null, payment(0,
        applied(secondInvoice, "Invoice", 40), applied(creditMemo, "CreditMemo", 40))).at("/Payment/Id").asText();

    ObjectSyncResult waiting = h.sync(SyncObject.PAYMENT, TO_SF);

    assertThat(waiting.counts().deferred()).as("%s", waiting).isEqualTo(1);
    assertThat(h.soql("SELECT Id FROM Payment__c")).as("never written with a missing link").isEmpty();
    DeferredRecord deferred = h.stores.deferred().find(h.realmId, SyncObject.PAYMENT, TO_SF, paymentId).orElseThrow();
    assertThat(deferred.missingParents()).contains("CreditMemo " + creditMemo);

    ObjectSyncResult memos = h.sync(CREDIT_MEMO, TO_SF);

    assertThat(memos.counts().failed()).as("%s", memos).isZero();
    String paymentRecord = salesforceId("Payment__c", h.externalId(paymentId));
    List<ObjectNode> lines = lines(paymentRecord);
    assertThat(lines).hasSize(2);
    assertLine(lines.get(0), null, salesforceId("Credit_Memo__c", h.externalId(creditMemo)), "40");
    assertLine(lines.get(1), salesforceId("Invoice__c", h.externalId(secondInvoice)), null, "40");
    assertThat(h.stores.deferred().list(h.realmId, 100)).isEmpty();
  }

  private void syncAll() {
    for (ObjectSyncResult result : h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE, CREDIT_MEMO)) {
      assertThat(result.counts().failed() + result.counts().deferred()).as("%s", result).isZero();
    }
  }

  private ObjectNode form(String itemId, double amount) {
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    ObjectNode line = body.putArray("Line").addObject().put("DetailType", "SalesItemLineDetail").put("Amount", amount);
    ObjectNode detail = line.putObject("SalesItemLineDetail").put("Qty", amount / 10).put("UnitPrice", 10);
    detail.putObject("ItemRef").put("value", itemId);
    return body;
  }

  private ObjectNode payment(double total, ObjectNode... lines) {
    ObjectNode body = SyncHarness.JSON.createObjectNode().put("TotalAmt", total);
    body.putObject("CustomerRef").put("value", customerId);
    ArrayNode array = body.putArray("Line");
    for (ObjectNode line : lines) {
      array.add(line);
    }
    return body;
  }

  private static ObjectNode applied(String txnId, String txnType, double amount) {
    ObjectNode line = SyncHarness.JSON.createObjectNode().put("Amount", amount);
    line.putArray("LinkedTxn").addObject().put("TxnId", txnId).put("TxnType", txnType);
    return line;
  }

  private String lineKey(String paymentId, String txnType, String txnId) {
    return h.externalId(paymentId) + "-" + txnType + "-" + txnId;
  }

  private static void assertLine(JsonNode line, String invoice, String creditMemo, String amount) {
    assertThat(line.get("Invoice__c").isNull() ? null : line.get("Invoice__c").asText()).isEqualTo(invoice);
    assertThat(line.get("Credit_Memo__c").isNull() ? null : line.get("Credit_Memo__c").asText()).isEqualTo(creditMemo);
    assertThat(line.get("Amount_Applied__c").decimalValue()).isEqualByComparingTo(amount);
  }

  private List<ObjectNode> lines(String paymentRecord) {
    return h.soql("SELECT Id, Name, QBO_Id__c, Invoice__c, Credit_Memo__c, Amount_Applied__c FROM Payment_Line__c"
        + " WHERE Payment__c = " + SalesforceClient.quote(paymentRecord) + " ORDER BY QBO_Id__c");
  }

  private String salesforceId(String sObjectType, String key) {
    List<ObjectNode> found = h.soql("SELECT Id FROM " + sObjectType + " WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the %s keyed %s", sObjectType, key).hasSize(1);
    return found.get(0).get("Id").asText();
  }
}
