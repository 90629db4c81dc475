package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record deleted in Salesforce does to its QuickBooks record what its mapping's {@code onSalesforceDelete}
 * says, found by scheduled runs (queryAll) and by notifications naming it, each reported once; and a field
 * emptied on one side is emptied on the other.
 */
class SalesforceDeletesTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject SALES_RECEIPT = SyncObject.require("SalesReceipt");
  private static final SyncObject CREDIT_MEMO = SyncObject.require("CreditMemo");

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void byDefaultACustomerIsLeftInQuickBooksAndTheDeleteIsReportedOnce() {
    String account = syncedAccount("Left Alone Ltd");
    String customerId = customerOf(account);

    personDeletes(account);
    ObjectSyncResult run = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(run.counts().unchanged()).as("reported: %s", run).isEqualTo(1);
    assertThat(run.counts().updated() + run.counts().failed()).as("%s", run).isZero();
    assertThat(h.qbo.read(h.realmId, "Customer", customerId).get("Active").asBoolean()).isTrue();
    assertThat(h.sync(SyncObject.CUSTOMER, TO_QBO).counts().unchanged()).as("not reported again").isZero();
    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).as("the Account is not made again").isZero();
  }

  @Test
  void inactivateMakesTheCustomerInactiveAndTheAccountIsNotMadeAgain() {
    h.mappings = policy("Customer", "Account", "INACTIVATE");
    String account = syncedAccount("Closing Down Co");
    String customerId = customerOf(account);

    personDeletes(account);
    ObjectSyncResult run = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(run.counts().updated()).as("%s", run).isEqualTo(1);
    assertThat(h.qbo.read(h.realmId, "Customer", customerId).get("Active").asBoolean()).isFalse();
    h.writes.clear();
    ObjectSyncResult back = h.sync(SyncObject.CUSTOMER, TO_SF);
    assertThat(back.counts().created() + back.counts().updated()).as("%s", back).isZero();
    assertThat(h.salesforceWrites()).as("the deleted Account is not made again").isZero();
    assertThat(h.soql("SELECT Id FROM Account WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(customerId))))
        .isEmpty();
    assertThat(h.sync(SyncObject.CUSTOMER, TO_QBO).counts().updated()).as("done once").isZero();
  }

  @Test
  void voidVoidsTheSalesReceipt() {
    h.mappings = policy("SalesReceipt", "Sales_Receipt__c", "VOID");
    String receiptId = salesReceiptInBoth("Void Me Cafe");
    String record = salesforceId("Sales_Receipt__c", h.externalId(receiptId));

    personDeletes(record);
    ObjectSyncResult run = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(run.counts().updated()).as("%s", run).isEqualTo(1);
    ObjectNode voided = h.qbo.read(h.realmId, "SalesReceipt", receiptId);
    assertThat(voided.get("TotalAmt").decimalValue()).isZero();
    assertThat(voided.get("PrivateNote").asText()).isEqualTo("Voided");
    assertThat(h.sync(SALES_RECEIPT, TO_SF).counts().created()).as("not made again").isZero();
  }

  @Test
  void deleteDeletesTheCreditMemoAndARefusalBecomesAnError() {
    h.mappings = policy("CreditMemo", "Credit_Memo__c", "DELETE");
    String customerId = qboCustomer("Credit Co");
    String item = qboItem("Widget", 10);
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM);
    String memoId = h.qboPost("creditmemo", null, form(customerId, item)).at("/CreditMemo/Id").asText();
    assertThat(h.sync(CREDIT_MEMO, TO_SF).counts().created()).isEqualTo(1);
    h.sync(CREDIT_MEMO, TO_QBO);
    String record = salesforceId("Credit_Memo__c", h.externalId(memoId));

    personDeletes(record);
    ObjectSyncResult run = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(run.counts().updated()).as("%s", run).isEqualTo(1);
    assertThat(h.qboAll("CreditMemo")).isEmpty();
  }

  @Test
  void aReceiptChangedInQuickBooksWhileTheDeleteGoesIsReadAgainAndDeleted() {
    h.mappings = policy("SalesReceipt", "Sales_Receipt__c", "DELETE");
    String receiptId = salesReceiptInBoth("Changed Meanwhile Cafe");
    String record = salesforceId("Sales_Receipt__c", h.externalId(receiptId));
    AtomicBoolean changed = h.rightAfterOnce(request -> request.url().encodedPath().endsWith("/query")
            && String.valueOf(request.url().queryParameter("query")).contains("SalesReceipt"),
        () -> h.qboChange("SalesReceipt", receiptId, update -> update.put("PrivateNote", "changed meanwhile")));

    personDeletes(record);
    ObjectSyncResult run = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(changed).as("changed after the sync read it").isTrue();
    assertThat(run.counts().updated()).as("%s", run).isEqualTo(1);
    assertThat(h.qboAll("SalesReceipt")).isEmpty();
  }

  @Test
  void aDeleteQuickBooksRefusesIsListedAsAnErrorAndARetryDoesIt() {
    h.mappings = policy("SalesReceipt", "Sales_Receipt__c", "DELETE");
    String receiptId = salesReceiptInBoth("Refused Cafe");
    String record = salesforceId("Sales_Receipt__c", h.externalId(receiptId));
    AtomicBoolean refused = new AtomicBoolean();
    h.fault(chain -> {
      Request request = chain.request();
      if (request.url().encodedPath().endsWith("/batch") && SyncHarness.bodyText(request).contains("\"operation\":\"delete\"")
          && refused.compareAndSet(false, true)) {
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
            .body(ResponseBody.create("{\"BatchItemResponse\":[{\"bId\":\"1\",\"Fault\":{\"type\":\"ValidationFault\","
                + "\"Error\":[{\"code\":\"6000\",\"Message\":\"A business validation error has occurred\","
                + "\"Detail\":\"Business Validation Error: the books are closed for this date\"}]}}]}",
                MediaType.get("application/json")))
            .build();
      }
      return null;
    });

    personDeletes(record);
    ObjectSyncResult run = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(run.counts().failed()).as("%s", run).isEqualTo(1);
    assertThat(h.qboAll("SalesReceipt")).hasSize(1);
    RecordError error = h.stores.errors().findOpen(h.realmId, SALES_RECEIPT, TO_QBO, record).orElseThrow();
    assertThat(error.message()).contains("deleted in Salesforce").contains("could not be deleted in QuickBooks")
        .contains("the books are closed");

    RecordSyncResult retried = h.syncRecords(SALES_RECEIPT, TO_QBO, List.of(record), null);

    assertThat(retried.outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.kind()).isEqualTo(RecordOutcome.Kind.UPDATED);
      assertThat(outcome.message()).isEqualTo("deleted in Salesforce; deleted in QuickBooks");
    });
    assertThat(h.qboAll("SalesReceipt")).isEmpty();
  }

  @Test
  void aNotificationNamingADeletedAccountDoesTheSame() {
    h.mappings = policy("Customer", "Account", "INACTIVATE");
    String account = syncedAccount("Notified Gone Inc");
    String customerId = customerOf(account);
    personDeletes(account);

    RecordSyncResult result = h.syncRecords(SyncObject.CUSTOMER, TO_QBO, List.of(account), null);

    assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.kind()).isEqualTo(RecordOutcome.Kind.UPDATED);
      assertThat(outcome.message()).isEqualTo("deleted in Salesforce; made inactive in QuickBooks");
    });
    assertThat(h.qbo.read(h.realmId, "Customer", customerId).get("Active").asBoolean()).isFalse();
    assertThat(h.syncRecords(SyncObject.CUSTOMER, TO_QBO, List.of(account), null).outcomes())
        .singleElement().satisfies(outcome -> assertThat(outcome.kind()).as("reported once").isEqualTo(RecordOutcome.Kind.NOT_FOUND));
    assertThat(h.sync(SyncObject.CUSTOMER, TO_QBO).counts().updated()).as("the run finds it done").isZero();
  }

  @Test
  void aFieldEmptiedInSalesforceIsClearedInQuickBooksAndWhatTheMappingDoesNotOwnStays() {
    String account = h.personCreates("Account", SyncHarness.object(
        "{\"Name\":\"Emptied Ltd\",\"Phone\":\"(303) 555-0199\",\"Website\":\"https://emptied.example\","
            + "\"BillingStreet\":\"1 Main St.\\nSuite 4\",\"BillingCity\":\"Denver\"}"));
    h.sync(SyncObject.CUSTOMER, TO_QBO);
    String customerId = customerOf(account);
    h.qboChange("Customer", customerId, update -> update.put("CompanyName", "Kept In QuickBooks"));
    h.sync(SyncObject.CUSTOMER, TO_SF);

    h.personUpdates("Account", account, SyncHarness.object(
        "{\"Phone\":null,\"BillingStreet\":\"1 Main St.\",\"BillingCity\":\"\"}"));
    ObjectSyncResult run = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(run.counts().updated()).as("%s", run).isEqualTo(1);
    ObjectNode customer = h.qbo.read(h.realmId, "Customer", customerId);
    assertThat(customer.has("PrimaryPhone")).as("%s", customer).isFalse();
    assertThat(customer.at("/BillAddr/Line1").asText()).isEqualTo("1 Main St.");
    assertThat(customer.at("/BillAddr").has("Line2")).as("the street's second line went").isFalse();
    assertThat(customer.at("/BillAddr").has("City")).isFalse();
    assertThat(customer.at("/WebAddr/URI").asText()).isEqualTo("https://emptied.example");
    assertThat(customer.get("CompanyName").asText()).as("not the mapping's").isEqualTo("Kept In QuickBooks");
    h.writes.clear();
    assertThat(h.sync(SyncObject.CUSTOMER, TO_QBO).counts().updated()).isZero();
    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().updated()).as("no echo").isZero();
    assertThat(h.writes).isEmpty();
  }

  @Test
  void aFieldEmptiedInQuickBooksBecomesNullInSalesforce() {
    ObjectNode body = SyncHarness.JSON.createObjectNode().put("DisplayName", "Cleared Phone Co");
    body.putObject("PrimaryPhone").put("FreeFormNumber", "(303) 555-0142");
    body.putObject("WebAddr").put("URI", "https://cleared.example");
    String customerId = h.qboPost("customer", null, body).at("/Customer/Id").asText();
    h.sync(SyncObject.CUSTOMER, TO_SF);

    h.qboChange("Customer", customerId, update -> update.putObject("PrimaryPhone").put("FreeFormNumber", ""));
    assertThat(h.qbo.read(h.realmId, "Customer", customerId).has("PrimaryPhone")).as("QuickBooks cleared it").isFalse();
    ObjectSyncResult run = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(run.counts().updated()).as("%s", run).isEqualTo(1);
    ObjectNode account = h.soql("SELECT Phone, Website FROM Account WHERE QBO_Id__c = "
        + SalesforceClient.quote(h.externalId(customerId))).get(0);
    assertThat(account.get("Phone").isNull()).as("%s", account).isTrue();
    assertThat(account.get("Website").asText()).isEqualTo("https://cleared.example");
  }

  // ---- helpers ----

  private static Mappings policy(String object, String salesforceObject, String policy) {
    return Mappings.withOverride("mappings:\n  - object: " + object + "\n    salesforceObject: " + salesforceObject
        + "\n    onSalesforceDelete: " + policy + "\n", "deletes.yaml");
  }

  /** An Account synced to QuickBooks, with the Customer direction's cursor set; returns its id. */
  private String syncedAccount(String name) {
    String account = h.personCreates("Account", SyncHarness.object("{\"Name\":\"" + name + "\"}"));
    assertThat(h.sync(SyncObject.CUSTOMER, TO_QBO).counts().created()).isEqualTo(1);
    return account;
  }

  private String customerOf(String account) {
    String key = h.soql("SELECT QBO_Id__c FROM Account WHERE Id = " + SalesforceClient.quote(account)).get(0)
        .get("QBO_Id__c").asText();
    return key.substring(key.lastIndexOf('-') + 1);
  }

  private void personDeletes(String id) {
    SaveResult deleted = h.people.deleteAll(List.of(id)).get(0);
    assertThat(deleted.success()).as("%s", deleted.errors()).isTrue();
  }

  /** A QuickBooks sales receipt synced to Salesforce, with the opposite direction's cursor set; returns its id. */
  private String salesReceiptInBoth(String customerName) {
    String customerId = qboCustomer(customerName);
    String item = qboItem("Cups", 2.5);
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM);
    String receiptId = h.qboPost("salesreceipt", null, form(customerId, item)).at("/SalesReceipt/Id").asText();
    assertThat(h.sync(SALES_RECEIPT, TO_SF).counts().created()).isEqualTo(1);
    h.sync(SALES_RECEIPT, TO_QBO);
    return receiptId;
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

  private static ObjectNode form(String customerId, String itemId) {
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    ObjectNode line = body.putArray("Line").addObject().put("DetailType", "SalesItemLineDetail").put("Amount", 5);
    ObjectNode detail = line.putObject("SalesItemLineDetail").put("Qty", 2).put("UnitPrice", 2.5);
    detail.putObject("ItemRef").put("value", itemId);
    return body;
  }

  private String salesforceId(String sObjectType, String key) {
    List<ObjectNode> found = h.soql("SELECT Id FROM " + sObjectType + " WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the %s keyed %s", sObjectType, key).hasSize(1);
    return found.get(0).get("Id").asText();
  }
}
