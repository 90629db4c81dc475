package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static io.ledgerbridge.sandbox.salesforce.SalesforceSObjectContractTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Products, price books, opportunities with products, and the LedgerBridge custom objects (reference §8). */
class SalesforceObjectModelContractTest {
  private static final String SOBJECTS = API + "/sobjects/";
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;
  private static String standardPricebookId;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(12));
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
    standardPricebookId = query("SELECT Id, Name FROM Pricebook2 WHERE IsStandard = true").at("/records/0/Id").asText();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void orgStartsWithTheStandardPriceBookAndDemoProspects() {
    assertThat(standardPricebookId).startsWith("01s");
    JsonNode prospects = query("SELECT Id, Name, QBO_Id__c FROM Account WHERE Type = 'Prospect'");
    assertThat(prospects.get("totalSize").asInt()).isEqualTo(2);
    assertThat(prospects.at("/records/0/QBO_Id__c").isNull()).isTrue();
    assertThat(query("SELECT COUNT() FROM Opportunity WHERE Account.Type = 'Prospect'").get("totalSize").asInt()).isEqualTo(2);
  }

  @Test
  void productNeedsAStandardPriceBeforeAnyOther() {
    String productId = create("Product2", Map.of("Name", "Widget", "ProductCode", "W-1", "IsActive", true));
    String customBook = create("Pricebook2", Map.of("Name", "Partner Prices", "IsActive", true));
    assertError(sf.postJson(SOBJECTS + "PricebookEntry", Map.of("Pricebook2Id", customBook, "Product2Id", productId,
        "UnitPrice", 9.0, "IsActive", true), auth), 400, "STANDARD_PRICE_NOT_DEFINED");

    String standardEntry = create("PricebookEntry", Map.of("Pricebook2Id", standardPricebookId, "Product2Id", productId,
        "UnitPrice", 10.0, "IsActive", true));
    JsonNode entry = sf.get(SOBJECTS + "PricebookEntry/" + standardEntry, auth).json();
    assertThat(entry.get("Name").asText()).isEqualTo("Widget");
    assertThat(entry.get("ProductCode").asText()).isEqualTo("W-1");
    assertError(sf.postJson(SOBJECTS + "PricebookEntry", Map.of("Pricebook2Id", standardPricebookId, "Product2Id",
        productId, "UnitPrice", 11.0), auth), 400, "DUPLICATE_VALUE");
    assertThat(sf.postJson(SOBJECTS + "PricebookEntry", Map.of("Pricebook2Id", customBook, "Product2Id", productId,
        "UnitPrice", 9.0, "IsActive", true), auth).status()).isEqualTo(201);
    assertThat(sf.delete(SOBJECTS + "PricebookEntry/" + standardEntry, auth).status()).isEqualTo(400);
  }

  @Test
  void opportunityProductsDeriveTotalsAndRollUpTheAmount() {
    String accountId = create("Account", Map.of("Name", "Opportunity Products Co"));
    String productId = create("Product2", Map.of("Name", "Gadget", "IsActive", true));
    String entryId = create("PricebookEntry", Map.of("Pricebook2Id", standardPricebookId, "Product2Id", productId,
        "UnitPrice", 25.0, "IsActive", true));
    String opportunityId = create("Opportunity", Map.of("Name", "Gadget Deal", "AccountId", accountId,
        "StageName", "Closed Won", "CloseDate", "2026-03-31"));

    String lineId = create("OpportunityLineItem", Map.of("OpportunityId", opportunityId, "PricebookEntryId", entryId,
        "Quantity", 3, "UnitPrice", 20.0));
    create("OpportunityLineItem", Map.of("OpportunityId", opportunityId, "PricebookEntryId", entryId,
        "Quantity", 2, "TotalPrice", 30.0));

    JsonNode line = sf.get(SOBJECTS + "OpportunityLineItem/" + lineId, auth).json();
    assertThat(line.get("TotalPrice").asDouble()).isEqualTo(60.0);
    assertThat(line.get("ListPrice").asDouble()).isEqualTo(25.0);
    assertThat(line.get("Product2Id").asText()).isEqualTo(productId);
    JsonNode opportunity = sf.get(SOBJECTS + "Opportunity/" + opportunityId, auth).json();
    assertThat(opportunity.get("Amount").asDouble()).isEqualTo(90.0);
    assertThat(opportunity.get("IsWon").asBoolean()).isTrue();
    assertThat(opportunity.get("Pricebook2Id").asText()).isEqualTo(standardPricebookId);

    assertError(sf.postJson(SOBJECTS + "OpportunityLineItem", Map.of("OpportunityId", opportunityId,
        "PricebookEntryId", entryId, "Quantity", 1, "UnitPrice", 5.0, "TotalPrice", 5.0), auth), 400,
        "FIELD_INTEGRITY_EXCEPTION");

    assertThat(sf.delete(SOBJECTS + "Account/" + accountId, auth).status()).isEqualTo(204);
    assertThat(sf.get(SOBJECTS + "Opportunity/" + opportunityId, auth).status()).isEqualTo(404);
  }

  @Test
  void invoiceUpsertFindsItsAccountByExternalId() {
    sf.patchJson(SOBJECTS + "Account/QBO_Id__c/9130357766001001-5", Map.of("Name", "Invoice Parent Co"), auth);
    ContractClient.Reply upsert = sf.patchJson(SOBJECTS + "Invoice__c/QBO_Id__c/9130357766001001-130", Map.of(
        "Name", "INV-1037", "Account__r", Map.of("QBO_Id__c", "9130357766001001-5"), "Total_Amount__c", 150.0,
        "Balance__c", 150.0, "Status__c", "Open", "Invoice_Date__c", "2026-02-01"), auth);
    assertThat(upsert.status()).as(upsert.body()).isEqualTo(201);
    JsonNode invoice = sf.get(SOBJECTS + "Invoice__c/QBO_Id__c/9130357766001001-130", auth).json();
    assertThat(invoice.get("Account__c").asText()).startsWith("001");
    assertThat(invoice.get("Invoice_Date__c").asText()).isEqualTo("2026-02-01");
    assertThat(invoice.get("Id").asText()).startsWith("a01");

    ContractClient.Reply unknownParent = sf.patchJson(SOBJECTS + "Invoice__c/QBO_Id__c/9130357766001001-131", Map.of(
        "Name", "INV-1038", "Account__r", Map.of("QBO_Id__c", "no-such-customer")), auth);
    assertError(unknownParent, 400, "INVALID_FIELD");
    assertThat(unknownParent.json().at("/0/message").asText()).startsWith("Foreign key external ID: no-such-customer not found");
  }

  @Test
  void queriesReachParentFieldsThroughLookups() {
    sf.patchJson(SOBJECTS + "Account/QBO_Id__c/9130357766001001-77", Map.of("Name", "Parent Field Co"), auth);
    String accountId = sf.get(SOBJECTS + "Account/QBO_Id__c/9130357766001001-77", auth).json().get("Id").asText();
    create("Opportunity", Map.of("Name", "Child Deal", "AccountId", accountId, "StageName", "Closed Won",
        "CloseDate", "2026-03-31"));
    create("Opportunity", Map.of("Name", "Orphan Deal", "StageName", "Prospecting", "CloseDate", "2026-03-31"));

    JsonNode won = query("SELECT Id, Name, Account.Name, Account.QBO_Id__c FROM Opportunity"
        + " WHERE Account.QBO_Id__c = '9130357766001001-77' ORDER BY Account.Name");
    assertThat(won.get("totalSize").asInt()).isEqualTo(1);
    JsonNode record = won.at("/records/0");
    assertThat(record.get("Name").asText()).isEqualTo("Child Deal");
    assertThat(record.at("/Account/attributes/type").asText()).isEqualTo("Account");
    assertThat(record.at("/Account/Name").asText()).isEqualTo("Parent Field Co");
    assertThat(record.at("/Account/QBO_Id__c").asText()).isEqualTo("9130357766001001-77");

    JsonNode orphan = query("SELECT Name, Account.Name FROM Opportunity WHERE Name = 'Orphan Deal'");
    assertThat(orphan.at("/records/0/Account").isNull()).isTrue();
    assertError(sf.get(API + "/query?q=" + ContractClient.encode("SELECT Nope.Name FROM Opportunity"), auth), 400,
        "INVALID_FIELD");
  }

  @Test
  void aContactNeedsALastNameIsNamedByBothNamesAndIsUpsertedOnItsKey() {
    String accountId = create("Account", Map.of("Name", "Contact Parent Co"));
    assertError(sf.postJson(SOBJECTS + "Contact", Map.of("AccountId", accountId, "FirstName", "Ada"), auth), 400,
        "REQUIRED_FIELD_MISSING");

    ContractClient.Reply upsert = sf.patchJson(SOBJECTS + "Contact/QBO_Id__c/9130357766001001-5", Map.of(
        "AccountId", accountId, "FirstName", "Ada", "LastName", "Lovelace", "Email", "ada@example.com",
        "Primary__c", true), auth);
    assertThat(upsert.status()).as(upsert.body()).isEqualTo(201);
    sf.patchJson(SOBJECTS + "Contact/QBO_Id__c/9130357766001001-5", Map.of("LastName", "King"), auth);

    JsonNode contacts = query("SELECT Id, Name, Email, Primary__c, Account.Name FROM Contact WHERE AccountId = '"
        + accountId + "'");
    assertThat(contacts.get("totalSize").asInt()).as("the second upsert updated the first").isEqualTo(1);
    assertThat(contacts.at("/records/0/Name").asText()).isEqualTo("Ada King");
    assertThat(contacts.at("/records/0/Primary__c").asBoolean()).isTrue();
    assertThat(contacts.at("/records/0/Account/Name").asText()).isEqualTo("Contact Parent Co");
  }

  @Test
  void aQuoteNeedsItsOpportunityTakesItsAccountAndTotalsItsLines() throws InterruptedException {
    String accountId = create("Account", Map.of("Name", "Quote Parent Co"));
    String productId = create("Product2", Map.of("Name", "Quoted Gadget", "IsActive", true));
    String entryId = create("PricebookEntry", Map.of("Pricebook2Id", standardPricebookId, "Product2Id", productId,
        "UnitPrice", 25.0, "IsActive", true));
    String opportunityId = create("Opportunity", Map.of("Name", "Quoted Deal", "AccountId", accountId,
        "StageName", "Proposal/Price Quote", "CloseDate", "2026-03-31"));
    assertError(sf.postJson(SOBJECTS + "Quote", Map.of("Name", "No Deal"), auth), 400, "REQUIRED_FIELD_MISSING");

    String quoteId = create("Quote", Map.of("Name", "Gadget Quote", "OpportunityId", opportunityId));
    String modstamp = sf.get(SOBJECTS + "Quote/" + quoteId, auth).json().get("SystemModstamp").asText();
    Thread.sleep(2); // modstamps have milliseconds: the lines' save must fall in a later one
    assertError(sf.postJson(SOBJECTS + "QuoteLineItem", Map.of("QuoteId", quoteId, "Quantity", 1, "UnitPrice", 5.0),
        auth), 400, "REQUIRED_FIELD_MISSING");
    String lineId = create("QuoteLineItem", Map.of("QuoteId", quoteId, "PricebookEntryId", entryId,
        "Quantity", 3, "UnitPrice", 20.0, "Description", "Three gadgets"));
    create("QuoteLineItem", Map.of("QuoteId", quoteId, "PricebookEntryId", entryId, "Quantity", 1, "UnitPrice", 25.0));

    JsonNode quote = sf.get(SOBJECTS + "Quote/" + quoteId, auth).json();
    assertThat(quote.get("Status").asText()).isEqualTo("Draft");
    assertThat(quote.get("AccountId").asText()).isEqualTo(accountId);
    assertThat(quote.get("Pricebook2Id").asText()).isEqualTo(standardPricebookId);
    assertThat(quote.get("TotalPrice").asDouble()).isEqualTo(85.0);
    assertThat(quote.get("GrandTotal").asDouble()).isEqualTo(85.0);
    assertThat(quote.get("LineItemCount").asInt()).isEqualTo(2);
    assertThat(quote.get("SystemModstamp").asText()).as("the lines saved their quote").isGreaterThan(modstamp);
    JsonNode line = sf.get(SOBJECTS + "QuoteLineItem/" + lineId, auth).json();
    assertThat(line.get("Product2Id").asText()).isEqualTo(productId);
    assertThat(line.get("ListPrice").asDouble()).isEqualTo(25.0);
    assertThat(line.get("TotalPrice").asDouble()).isEqualTo(60.0);
    assertError(sf.patchJson(SOBJECTS + "Quote/" + quoteId, Map.of("AccountId", accountId), auth), 400,
        "INVALID_FIELD_FOR_INSERT_UPDATE");
    assertError(sf.patchJson(SOBJECTS + "Quote/" + quoteId, Map.of("OpportunityId", opportunityId), auth), 400,
        "INVALID_FIELD_FOR_INSERT_UPDATE");

    assertThat(sf.patchJson(SOBJECTS + "Quote/QBO_Id__c/9130357766001001-41", Map.of("Name", "Keyed Quote",
        "OpportunityId", opportunityId, "Status", "Presented", "Estimate_Status__c", "Pending"), auth).status()).isEqualTo(201);
    assertThat(sf.delete(SOBJECTS + "QuoteLineItem/" + lineId, auth).status()).isEqualTo(204);
    assertThat(sf.get(SOBJECTS + "Quote/" + quoteId, auth).json().get("TotalPrice").asDouble()).isEqualTo(25.0);
    assertThat(sf.delete(SOBJECTS + "Opportunity/" + opportunityId, auth).status()).isEqualTo(204);
    assertThat(sf.get(SOBJECTS + "Quote/" + quoteId, auth).status()).isEqualTo(404);
  }

  @Test
  void restrictedPicklistAndDanglingLookupAreRefused() {
    assertError(sf.postJson(SOBJECTS + "Invoice__c", Map.of("Name", "Bad Status", "Status__c", "Lost"), auth), 400,
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    assertError(sf.postJson(SOBJECTS + "Invoice__c", Map.of("Name", "Bad Account", "Account__c", "001Hs0000009999"),
        auth), 400, "INVALID_CROSS_REFERENCE_KEY");
  }

  @Test
  void deletingAnInvoiceDeletesItsLinesAndClearsPaymentLineLookups() {
    String invoiceId = create("Invoice__c", Map.of("Name", "INV-CASCADE"));
    String lineId = create("Invoice_Line__c", Map.of("Name", "Line 1", "Invoice__c", invoiceId, "Amount__c", 10.0));
    String paymentId = create("Payment__c", Map.of("Name", "PAY-1", "Amount__c", 10.0));
    String applicationId = create("Payment_Line__c", Map.of("Name", "PAY-1 to INV-CASCADE", "Payment__c", paymentId,
        "Invoice__c", invoiceId, "Amount_Applied__c", 10.0));
    assertError(sf.patchJson(SOBJECTS + "Invoice_Line__c/" + lineId, Map.of("Invoice__c", invoiceId), auth), 400,
        "INVALID_FIELD_FOR_INSERT_UPDATE");

    assertThat(sf.delete(SOBJECTS + "Invoice__c/" + invoiceId, auth).status()).isEqualTo(204);
    assertThat(sf.get(SOBJECTS + "Invoice_Line__c/" + lineId, auth).status()).isEqualTo(404);
    assertThat(sf.get(SOBJECTS + "Payment_Line__c/" + applicationId, auth).json().get("Invoice__c").isNull()).isTrue();
  }

  @Test
  void aCreditMemoSumsItsLinesAndEveryLineChangeSavesIt() throws InterruptedException {
    String memoId = create("Credit_Memo__c", Map.of("Name", "CM-ROLLUP"));
    String modstamp = sf.get(SOBJECTS + "Credit_Memo__c/" + memoId, auth).json().get("SystemModstamp").asText();
    Thread.sleep(2); // modstamps have milliseconds: the lines' save must fall in a later one
    String lineId = create("Credit_Memo_Line__c", Map.of("Name", "Line 1", "Credit_Memo__c", memoId, "Amount__c", 10.0));
    create("Credit_Memo_Line__c", Map.of("Name", "Line 2", "Credit_Memo__c", memoId, "Amount__c", 2.5));

    JsonNode memo = sf.get(SOBJECTS + "Credit_Memo__c/" + memoId, auth).json();
    assertThat(memo.get("Lines_Amount__c").asDouble()).isEqualTo(12.5);
    assertThat(memo.get("SystemModstamp").asText()).as("the lines saved their credit memo").isGreaterThan(modstamp);
    assertError(sf.patchJson(SOBJECTS + "Credit_Memo__c/" + memoId, Map.of("Lines_Amount__c", 1.0), auth), 400,
        "INVALID_FIELD_FOR_INSERT_UPDATE");

    assertThat(sf.patchJson(SOBJECTS + "Credit_Memo_Line__c/" + lineId, Map.of("Amount__c", 4.0), auth).status()).isEqualTo(204);
    assertThat(sf.get(SOBJECTS + "Credit_Memo__c/" + memoId, auth).json().get("Lines_Amount__c").asDouble()).isEqualTo(6.5);
    assertThat(sf.delete(SOBJECTS + "Credit_Memo_Line__c/" + lineId, auth).status()).isEqualTo(204);
    assertThat(sf.get(SOBJECTS + "Credit_Memo__c/" + memoId, auth).json().get("Lines_Amount__c").asDouble()).isEqualTo(2.5);
  }

  private static String create(String type, Map<String, Object> body) {
    ContractClient.Reply reply = sf.postJson(SOBJECTS + type, body, auth);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asText();
  }

  private static JsonNode query(String soql) {
    ContractClient.Reply reply = sf.get(API + "/query?q=" + ContractClient.encode(soql), auth);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
