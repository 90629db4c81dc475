package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.store.DeferredRecord;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.PreflightResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every object from QuickBooks to Salesforce against the sandbox: links, counts, reruns, deferrals, deletes. */
class QboToSalesforceSyncTest {
  static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;

  SyncHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  Map<String, ObjectNode> byExternalId(String soql) {
    return h.soql(soql).stream().collect(Collectors.toMap(r -> r.get("QBO_Id__c").asText(), Function.identity()));
  }

  static String id(JsonNode record) {
    return record.get("Id").asText();
  }

  @Test
  void everyObjectReachesSalesforceWithEveryLinkRightAndARerunWritesNothing() {
    h = new SyncHarness(6);
    List<ObjectNode> customers = h.qboAll("Customer");
    List<ObjectNode> items = h.qboAll("Item");
    List<ObjectNode> invoices = h.qboAll("Invoice");
    List<ObjectNode> creditMemos = h.qboAll("CreditMemo");
    List<ObjectNode> payments = h.qboAll("Payment");
    assertThat(invoices).isNotEmpty();
    assertThat(payments).as("one applies a credit memo").anySatisfy(payment ->
        assertThat(payment.findValuesAsText("TxnType")).contains("CreditMemo"));

    List<ObjectSyncResult> results = h.run(TO_SF, SyncHarness.PAYMENTS_JOB);

    assertThat(results).extracting(r -> r.counts().created())
        .containsExactly(customers.size(), items.size(), invoices.size(), creditMemos.size(), payments.size());
    assertThat(results).allSatisfy(r -> {
      assertThat(r.counts().failed()).as("%s", r).isZero();
      assertThat(r.counts().deferred()).as("%s", r).isZero();
    });
    Map<String, ObjectNode> accounts = byExternalId("SELECT Id, Name, QBO_Id__c FROM Account WHERE QBO_Id__c != null");
    Map<String, ObjectNode> products =
        byExternalId("SELECT Id, Name, ProductCode, IsActive, QBO_Id__c FROM Product2 WHERE QBO_Id__c != null");
    Map<String, ObjectNode> sfInvoices = byExternalId(
        "SELECT Id, Name, Account__c, Doc_Number__c, Total_Amount__c, Balance__c, Status__c, QBO_Id__c FROM Invoice__c");
    Map<String, ObjectNode> sfCreditMemos = byExternalId("SELECT Id, QBO_Id__c FROM Credit_Memo__c");
    Map<String, ObjectNode> sfPayments =
        byExternalId("SELECT Id, Account__c, Amount__c, QBO_Id__c FROM Payment__c");
    assertThat(accounts).hasSize(customers.size());
    assertThat(products).hasSize(items.size());
    assertThat(sfInvoices).hasSize(invoices.size());
    assertThat(sfPayments).hasSize(payments.size());

    assertThat(h.writesMatching(w -> w.contains("/sobjects/PricebookEntry"))).as("prices go in one collection call").isZero();
    assertThat(h.writesMatching(w -> w.startsWith("POST ") && w.endsWith("/composite/sobjects"))).isEqualTo(1);
    String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
    Map<String, ObjectNode> prices = h.soql("SELECT Product2Id, UnitPrice FROM PricebookEntry WHERE Pricebook2Id = '"
        + standardBook + "'").stream().collect(Collectors.toMap(e -> e.get("Product2Id").asText(), Function.identity()));
    for (ObjectNode item : items) {
      ObjectNode product = products.get(h.externalId(id(item)));
      assertThat(product.get("Name").asText()).isEqualTo(item.get("Name").asText());
      assertThat(prices.get(id(product)).get("UnitPrice").decimalValue())
          .as("standard price of %s", item.get("Name")).isEqualByComparingTo(item.get("UnitPrice").decimalValue());
    }
    int lineCount = 0;
    for (ObjectNode invoice : invoices) {
      ObjectNode sf = sfInvoices.get(h.externalId(id(invoice)));
      assertThat(sf.get("Account__c").asText())
          .isEqualTo(id(accounts.get(h.externalId(invoice.at("/CustomerRef/value").asText()))));
      assertThat(sf.get("Doc_Number__c").asText()).isEqualTo(invoice.get("DocNumber").asText());
      assertThat(sf.get("Total_Amount__c").decimalValue()).isEqualByComparingTo(invoice.get("TotalAmt").decimalValue());
      assertThat(sf.get("Balance__c").decimalValue()).isEqualByComparingTo(invoice.get("Balance").decimalValue());
      Map<String, ObjectNode> lines = byExternalId(
          "SELECT Id, Product__c, Quantity__c, Amount__c, QBO_Id__c FROM Invoice_Line__c WHERE Invoice__c = '" + id(sf) + "'");
      int invoiceLines = 0;
      for (JsonNode line : invoice.get("Line")) {
        if (!line.has("Id")) {
          continue; // QuickBooks' own subtotal
        }
        invoiceLines++;
        ObjectNode sfLine = lines.get(h.externalId(id(invoice)) + "-" + id(line));
        assertThat(sfLine).as("line %s of invoice %s", id(line), id(invoice)).isNotNull();
        assertThat(sfLine.get("Amount__c").decimalValue()).isEqualByComparingTo(line.get("Amount").decimalValue());
        if (line.path("DetailType").asText().equals("SalesItemLineDetail")) {
          assertThat(sfLine.get("Product__c").asText())
              .isEqualTo(id(products.get(h.externalId(line.at("/SalesItemLineDetail/ItemRef/value").asText()))));
        }
      }
      lineCount += invoiceLines;
      assertThat(lines).hasSize(invoiceLines);
    }
    assertThat(h.soql("SELECT Id FROM Invoice_Line__c")).hasSize(lineCount);
    for (ObjectNode payment : payments) {
      ObjectNode sf = sfPayments.get(h.externalId(id(payment)));
      assertThat(sf.get("Account__c").asText())
          .isEqualTo(id(accounts.get(h.externalId(payment.at("/CustomerRef/value").asText()))));
      assertThat(sf.get("Amount__c").decimalValue()).isEqualByComparingTo(payment.get("TotalAmt").decimalValue());
      List<ObjectNode> applications = h.soql("SELECT Invoice__c, Credit_Memo__c, Amount_Applied__c FROM Payment_Line__c"
          + " WHERE Payment__c = '" + id(sf) + "'");
      assertThat(applications).hasSameSizeAs(payment.get("Line"));
      for (JsonNode line : payment.get("Line")) {
        boolean credit = line.at("/LinkedTxn/0/TxnType").asText().equals("CreditMemo");
        String applied = id((credit ? sfCreditMemos : sfInvoices).get(h.externalId(line.at("/LinkedTxn/0/TxnId").asText())));
        assertThat(applications).anySatisfy(application -> {
          assertThat(application.path(credit ? "Credit_Memo__c" : "Invoice__c").asText()).isEqualTo(applied);
          assertThat(application.get("Amount_Applied__c").decimalValue()).isEqualByComparingTo(line.get("Amount").decimalValue());
        });
      }
    }
    assertThat(sfInvoices.values()).extracting(i -> i.get("Status__c").asText()).contains("Paid");

    h.writes.clear();
    List<ObjectSyncResult> rerun = h.run(TO_SF, SyncHarness.PAYMENTS_JOB);

    assertThat(rerun).allSatisfy(r -> assertThat(r.counts().created() + r.counts().updated() + r.counts().failed() + r.counts().deferred()).as("%s", r).isZero());
    assertThat(h.salesforceWrites()).as("Salesforce writes of the rerun: %s", h.writes).isZero();
  }

