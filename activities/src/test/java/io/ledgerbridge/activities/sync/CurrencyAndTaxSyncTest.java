package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.sandbox.QboCompanyProfile;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.PreflightRequest;
import io.ledgerbridge.workflows.sync.PreflightResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Currencies and tax between a QuickBooks company and a Salesforce org: a multi-currency company's documents keep
 * their currency and amounts and carry their exchange rate; an org without multiple currencies is stopped by the
 * preflight, not fed amounts it would read in its own currency; documents carry their tax total and each line's
 * tax code, and documents sent to QuickBooks follow its tax model (US: TAX or NON; elsewhere a TaxCode per line).
 */
class CurrencyAndTaxSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject CREDIT_MEMO = SyncObject.require("CreditMemo");
  private static final SyncObject SALES_RECEIPT = SyncObject.require("SalesReceipt");
  private static final SyncObject VENDOR = SyncObject.require("Vendor");
  private static final String SYNC_CURRENCIES = "multiCurrency: true\n";

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aEuroCustomerAndInvoiceOfAMultiCurrencyCompanyReachSalesforceInEurosWithTheExchangeRate() {
    multiCurrencyOnBothSides();
    String customerId = qboCustomer("Café de Flore", "EUR");
    String itemId = qboItem("Espresso beans", 40);
    ObjectNode invoice = SyncHarness.JSON.createObjectNode();
    invoice.putObject("CustomerRef").put("value", customerId);
    invoice.putObject("CurrencyRef").put("value", "EUR");
    invoice.put("ExchangeRate", 1.0875);
    invoice.putArray("Line").add(salesLine(itemId, 3, 40, null));
    String invoiceId = h.qboPost("invoice", null, invoice).at("/Invoice/Id").asText();

    List<ObjectSyncResult> results = h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE);

    assertThat(results).allSatisfy(result -> assertThat(result.counts().failed() + result.counts().deferred())
        .as("%s", result).isZero());
    assertThat(one("SELECT CurrencyIsoCode FROM Account WHERE QBO_Id__c = " + key(customerId))
        .get("CurrencyIsoCode").asText()).isEqualTo("EUR");
    ObjectNode record = one("SELECT Id, CurrencyIsoCode, Total_Amount__c, Balance__c, Exchange_Rate__c, Tax_Amount__c"
        + " FROM Invoice__c WHERE QBO_Id__c = " + key(invoiceId));
    assertThat(record.get("CurrencyIsoCode").asText()).isEqualTo("EUR");
    assertThat(record.get("Total_Amount__c").decimalValue()).as("in euros, unconverted").isEqualByComparingTo("120");
    assertThat(record.get("Balance__c").decimalValue()).isEqualByComparingTo("120");
    assertThat(record.get("Exchange_Rate__c").decimalValue()).isEqualByComparingTo("1.0875");
    assertThat(one("SELECT Amount__c FROM Invoice_Line__c WHERE Invoice__c = "
        + SalesforceClient.quote(record.get("Id").asText())).get("Amount__c").decimalValue()).isEqualByComparingTo("120");

    ObjectNode payment = SyncHarness.JSON.createObjectNode().put("TotalAmt", 50).put("ExchangeRate", 1.09);
    payment.putObject("CustomerRef").put("value", customerId);
    payment.putArray("Line").addObject().put("Amount", 50).putArray("LinkedTxn").addObject().put("TxnId", invoiceId)
        .put("TxnType", "Invoice");
    String paymentId = h.qboPost("payment", null, payment).at("/Payment/Id").asText();
    assertThat(h.sync(SyncObject.PAYMENT, TO_SF).counts().created()).isEqualTo(1);
    ObjectNode paid = one("SELECT CurrencyIsoCode, Amount__c, Exchange_Rate__c FROM Payment__c WHERE QBO_Id__c = "
        + key(paymentId));
    assertThat(paid.get("CurrencyIsoCode").asText()).isEqualTo("EUR");
    assertThat(paid.get("Amount__c").decimalValue()).isEqualByComparingTo("50");
    assertThat(paid.get("Exchange_Rate__c").decimalValue()).isEqualByComparingTo("1.09");

    String homeCustomer = qboCustomer("Diner in Dollars", null);
    ObjectNode home = SyncHarness.JSON.createObjectNode();
    home.putObject("CustomerRef").put("value", homeCustomer);
    home.putArray("Line").add(salesLine(itemId, 1, 40, null));
    String homeInvoice = h.qboPost("invoice", null, home).at("/Invoice/Id").asText();
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.INVOICE);
    ObjectNode inDollars = one("SELECT CurrencyIsoCode, Exchange_Rate__c FROM Invoice__c WHERE QBO_Id__c = " + key(homeInvoice));
    assertThat(inDollars.get("CurrencyIsoCode").asText()).isEqualTo("USD");
    assertThat(inDollars.get("Exchange_Rate__c").decimalValue()).as("the home currency").isEqualByComparingTo("1");
  }

  @Test
  void aEuroAccountAndCreditMemoMadeInSalesforceBecomeEuroRecordsInQuickBooks() {
    multiCurrencyOnBothSides();
    String itemId = qboItem("Croissants", 2.5);
    assertThat(h.sync(SyncObject.ITEM, TO_SF).counts().failed()).isZero();
    String account = h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Boulangerie Paul")
        .put("CurrencyIsoCode", "EUR"));

    ObjectSyncResult accounts = h.sync(SyncObject.CUSTOMER, TO_QBO);
    assertThat(accounts.counts().failed()).as("%s", accounts).isZero();
    ObjectNode customer = h.qboAll("Customer").stream()
        .filter(c -> c.get("DisplayName").asText().equals("Boulangerie Paul")).findFirst().orElseThrow();
    assertThat(customer.at("/CurrencyRef/value").asText()).isEqualTo("EUR");

    h.personCreates("Account", SyncHarness.JSON.createObjectNode().put("Name", "Moulin Farine").put("Type", "Vendor")
        .put("CurrencyIsoCode", "EUR"));
    assertThat(h.sync(VENDOR, TO_QBO).counts().failed()).isZero();
    assertThat(h.qboAll("Vendor")).filteredOn(v -> v.get("DisplayName").asText().equals("Moulin Farine")).singleElement()
        .satisfies(vendor -> assertThat(vendor.at("/CurrencyRef/value").asText()).isEqualTo("EUR"));

    String memo = h.personCreates("Credit_Memo__c", SyncHarness.JSON.createObjectNode().put("Name", "Stale bread")
        .put("Account__c", account).put("CurrencyIsoCode", "EUR"));
    h.personCreates("Credit_Memo_Line__c", SyncHarness.JSON.createObjectNode().put("Name", "line").put("Credit_Memo__c", memo)
        .put("Product__c", salesforceId("Product2", h.externalId(itemId))).put("Quantity__c", 4).put("Unit_Price__c", 2.5)
        .put("Amount__c", 10));

    ObjectSyncResult created = h.sync(CREDIT_MEMO, TO_QBO);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    ObjectNode inQuickBooks = h.qboAll("CreditMemo").get(0);
    assertThat(inQuickBooks.at("/CurrencyRef/value").asText()).isEqualTo("EUR");
    assertThat(inQuickBooks.get("TotalAmt").decimalValue()).as("in euros").isEqualByComparingTo("10");
    assertThat(inQuickBooks.get("ExchangeRate").decimalValue()).as("the day's rate QuickBooks took").isEqualByComparingTo("1.1");
    ObjectNode record = one("SELECT CurrencyIsoCode, Exchange_Rate__c, Total_Amount__c FROM Credit_Memo__c WHERE Id = "
        + SalesforceClient.quote(memo));
    assertThat(record.get("Exchange_Rate__c").decimalValue()).as("written back with the key").isEqualByComparingTo("1.1");
    assertThat(record.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("10");
  }

  @Test
  void anOrgWithoutMultipleCurrenciesIsStoppedByThePreflightBeforeAnythingIsWritten() {
    h.fx.sandbox.configureQboCompany(h.realmId, QboCompanyProfile.us().withMultiCurrency());
    String customerId = qboCustomer("Euro Customer", "EUR");
    ObjectNode invoice = SyncHarness.JSON.createObjectNode();
    invoice.putObject("CustomerRef").put("value", customerId);
    invoice.putArray("Line").add(salesLine(qboItem("Pastries", 3), 10, 3, null));
    h.qboPost("invoice", null, invoice);
    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).as("an Account holds no amounts").isEqualTo(1);
    h.writes.clear();

    ApplicationFailure stopped = configurationFailure(SyncObject.INVOICE, TO_SF);

    assertThat(stopped.getOriginalMessage()).contains("Invoice__c.CurrencyIsoCode (Invoice)",
        "QuickBooks company " + h.realmId + " has multi-currency on",
        "home currency USD", "Turn on multiple currencies in the Salesforce org", "multiCurrency: true");
    assertThat(h.salesforceWrites()).as("nothing written").isZero();

    h.mappings = Mappings.withOverride(SYNC_CURRENCIES, "currency.yaml");
    ApplicationFailure stillStopped = configurationFailure(SyncObject.CUSTOMER, TO_SF);
    assertThat(stillStopped.getOriginalMessage()).as("the org has no CurrencyIsoCode")
        .contains("Account.CurrencyIsoCode (Customer): missing");
    assertThat(h.salesforceWrites()).isZero();

    h.mappings = Mappings.defaults();
    PreflightResult checked = h.activity().preflight(new PreflightRequest(List.of(SyncObject.INVOICE), TO_SF, h.realmId));
    assertThat(checked.ok()).isFalse();
    assertThat(checked.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.salesforceObject()).isEqualTo("Invoice__c");
      assertThat(problem.field()).isEqualTo("CurrencyIsoCode");
      assertThat(problem.problem()).contains("has multi-currency on");
    });
  }

  @Test
  void aDocumentInAForeignCurrencyIsARecordErrorWhileCurrenciesAreNotSynced() {
    String itemId = qboItem("Tea", 5);
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE);
    // Multi-currency turned on after the jobs' first runs passed the preflight.
    ObjectNode preferences = h.qboAll("Preferences").get(0);
    ObjectNode turnOn = SyncHarness.JSON.createObjectNode().put("Id", preferences.get("Id").asText())
        .put("SyncToken", preferences.get("SyncToken").asText()).put("sparse", true);
    turnOn.putObject("CurrencyPrefs").put("MultiCurrencyEnabled", true);
    h.qboPost("preferences", null, turnOn);
    String customerId = qboCustomer("Teehaus Berlin", "EUR");
    ObjectNode invoice = SyncHarness.JSON.createObjectNode();
    invoice.putObject("CustomerRef").put("value", customerId);
    invoice.putArray("Line").add(salesLine(itemId, 2, 5, null));
    String invoiceId = h.qboPost("invoice", null, invoice).at("/Invoice/Id").asText();

    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).as("an Account holds no amounts").isEqualTo(1);
    ObjectSyncResult refused = h.sync(SyncObject.INVOICE, TO_SF);

    assertThat(refused.counts().failed()).as("%s", refused).isEqualTo(1);
    RecordError error = h.stores.errors().findOpen(h.realmId, SyncObject.INVOICE, TO_SF, invoiceId).orElseThrow();
    assertThat(error.message()).contains("amounts are in EUR (exchange rate 1.1", "multiCurrency: true");
    assertThat(h.soql("SELECT Id FROM Invoice__c WHERE QBO_Id__c = " + key(invoiceId))).isEmpty();
  }

  @Test
  void aRecordInACurrencyTheOrgDoesNotHaveIsARecordErrorSayingSo() {
    multiCurrencyOnBothSides();
    String pounds = qboCustomer("London Tea Rooms", "GBP");
    qboCustomer("Paris Tea Rooms", "EUR");

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(result.counts().created()).as("%s", result).isEqualTo(1);
    assertThat(result.counts().failed()).isEqualTo(1);
    RecordError error = h.stores.errors().findOpen(h.realmId, SyncObject.CUSTOMER, TO_SF, pounds).orElseThrow();
    assertThat(error.message()).contains("CurrencyIsoCode", "GBP");
  }

  @Test
  void documentsCarryTheirTaxTotalAndEachLinesTaxCodeToSalesforce() {
    String customerId = qboCustomer("Taxed Goods Co", null);
    String itemId = qboItem("Lamp", 100);
    ObjectNode receipt = SyncHarness.JSON.createObjectNode();
    receipt.putObject("CustomerRef").put("value", customerId);
    ArrayNode lines = receipt.putArray("Line");
    lines.add(salesLine(itemId, 2, 100, "TAX"));
    lines.add(salesLine(itemId, 1, 100, "NON"));
    JsonNode made = h.qboPost("salesreceipt", null, receipt).get("SalesReceipt");
    assertThat(made.at("/TxnTaxDetail/TotalTax").decimalValue()).as("the sandbox's automated 8.25%").isEqualByComparingTo("16.5");

    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SALES_RECEIPT);

    ObjectNode record = one("SELECT Id, Tax_Amount__c, Total_Amount__c FROM Sales_Receipt__c WHERE QBO_Id__c = "
        + key(made.get("Id").asText()));
    assertThat(record.get("Tax_Amount__c").decimalValue()).isEqualByComparingTo("16.5");
    assertThat(record.get("Total_Amount__c").decimalValue()).as("with the tax").isEqualByComparingTo("316.5");
    assertThat(h.soql("SELECT Tax_Code__c, Line_Number__c FROM Sales_Receipt_Line__c WHERE Sales_Receipt__c = "
        + SalesforceClient.quote(record.get("Id").asText()) + " ORDER BY Line_Number__c"))
        .extracting(line -> line.get("Tax_Code__c").asText()).containsExactly("TAX", "NON");
  }

  @Test
  void aNonUsCompanyGetsTheMappedTaxCodePerLineAndALineWithoutOneIsRefused() {
    h.fx.sandbox.configureQboCompany(h.realmId, new QboCompanyProfile("GB", "GBP", false, false));
    String customerId = qboCustomer("Brighton Books", null);
    String itemId = qboItem("Atlas", 50);
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM);
    String account = salesforceId("Account", h.externalId(customerId));
    String product = salesforceId("Product2", h.externalId(itemId));
    String taxed = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode().put("Name", "Counter sale")
        .put("Account__c", account));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(taxed, product, "3"));
    String untaxed = h.personCreates("Sales_Receipt__c", SyncHarness.JSON.createObjectNode().put("Name", "No code")
        .put("Account__c", account));
    h.personCreates("Sales_Receipt_Line__c", receiptLine(untaxed, product, null));

    ObjectSyncResult result = h.sync(SALES_RECEIPT, TO_QBO);

    assertThat(result.counts().created()).as("%s", result).isEqualTo(1);
    ObjectNode inQuickBooks = h.qboAll("SalesReceipt").get(0);
    assertThat(inQuickBooks.at("/Line/0/SalesItemLineDetail/TaxCodeRef/value").asText()).isEqualTo("3");
    assertThat(inQuickBooks.at("/TxnTaxDetail/TotalTax").decimalValue()).as("20% of 50").isEqualByComparingTo("10");
    assertThat(one("SELECT Tax_Amount__c FROM Sales_Receipt__c WHERE Id = " + SalesforceClient.quote(taxed))
        .get("Tax_Amount__c").decimalValue()).isEqualByComparingTo("10");
    RecordError missing = h.stores.errors().findOpen(h.realmId, SALES_RECEIPT, TO_QBO, untaxed).orElseThrow();
    assertThat(missing.message()).contains("has no TaxCodeRef");

    PreflightResult opportunities = h.activity().preflight(new PreflightRequest(List.of(SyncObject.INVOICE), TO_QBO, h.realmId));
    assertThat(opportunities.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.salesforceObject()).isEqualTo("OpportunityLineItem");
      assertThat(problem.problem()).contains("(GB) needs a tax code on every line", "3 (20.0% S)");
    });
    h.mappings = Mappings.withOverride(taxCodeConstant("99"), "tax.yaml");
    assertThat(h.activity().preflight(new PreflightRequest(List.of(SyncObject.INVOICE), TO_QBO, h.realmId)).problems())
        .singleElement().satisfies(problem -> assertThat(problem.problem()).contains("'99' is not an active TaxCode"));
    h.mappings = Mappings.withOverride(taxCodeConstant("3"), "tax.yaml");
    assertThat(h.activity().preflight(new PreflightRequest(List.of(SyncObject.INVOICE), TO_QBO, h.realmId)).ok()).isTrue();
  }

  // ---- helpers ----

  private void multiCurrencyOnBothSides() {
    h.fx.sandbox.configureQboCompany(h.realmId, QboCompanyProfile.us().withMultiCurrency());
    h.fx.sandbox.setSalesforceCurrencies(List.of("USD", "EUR"));
    h.mappings = Mappings.withOverride(SYNC_CURRENCIES, "currency.yaml");
  }

  private static String taxCodeConstant(String code) {
    return """
        mappings:
          - object: Invoice
            direction: SALESFORCE_TO_QBO
            salesforceObject: Opportunity
            lines:
              salesforceObject: OpportunityLineItem
              parentField: OpportunityId
              qboPath: Line
              fields:
                - {qbo: SalesItemLineDetail.TaxCodeRef.value, constant: "%s"}
        """.formatted(code);
  }

  private ApplicationFailure configurationFailure(SyncObject object, SyncDirection direction) {
    Throwable thrown = catchThrowable(() -> h.sync(object, direction));
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo("CONFIGURATION");
    return failure;
  }

  private String qboCustomer(String name, String currency) {
    ObjectNode customer = SyncHarness.JSON.createObjectNode().put("DisplayName", name);
    if (currency != null) {
      customer.putObject("CurrencyRef").put("value", currency);
    }
    return h.qboPost("customer", null, customer).at("/Customer/Id").asText();
  }

  private String qboItem(String name, double price) {
    ObjectNode item = SyncHarness.JSON.createObjectNode().put("Name", name).put("Type", "Service").put("UnitPrice", price);
    item.putObject("IncomeAccountRef").put("value", "1");
    return h.qboPost("item", null, item).at("/Item/Id").asText();
  }

  private static ObjectNode salesLine(String itemId, double quantity, double unitPrice, String taxCode) {
    ObjectNode line = SyncHarness.JSON.createObjectNode().put("DetailType", "SalesItemLineDetail")
        .put("Amount", quantity * unitPrice);
    ObjectNode detail = line.putObject("SalesItemLineDetail").put("Qty", quantity).put("UnitPrice", unitPrice);
    detail.putObject("ItemRef").put("value", itemId);
    if (taxCode != null) {
      detail.putObject("TaxCodeRef").put("value", taxCode);
    }
    return line;
  }

  private static ObjectNode receiptLine(String receipt, String product, String taxCode) {
    ObjectNode line = SyncHarness.JSON.createObjectNode().put("Name", "line").put("Sales_Receipt__c", receipt)
        .put("Product__c", product).put("Quantity__c", 1).put("Unit_Price__c", 50).put("Amount__c", 50);
    if (taxCode != null) {
      line.put("Tax_Code__c", taxCode);
    }
    return line;
  }

  private String key(String qboId) {
    return SalesforceClient.quote(h.externalId(qboId));
  }

  private ObjectNode one(String soql) {
    List<ObjectNode> found = h.soql(soql);
    assertThat(found).as(soql).hasSize(1);
    return found.get(0);
  }

  private String salesforceId(String sObjectType, String key) {
    return one("SELECT Id FROM " + sObjectType + " WHERE QBO_Id__c = " + SalesforceClient.quote(key)).get("Id").asText();
  }
}