  @Test
  void invoiceWhoseCustomerIsMissingIsDeferredThenSyncedWhenTheCustomerSyncRuns() {
    h = new SyncHarness(4);
    List<ObjectNode> invoices = h.qboAll("Invoice");
    h.sync(SyncObject.ITEM, TO_SF);

    ObjectSyncResult alone = h.sync(SyncObject.INVOICE, TO_SF);

    assertThat(alone.counts().deferred()).isEqualTo(invoices.size());
    assertThat(alone.counts().created() + alone.counts().failed()).isZero();
    assertThat(h.soql("SELECT Id FROM Invoice__c")).isEmpty();
    DeferredRecord deferred = h.stores.deferred().find(h.realmId, SyncObject.INVOICE, TO_SF, id(invoices.get(0))).orElseThrow();
    assertThat(deferred.missingParents()).contains("Customer " + invoices.get(0).at("/CustomerRef/value").asText());
    assertThat(h.stores.errors().findOpen(h.realmId, SyncObject.INVOICE, TO_SF, id(invoices.get(0))))
        .as("not an error before the attempts are used up").isEmpty();

    ObjectSyncResult customers = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(customers.counts().failed()).isZero();
    assertThat(h.soql("SELECT Id FROM Invoice__c")).as("synced when the customer sync ran").hasSize(invoices.size());
    assertThat(h.stores.deferred().list(h.realmId, 100)).isEmpty();
    ObjectSyncResult again = h.sync(SyncObject.INVOICE, TO_SF);
    assertThat(again.counts().created() + again.counts().updated() + again.counts().deferred()).isZero();
  }

  @Test
  void deferredInvoiceIsRetriedAfterItsParentInTheSameRunAndBecomesAMissingParentErrorAfterTheAttempts() {
    h = new SyncHarness(3);
    h.mappings = Mappings.withOverride("deferral: {maxAttempts: 2}", "attempts.yaml");
    List<ObjectNode> invoices = h.qboAll("Invoice");
    h.sync(SyncObject.ITEM, TO_SF);
    assertThat(h.sync(SyncObject.INVOICE, TO_SF).counts().deferred()).isEqualTo(invoices.size());

    ObjectSyncResult second = h.sync(SyncObject.INVOICE, TO_SF);

    assertThat(second.counts().failed()).isEqualTo(invoices.size());
    RecordError error = h.stores.errors().findOpen(h.realmId, SyncObject.INVOICE, TO_SF, id(invoices.get(0))).orElseThrow();
    assertThat(error.type().name()).isEqualTo("MISSING_PARENT");
    assertThat(error.message()).contains("attempt 2 of 2").contains("Customer");

    List<ObjectSyncResult> job = h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.INVOICE);

    assertThat(h.soql("SELECT Id FROM Invoice__c")).hasSize(invoices.size());
    assertThat(job.get(1).counts().failed()).isZero();
    assertThat(h.stores.errors().findOpen(h.realmId, SyncObject.INVOICE, TO_SF, id(invoices.get(0))))
        .as("resolved by the sync that wrote it").isEmpty();
  }

  @Test
  void jobWithPullThroughSyncsTheMissingCustomersAndItemsFirst() {
    h = new SyncHarness(3);
    List<ObjectNode> invoices = h.qboAll("Invoice");
    List<ObjectNode> payments = h.qboAll("Payment");

    ObjectSyncResult result = h.sync(SyncObject.PAYMENT, TO_SF, true);

    assertThat(result.counts().created()).isEqualTo(payments.size());
    assertThat(result.counts().deferred() + result.counts().failed()).isZero();
    List<String> paidInvoices = payments.stream().flatMap(p -> p.get("Line").findValuesAsText("TxnId").stream()).distinct().toList();
    assertThat(h.soql("SELECT Id FROM Invoice__c")).hasSize(paidInvoices.size());
    assertThat(h.soql("SELECT Id FROM Invoice__c")).hasSizeLessThanOrEqualTo(invoices.size());
    assertThat(h.soql("SELECT Id FROM Account WHERE QBO_Id__c != null")).isNotEmpty();
    assertThat(h.soql("SELECT Id FROM Product2 WHERE QBO_Id__c != null")).isNotEmpty();
  }

  @Test
  void voidedDeletedAndChangedInvoicesAndInactiveItemsAreReflectedWithoutDeletingInSalesforce() {
    h = new SyncHarness(12);
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE, SyncObject.PAYMENT);
    List<ObjectNode> unpaid = h.qboAll("Invoice").stream()
        .filter(i -> i.get("Balance").decimalValue().compareTo(i.get("TotalAmt").decimalValue()) == 0)
        .filter(i -> i.path("LinkedTxn").isEmpty())
        .toList();
    assertThat(unpaid).hasSizeGreaterThanOrEqualTo(3);
    ObjectNode voided = unpaid.get(0);
    ObjectNode deleted = unpaid.get(1);
    ObjectNode shortened = unpaid.stream().filter(i -> salesLines(i).size() >= 2).findFirst().orElse(null);
    h.qboPost("invoice", "operation=void", idAndToken(voided));
    h.qboPost("invoice", "operation=delete", idAndToken(deleted));
    ObjectNode item = h.qboAll("Item").get(0);
    h.qboChange("Item", id(item), u -> u.put("Active", false));
    if (shortened != null) {
      ObjectNode current = h.qbo.read(h.realmId, "Invoice", id(shortened));
      ObjectNode update = idAndToken(current);
      update.put("sparse", true);
      update.putArray("Line").add(salesLines(current).get(0).deepCopy());
      h.qboPost("invoice", null, update);
    }
    int invoicesBefore = h.soql("SELECT Id FROM Invoice__c").size();

    h.run(TO_SF, SyncObject.ITEM, SyncObject.INVOICE);

    Map<String, ObjectNode> sfInvoices = byExternalId("SELECT Id, Status__c, Balance__c, Total_Amount__c, QBO_Id__c FROM Invoice__c");
    assertThat(sfInvoices).hasSize(invoicesBefore);
    assertThat(sfInvoices.get(h.externalId(id(voided))).get("Status__c").asText()).isEqualTo("Voided");
    assertThat(sfInvoices.get(h.externalId(id(voided))).get("Total_Amount__c").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
    ObjectNode gone = sfInvoices.get(h.externalId(id(deleted)));
    assertThat(gone).as("a deleted invoice stays in Salesforce").isNotNull();
    assertThat(gone.get("Status__c").asText()).isEqualTo("Deleted");
    assertThat(gone.get("Balance__c").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
    ObjectNode product = byExternalId("SELECT Id, IsActive, QBO_Id__c FROM Product2 WHERE QBO_Id__c != null").get(h.externalId(id(item)));
    assertThat(product.get("IsActive").asBoolean()).isFalse();
    if (shortened != null) {
      String sfId = id(sfInvoices.get(h.externalId(id(shortened))));
      assertThat(h.soql("SELECT Id FROM Invoice_Line__c WHERE Invoice__c = '" + sfId + "'")).hasSize(1);
    }
  }

  @Test
  void voidedAndDeletedPaymentsAreMarkedInSalesforceAndKept() {
    h = new SyncHarness(6);
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE, SyncObject.PAYMENT);
    List<ObjectNode> payments = h.qboAll("Payment");
    assertThat(payments).hasSizeGreaterThanOrEqualTo(2);
    Map<String, ObjectNode> before = byExternalId("SELECT Id, Status__c, QBO_Id__c FROM Payment__c");
    assertThat(before.values()).allSatisfy(p -> assertThat(p.get("Status__c").asText()).isEqualTo("Applied"));

    ObjectNode voided = payments.get(0);
    ObjectNode deleted = payments.get(1);
    h.qboPost("payment", "operation=void", idAndToken(voided));
    h.qboPost("payment", "operation=delete", idAndToken(deleted));
    h.run(TO_SF, SyncObject.PAYMENT);

    Map<String, ObjectNode> after = byExternalId("SELECT Id, Status__c, Amount__c, QBO_Id__c FROM Payment__c");
    assertThat(after).as("nothing is deleted in Salesforce").hasSameSizeAs(before);
    assertThat(after.get(h.externalId(id(voided))).get("Status__c").asText()).isEqualTo("Voided");
    assertThat(after.get(h.externalId(id(deleted))).get("Status__c").asText()).isEqualTo("Deleted");
    assertThat(after.get(h.externalId(id(deleted))).get("Amount__c").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void unlinkedSalesforceAccountWithTheSameNameIsMatchedWhenMatchingIsOn() {
    h = new SyncHarness(2);
    h.matchCustomersToAccountsByName();
    ObjectNode customer = h.qboAll("Customer").get(0);
    String existing = h.personCreatesAccountNamedLike(customer, "(555) 555-0100");
    int accountsBefore = h.soql("SELECT Id FROM Account").size();
    int customers = h.qboAll("Customer").size();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(result.counts().created() + result.counts().updated()).isEqualTo(customers);
    assertThat(h.soql("SELECT Id FROM Account")).hasSize(accountsBefore + customers - 1);
    ObjectNode matched = h.soql("SELECT Id, QBO_Id__c, Phone FROM Account WHERE Id = '" + existing + "'").get(0);
    assertThat(matched.get("QBO_Id__c").asText()).isEqualTo(h.externalId(id(customer)));
  }

  @Test
  void defaultMappingsPassThePreflightAndAMappedFieldTheOrgLacksIsReportedAndStopsTheFirstRun() {
    h = new SyncHarness(2);

    PreflightResult defaults = h.preflight();

    assertThat(defaults.problems()).isEmpty();
    assertThat(defaults.ok()).isTrue();
    assertThat(defaults.checked()).contains("Account", "Product2", "Invoice__c", "Invoice_Line__c", "Payment__c",
        "Payment_Line__c", "Opportunity", "OpportunityLineItem", "PricebookEntry");

    h.mappings = Mappings.withOverride(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - {salesforce: Credit_Limit__c, qbo: CreditLimit, type: number, direction: QBO_TO_SALESFORCE}
              - {salesforce: BillingCity, qbo: BillAddr.City, type: number}
        """,
        "extra.yaml");
    PreflightResult missing = h.preflight();

    assertThat(missing.ok()).isFalse();
    assertThat(missing.problems()).extracting(Object::toString).containsExactlyInAnyOrder(
        "Account.Credit_Limit__c (Customer): missing (mapped from QuickBooks); deploy src/salesforce or correct the mappings file",
        "Account.BillingCity (Customer): is string, which cannot hold a number value; expected one of [currency, double, int, long, percent]");
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> h.sync(SyncObject.CUSTOMER, TO_SF));
    assertThat(refused.getCause()).hasMessageContaining("Credit_Limit__c");
    assertThat(h.soql("SELECT Id FROM Account WHERE QBO_Id__c != null")).as("nothing written").isEmpty();
  }

  static ObjectNode idAndToken(JsonNode record) {
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.put("Id", record.get("Id").asText());
    body.put("SyncToken", record.get("SyncToken").asText());
    return body;
  }

  static List<JsonNode> salesLines(JsonNode invoice) {
    List<JsonNode> lines = new ArrayList<>();
    invoice.get("Line").forEach(l -> {
      if (l.path("DetailType").asText().equals("SalesItemLineDetail")) {
        lines.add(l);
      }
    });
    return lines;
  }
}
