package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Estimates come from the catalog and the default mappings alone: a Salesforce Quote the customer has seen (Presented,
 * Accepted, Denied) and its QuoteLineItems become a QuickBooks Estimate with sales item lines, for the customer of the
 * Quote's Account; QuickBooks' number, status and total come back to the Quote, and a change of the estimate in
 * QuickBooks updates that Quote, never a second one. An estimate made in QuickBooks becomes a Quote on an Opportunity
 * the sync makes for it on the customer's Account, once, and never won.
 */
class EstimateSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  private static final SyncObject ESTIMATE = SyncObject.require("Estimate");

  SyncHarness h = new SyncHarness(0);

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aPresentedQuoteBecomesAnEstimateWithItsLinesAndGetsItsNumberStatusAndTotalBack() {
    String customerId = qboCustomer("Summit Outfitters");
    String tents = qboItem("Tents", 120);
    String stoves = qboItem("Stoves", 45.5);
    syncCustomersAndItems(TO_SF);
    String quote = quote("Spring gear", customerId, "Draft");
    h.personCreates("QuoteLineItem", quoteLine(quote, tents, 2, 110).put("Description", "Two-person tents"));
    h.personCreates("QuoteLineItem", quoteLine(quote, stoves, 3, 45.5));

    ObjectSyncResult draft = h.sync(ESTIMATE, TO_QBO);

    assertThat(draft.counts().created()).as("a draft stays in Salesforce: %s", draft).isZero();
    assertThat(h.qboAll("Estimate")).isEmpty();

    h.personUpdates("Quote", quote, SyncHarness.JSON.createObjectNode().put("Status", "Presented"));
    ObjectSyncResult created = h.sync(ESTIMATE, TO_QBO);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    ObjectNode estimate = h.qboAll("Estimate").get(0);
    assertThat(estimate.at("/CustomerRef/value").asText()).as("the Quote's Account's customer").isEqualTo(customerId);
    assertThat(estimate.get("TxnStatus").asText()).isEqualTo("Pending");
    assertThat(estimate.get("ExpirationDate").asText()).isEqualTo("2026-12-31");
    assertThat(estimate.at("/CustomerMemo/value").asText()).isEqualTo("Prices hold until the end of the year");
    assertThat(estimate.get("PrivateNote").asText()).isEqualTo("Salesforce quote Spring gear");
    assertThat(estimate.get("TotalAmt").decimalValue()).isEqualByComparingTo("356.5");
    JsonNode firstLine = estimate.get("Line").get(0);
    assertThat(firstLine.at("/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo(tents);
    assertThat(firstLine.at("/SalesItemLineDetail/Qty").decimalValue()).isEqualByComparingTo("2");
    assertThat(firstLine.at("/SalesItemLineDetail/UnitPrice").decimalValue()).as("the quoted price").isEqualByComparingTo("110");
    assertThat(firstLine.get("Description").asText()).isEqualTo("Two-person tents");
    assertThat(estimate.get("Line").get(1).at("/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo(stoves);
    ObjectNode written = quoteRecord(quote);
    assertThat(written.get("QBO_Id__c").asText()).isEqualTo(h.externalId(estimate.get("Id").asText()));
    assertThat(written.get("Doc_Number__c").asText()).as("QuickBooks numbers estimates").isEqualTo(estimate.get("DocNumber").asText());
    assertThat(written.get("Estimate_Status__c").asText()).isEqualTo("Pending");
    assertThat(written.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("356.5");
    assertThat(written.get("Status").asText()).isEqualTo("Presented");
    assertThat(written.get("Name").asText()).as("the sales team's name stays").isEqualTo("Spring gear");
    assertNothingMoreToWrite();
  }

  @Test
  void statusChangesInQuickBooksUpdateTheQuoteTheEstimateCameFrom() {
    String customerId = qboCustomer("Ridge Runners");
    String tents = qboItem("Tents", 120);
    syncCustomersAndItems(TO_SF);
    String quote = quote("Club tents", customerId, "Presented");
    h.personCreates("QuoteLineItem", quoteLine(quote, tents, 4, 120));
    assertThat(h.sync(ESTIMATE, TO_QBO).counts().created()).isEqualTo(1);
    String estimateId = h.qboAll("Estimate").get(0).get("Id").asText();

    h.qboChange("Estimate", estimateId, update -> update.put("TxnStatus", "Accepted"));
    ObjectSyncResult accepted = h.sync(ESTIMATE, TO_SF);

    assertThat(accepted.counts().updated()).as("%s", accepted).isEqualTo(1);
    assertThat(accepted.counts().created()).as("the Quote it came from, not a second one").isZero();
    assertThat(h.soql("SELECT Id FROM Quote")).hasSize(1);
    ObjectNode record = quoteRecord(quote);
    assertThat(record.get("Estimate_Status__c").asText()).isEqualTo("Accepted");
    assertThat(record.get("Status").asText()).isEqualTo("Accepted");
    assertThat(h.soql("SELECT Id FROM QuoteLineItem WHERE QuoteId = " + SalesforceClient.quote(quote)))
        .as("the sales team's lines stay").hasSize(1);

    h.qboChange("Estimate", estimateId, update -> update.put("TxnStatus", "Rejected"));
    h.sync(ESTIMATE, TO_SF);

    record = quoteRecord(quote);
    assertThat(record.get("Estimate_Status__c").asText()).isEqualTo("Rejected");
    assertThat(record.get("Status").asText()).isEqualTo("Denied");
    assertNothingMoreToWrite();

    h.personUpdates("Quote", quote, SyncHarness.JSON.createObjectNode().put("Status", "Accepted"));
    assertThat(h.sync(ESTIMATE, TO_QBO).counts().updated()).isEqualTo(1);
    assertThat(h.qboAll("Estimate").get(0).get("TxnStatus").asText()).as("accepted in Salesforce").isEqualTo("Accepted");

    h.qboChange("Estimate", estimateId, update -> update.put("TxnStatus", "Closed"));
    h.sync(ESTIMATE, TO_SF);

    record = quoteRecord(quote);
    assertThat(record.get("Estimate_Status__c").asText()).as("made an invoice in QuickBooks").isEqualTo("Closed");
    assertThat(record.get("Status").asText()).isEqualTo("Accepted");
  }

  @Test
  void anEstimateDeletedInQuickBooksLeavesItsQuoteMarkedDeleted() {
    String customerId = qboCustomer("Gone Estimate Co");
    String tents = qboItem("Tents", 120);
    syncCustomersAndItems(TO_SF);
    String quote = quote("Withdrawn", customerId, "Presented");
    h.personCreates("QuoteLineItem", quoteLine(quote, tents, 1, 120));
    assertThat(h.sync(ESTIMATE, TO_QBO).counts().created()).isEqualTo(1);
    String estimateId = h.qboAll("Estimate").get(0).get("Id").asText();
    assertThat(h.sync(ESTIMATE, TO_SF).counts().updated()).as("the estimate is the Quote's own write").isZero();

    h.qboPost("estimate", "operation=delete", SyncHarness.JSON.createObjectNode().put("Id", estimateId).put("SyncToken", "0"));
    ObjectSyncResult deleted = h.sync(ESTIMATE, TO_SF);

    assertThat(deleted.counts().updated()).as("%s", deleted).isEqualTo(1);

    assertThat(quoteRecord(quote).get("Estimate_Status__c").asText()).isEqualTo("Deleted");
  }

  @Test
  void aQuoteDeletedInSalesforceDeletesItsEstimateWhenTheMappingSaysSo() {
    h.mappings = Mappings.withOverride("""
        mappings:
          - object: Estimate
            salesforceObject: Quote
            onSalesforceDelete: DELETE
        """, "deletes.yaml");
    String customerId = qboCustomer("Cancelled Plans");
    String tents = qboItem("Tents", 120);
    syncCustomersAndItems(TO_SF);
    String quote = quote("Cancelled", customerId, "Presented");
    h.personCreates("QuoteLineItem", quoteLine(quote, tents, 1, 120));
    assertThat(h.sync(ESTIMATE, TO_QBO).counts().created()).isEqualTo(1);

    SaveResult deleted = h.people.deleteAll(List.of(quote)).get(0);
    assertThat(deleted.success()).as("%s", deleted.errors()).isTrue();
    ObjectSyncResult run = h.sync(ESTIMATE, TO_QBO);

    assertThat(run.counts().updated()).as("%s", run).isEqualTo(1);
    assertThat(h.qboAll("Estimate")).isEmpty();
  }

  @Test
  void aQuoteWhoseProductIsNotInQuickBooksYetIsDeferredUntilItIs() {
    String customerId = qboCustomer("Early Adopters");
    String tents = qboItem("Tents", 120);
    syncCustomersAndItems(TO_SF);
    String lantern = h.personCreates("Product2", SyncHarness.JSON.createObjectNode().put("Name", "Lantern").put("IsActive", true));
    h.personCreates("PricebookEntry", SyncHarness.JSON.createObjectNode().put("Pricebook2Id", standardPricebook())
        .put("Product2Id", lantern).put("UnitPrice", 30).put("IsActive", true));
    String quote = quote("With a new product", customerId, "Presented");
    h.personCreates("QuoteLineItem", quoteLine(quote, tents, 1, 120));
    h.personCreates("QuoteLineItem", lineFor(quote, entryOf(lantern), 2, 30));

    ObjectSyncResult waiting = h.sync(ESTIMATE, TO_QBO);

    assertThat(waiting.counts().deferred()).as("%s", waiting).isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, ESTIMATE, TO_QBO, quote).orElseThrow().missingParents())
        .contains("Item " + lantern);
    assertThat(h.qboAll("Estimate")).isEmpty();

    assertThat(h.sync(SyncObject.ITEM, TO_QBO).counts().created()).as("the product reaches QuickBooks").isEqualTo(1);

    assertThat(h.qboAll("Estimate")).as("retried once its product synced").singleElement()
        .satisfies(estimate -> assertThat(estimate.get("TotalAmt").decimalValue()).isEqualByComparingTo("180"));
    assertThat(h.stores.deferred().find(h.realmId, ESTIMATE, TO_QBO, quote)).isEmpty();
  }

  @Test
  void anEstimateMadeInQuickBooksBecomesAQuoteOnAnOpportunityMadeForItOnTheCustomersAccount() {
    String customerId = qboCustomer("Walk-in Estimates");
    String tents = qboItem("Tents", 120);
    syncCustomersAndItems(TO_SF);
    ObjectNode estimate = qboEstimate(customerId, tents, "2027-01-15");

    ObjectSyncResult created = h.sync(ESTIMATE, TO_SF);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    String estimateId = estimate.get("Id").asText();
    String docNumber = estimate.get("DocNumber").asText();
    List<ObjectNode> quotes = h.soql("SELECT Id, Name, Status, OpportunityId, AccountId, Doc_Number__c, Estimate_Status__c,"
        + " Total_Amount__c FROM Quote WHERE QBO_Id__c = " + SalesforceClient.quote(h.externalId(estimateId)));
    assertThat(quotes).hasSize(1);
    ObjectNode quote = quotes.get(0);
    assertThat(quote.get("Name").asText()).isEqualTo("Estimate " + docNumber);
    assertThat(quote.get("Status").asText()).isEqualTo("Presented");
    assertThat(quote.get("Doc_Number__c").asText()).isEqualTo(docNumber);
    assertThat(quote.get("Estimate_Status__c").asText()).isEqualTo("Pending");
    assertThat(quote.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("240");
    String account = salesforceId("Account", h.externalId(customerId));
    assertThat(quote.get("AccountId").asText()).as("the customer's Account, through its Opportunity").isEqualTo(account);
    ObjectNode opportunity = opportunityMadeFor(estimateId);
    assertThat(quote.get("OpportunityId").asText()).isEqualTo(opportunity.get("Id").asText());
    assertThat(opportunity.get("Name").asText()).isEqualTo("Estimate " + docNumber);
    assertThat(opportunity.get("AccountId").asText()).isEqualTo(account);
    assertThat(opportunity.get("StageName").asText()).isEqualTo("Proposal/Price Quote");
    assertThat(opportunity.get("CloseDate").asText()).as("the estimate's expiration date").isEqualTo("2027-01-15");
    assertThat(opportunity.get("IsWon").asBoolean()).isFalse();
    String lineId = estimate.get("Line").get(0).get("Id").asText();
    assertThat(quoteLines(quote.get("Id").asText())).as("the estimate's line, through the product's standard price")
        .singleElement().satisfies(line -> {
          assertThat(line.get("QBO_Id__c").asText()).isEqualTo(h.externalId(estimateId) + "-" + lineId);
          assertThat(line.get("Product2Id").asText()).isEqualTo(salesforceId("Product2", h.externalId(tents)));
          assertThat(line.get("Quantity").decimalValue()).isEqualByComparingTo("2");
          assertThat(line.get("UnitPrice").decimalValue()).isEqualByComparingTo("120");
          assertThat(line.get("TotalPrice").decimalValue()).isEqualByComparingTo("240");
        });

    assertNothingMoreToWrite();
    assertThat(h.soql("SELECT Id FROM Opportunity")).as("no second Opportunity").hasSize(1);
    assertThat(h.soql("SELECT Id FROM Quote")).as("no second Quote").hasSize(1);
  }

  @Test
  void anEstimateWithoutAnExpirationDateClosesItsOpportunityOnItsDate() {
    ObjectNode estimate = estimateInQuickBooksOfACustomerInSalesforce("Open-ended", null);

    assertThat(h.sync(ESTIMATE, TO_SF).counts().created()).isEqualTo(1);

    assertThat(opportunityMadeFor(estimate.get("Id").asText()).get("CloseDate").asText())
        .isEqualTo(estimate.get("TxnDate").asText());
  }

  @Test
  void aStatusChangeInQuickBooksUpdatesTheQuoteMadeForTheEstimateOnTheSameOpportunity() {
    String estimateId = estimateInQuickBooksOfACustomerInSalesforce("Changing Minds", "2027-01-15").get("Id").asText();
    assertThat(h.sync(ESTIMATE, TO_SF).counts().created()).isEqualTo(1);
    String quote = salesforceId("Quote", h.externalId(estimateId));
    String name = quoteRecord(quote).get("Name").asText();
    h.personUpdates("Quote", quote, SyncHarness.JSON.createObjectNode().put("Name", "Club tents, as offered"));

    h.qboChange("Estimate", estimateId, update -> update.put("TxnStatus", "Accepted"));
    ObjectSyncResult accepted = h.sync(ESTIMATE, TO_SF);

    assertThat(accepted.counts().updated()).as("%s", accepted).isEqualTo(1);
    assertThat(accepted.counts().created()).isZero();
    ObjectNode record = quoteRecord(quote);
    assertThat(record.get("Status").asText()).isEqualTo("Accepted");
    assertThat(record.get("Estimate_Status__c").asText()).isEqualTo("Accepted");
    assertThat(record.get("Name").asText()).as("named once, when made (was %s)", name).isEqualTo("Club tents, as offered");
    assertThat(h.soql("SELECT Id FROM Opportunity")).as("the Opportunity made for it, no second").hasSize(1);
    assertThat(h.soql("SELECT Id FROM Quote")).hasSize(1);
  }

  @Test
  void theLinesOfTheQuoteMadeForAnEstimateFollowItsLinesInQuickBooks() {
    String customerId = qboCustomer("Line Changes");
    String tents = qboItem("Tents", 120);
    String stoves = qboItem("Stoves", 45.5);
    String lanterns = qboItem("Lanterns", 12);
    syncCustomersAndItems(TO_SF);
    ObjectNode estimate = qboEstimate(customerId, null, salesLine(tents, 2, 120), salesLine(stoves, 1, 45.5));
    String estimateId = estimate.get("Id").asText();
    assertThat(h.sync(ESTIMATE, TO_SF).counts().created()).isEqualTo(1);
    String quote = salesforceId("Quote", h.externalId(estimateId));
    List<ObjectNode> before = quoteLines(quote);
    assertThat(before).hasSize(2);

    ObjectNode tentsLine = estimate.get("Line").get(0).deepCopy();
    ((ObjectNode) tentsLine.get("SalesItemLineDetail")).put("Qty", 3);
    tentsLine.put("Amount", 360);
    ObjectNode lanternsLine = estimate.get("Line").get(1).deepCopy();
    ((ObjectNode) lanternsLine.at("/SalesItemLineDetail/ItemRef")).put("value", lanterns);
    ((ObjectNode) lanternsLine.get("SalesItemLineDetail")).put("UnitPrice", 12);
    lanternsLine.put("Amount", 12);
    h.qboChange("Estimate", estimateId, change -> change.putArray("Line").add(tentsLine).add(lanternsLine));
    ObjectSyncResult changed = h.sync(ESTIMATE, TO_SF);

    assertThat(changed.counts().updated()).as("%s", changed).isEqualTo(1);
    List<ObjectNode> after = quoteLines(quote);
    assertThat(after).hasSize(2);
    ObjectNode tentsNow = after.stream().filter(l -> l.get("Id").equals(before.get(0).get("Id"))).findFirst().orElseThrow();
    assertThat(tentsNow.get("Quantity").decimalValue()).as("the same record, updated").isEqualByComparingTo("3");
    ObjectNode lanternsNow = after.stream().filter(l -> !l.get("Id").equals(before.get(0).get("Id"))).findFirst().orElseThrow();
    assertThat(lanternsNow.get("Product2Id").asText()).as("a line's product cannot change: made again")
        .isEqualTo(salesforceId("Product2", h.externalId(lanterns)));
    assertThat(lanternsNow.get("QBO_Id__c").asText()).isEqualTo(before.get(1).get("QBO_Id__c").asText());
    assertThat(lanternsNow.get("Id").asText()).isNotEqualTo(before.get(1).get("Id").asText());
    assertNothingMoreToWrite();

    h.qboChange("Estimate", estimateId, change -> change.putArray("Line").add(tentsLine));
    assertThat(h.sync(ESTIMATE, TO_SF).counts().updated()).isEqualTo(1);

    assertThat(quoteLines(quote)).as("the line QuickBooks no longer has is removed").singleElement()
        .satisfies(line -> assertThat(line.get("Id")).isEqualTo(before.get(0).get("Id")));
  }

  @Test
  void aBundlesItemsReachTheQuoteAndTheLinesAQuoteCannotHoldAreCountedInTheRunsNote() {
    String customerId = qboCustomer("Discounted");
    String tents = qboItem("Tents", 120);
    String stoves = qboItem("Stoves", 45.5);
    String lanterns = qboItem("Lanterns", 12);
    ObjectNode kit = SyncHarness.JSON.createObjectNode().put("Name", "Camp kit").put("Type", "Group");
    ArrayNode kitItems = kit.putObject("ItemGroupDetail").putArray("ItemGroupLine");
    kitItems.addObject().put("Qty", 1).putObject("ItemRef").put("value", stoves);
    kitItems.addObject().put("Qty", 2).putObject("ItemRef").put("value", lanterns);
    String kitId = h.qboPost("item", null, kit).at("/Item/Id").asText();
    syncCustomersAndItems(TO_SF);
    ObjectNode bundle = SyncHarness.JSON.createObjectNode().put("DetailType", "GroupLineDetail");
    bundle.putObject("GroupLineDetail").put("Quantity", 1).putObject("GroupItemRef").put("value", kitId);
    ObjectNode discount = SyncHarness.JSON.createObjectNode().put("DetailType", "DiscountLineDetail").put("Amount", 24);
    discount.putObject("DiscountLineDetail").put("PercentBased", false);
    ObjectNode words = SyncHarness.JSON.createObjectNode().put("DetailType", "DescriptionOnly")
        .put("Description", "Delivered to the trailhead");
    String estimateId = qboEstimate(customerId, null, salesLine(tents, 2, 120), bundle, discount, words).get("Id").asText();

    ObjectSyncResult created = h.sync(ESTIMATE, TO_SF);

    assertThat(created.counts().created()).as("%s", created).isEqualTo(1);
    assertThat(quoteLines(salesforceId("Quote", h.externalId(estimateId)))).as("the item line and the bundle's items")
        .extracting(line -> line.get("Product2Id").asText(), line -> line.get("Quantity").decimalValue().intValue())
        .containsExactly(tuple(salesforceId("Product2", h.externalId(tents)), 2),
            tuple(salesforceId("Product2", h.externalId(stoves)), 1),
            tuple(salesforceId("Product2", h.externalId(lanterns)), 2));
    assertThat(created.note()).isEqualTo("1 record(s) with a note, by source id: " + estimateId + ": lines not carried"
        + " to QuoteLineItem (it takes only lines with {DetailType=SalesItemLineDetail}): 1 DescriptionOnly,"
        + " 1 DiscountLineDetail");
  }

  @Test
  void aQuoteMadeForAnEstimateAcceptedInSalesforceAcceptsTheEstimateWhichKeepsItsLines() {
    ObjectNode estimate = estimateInQuickBooksOfACustomerInSalesforce("Yes From Sales", "2027-01-15");
    String estimateId = estimate.get("Id").asText();
    assertThat(h.sync(ESTIMATE, TO_SF).counts().created()).isEqualTo(1);
    String quote = salesforceId("Quote", h.externalId(estimateId));

    h.personUpdates("Quote", quote, SyncHarness.JSON.createObjectNode().put("Status", "Accepted"));
    ObjectSyncResult accepted = h.sync(ESTIMATE, TO_QBO);

    assertThat(accepted.counts().failed()).as("%s", accepted).isZero();
    assertThat(accepted.counts().updated()).as("%s", accepted).isEqualTo(1);
    ObjectNode now = h.qboAll("Estimate").get(0);
    assertThat(now.get("TxnStatus").asText()).isEqualTo("Accepted");
    assertThat(now.get("Line")).as("the estimate's lines are QuickBooks': the Quote's header goes, not its lines")
        .isEqualTo(estimate.get("Line"));
    assertThat(now.get("TotalAmt").decimalValue()).isEqualByComparingTo("240");
    assertNothingMoreToWrite();
  }

  @Test
  void aRetriedAttemptFindsTheOpportunityAndQuoteTheCutOffOneMade() {
    String estimateId = estimateInQuickBooksOfACustomerInSalesforce("Interrupted", "2027-01-15").get("Id").asText();
    AtomicBoolean crashed = h.answerLostOnce(request -> request.url().encodedPath().contains("/composite/sobjects/Quote"),
        "simulated crash after Salesforce wrote the Quote");

    ObjectSyncResult result = h.syncAfterACrash(ESTIMATE, TO_SF);

    assertThat(crashed).isTrue();
    assertThat(result.counts().failed()).as("%s", result).isZero();
    assertThat(h.soql("SELECT Id FROM Opportunity")).as("no second Opportunity").hasSize(1);
    assertThat(h.soql("SELECT Id FROM Quote")).as("no second Quote").hasSize(1);
    assertThat(salesforceId("Quote", h.externalId(estimateId))).isNotNull();
    assertNothingMoreToWrite();
  }

  @Test
  void anEstimateOfACustomerNotInSalesforceYetWaitsForItsAccount() {
    String customerId = qboCustomer("Late Account");
    String tents = qboItem("Tents", 120);
    assertThat(h.sync(SyncObject.ITEM, TO_SF).counts().failed()).isZero();
    String estimateId = qboEstimate(customerId, tents, "2027-01-15").get("Id").asText();

    ObjectSyncResult waiting = h.sync(ESTIMATE, TO_SF);

    assertThat(waiting.counts().deferred()).as("%s", waiting).isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, ESTIMATE, TO_SF, estimateId).orElseThrow().missingParents())
        .contains("Customer " + customerId);
    assertThat(h.soql("SELECT Id FROM Opportunity")).isEmpty();

    assertThat(h.sync(SyncObject.CUSTOMER, TO_SF).counts().created()).isEqualTo(1);

    assertThat(h.soql("SELECT Id FROM Quote")).as("retried once its customer synced").hasSize(1);
  }

  @Test
  void theOpportunityMadeForAnEstimateNeverBecomesAnInvoice() {
    String estimateId = estimateInQuickBooksOfACustomerInSalesforce("Not A Sale Yet", "2027-01-15").get("Id").asText();
    assertThat(h.sync(ESTIMATE, TO_SF).counts().created()).isEqualTo(1);

    ObjectSyncResult invoices = h.sync(SyncObject.INVOICE, TO_QBO);

    assertThat(invoices.counts().created()).as("%s", invoices).isZero();
    assertThat(h.qboAll("Invoice")).isEmpty();

    String opportunity = opportunityMadeFor(estimateId).get("Id").asText();
    h.personUpdates("Opportunity", opportunity, SyncHarness.JSON.createObjectNode().put("StageName", "Closed Won"));
    ObjectSyncResult won = h.sync(SyncObject.INVOICE, TO_QBO);

    assertThat(won.counts().created()).as("its key is the estimate's, not an invoice's: %s", won).isZero();
    assertThat(won.counts().failed()).isZero();
    assertThat(h.qboAll("Invoice")).isEmpty();
  }

  /** A new customer's estimate of Tents made in QuickBooks, the customer and the item synced to Salesforce first. */
  private ObjectNode estimateInQuickBooksOfACustomerInSalesforce(String customerName, String expirationDate) {
    String customerId = qboCustomer(customerName);
    String tents = qboItem("Tents", 120);
    syncCustomersAndItems(TO_SF);
    return qboEstimate(customerId, tents, expirationDate);
  }

  private ObjectNode qboEstimate(String customerId, String itemId, String expirationDate) {
    return qboEstimate(customerId, expirationDate, salesLine(itemId, 2, 120));
  }

  /** An estimate made in QuickBooks, as QuickBooks answers it; {@code expirationDate} null for none. */
  private ObjectNode qboEstimate(String customerId, String expirationDate, ObjectNode... lines) {
    ObjectNode body = SyncHarness.JSON.createObjectNode();
    body.putObject("CustomerRef").put("value", customerId);
    if (expirationDate != null) {
      body.put("ExpirationDate", expirationDate);
    }
    body.putArray("Line").addAll(List.of(lines));
    return (ObjectNode) h.qboPost("estimate", null, body).get("Estimate");
  }

  private ObjectNode opportunityMadeFor(String estimateId) {
    List<ObjectNode> found = h.soql("SELECT Id, Name, AccountId, StageName, CloseDate, IsWon FROM Opportunity WHERE QBO_Id__c = "
        + SalesforceClient.quote(h.realmId + "-Estimate-" + estimateId));
    assertThat(found).as("the Opportunity made for estimate %s", estimateId).hasSize(1);
    return found.get(0);
  }

  private void syncCustomersAndItems(SyncDirection direction) {
    for (ObjectSyncResult result : h.run(direction, SyncObject.CUSTOMER, SyncObject.ITEM)) {
      assertThat(result.counts().failed() + result.counts().deferred()).as("%s", result).isZero();
    }
  }

  /** After a sync both ways, neither direction has anything left to write: no echo, no repeat. */
  private void assertNothingMoreToWrite() {
    h.writes.clear();
    List<ObjectSyncResult> reruns = new ArrayList<>(h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, ESTIMATE));
    reruns.addAll(h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM, ESTIMATE));
    assertThat(reruns).allSatisfy(rerun -> {
      assertThat(rerun.counts().failed()).as("%s", rerun).isZero();
      assertThat(rerun.counts().created() + rerun.counts().updated()).as("%s", rerun).isZero();
    });
    assertThat(h.writes).as("no echo either way").isEmpty();
  }

  /** A Quote on a new Opportunity of the customer's Account, as a sales rep makes one. */
  private String quote(String name, String customerId, String status) {
    String account = salesforceId("Account", h.externalId(customerId));
    String opportunity = h.personCreates("Opportunity", SyncHarness.JSON.createObjectNode().put("Name", name + " deal")
        .put("AccountId", account).put("StageName", "Proposal/Price Quote").put("CloseDate", "2026-12-31"));
    return h.personCreates("Quote", SyncHarness.JSON.createObjectNode().put("Name", name).put("OpportunityId", opportunity)
        .put("Status", status).put("ExpirationDate", "2026-12-31").put("Description", "Prices hold until the end of the year"));
  }

  private ObjectNode quoteLine(String quote, String itemId, double quantity, double unitPrice) {
    return lineFor(quote, entryOf(salesforceId("Product2", h.externalId(itemId))), quantity, unitPrice);
  }

  private static ObjectNode lineFor(String quote, String pricebookEntry, double quantity, double unitPrice) {
    return SyncHarness.JSON.createObjectNode().put("QuoteId", quote).put("PricebookEntryId", pricebookEntry)
        .put("Quantity", quantity).put("UnitPrice", unitPrice);
  }

  private String entryOf(String product) {
    return h.soql("SELECT Id FROM PricebookEntry WHERE Product2Id = " + SalesforceClient.quote(product)
        + " AND Pricebook2Id = " + SalesforceClient.quote(standardPricebook())).get(0).get("Id").asText();
  }

  private String standardPricebook() {
    return h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
  }

  /** The Quote's QuoteLineItems, in the order they were made. */
  private List<ObjectNode> quoteLines(String quote) {
    return h.soql("SELECT Id, QBO_Id__c, Product2Id, Quantity, UnitPrice, TotalPrice FROM QuoteLineItem WHERE QuoteId = "
        + SalesforceClient.quote(quote) + " ORDER BY Id");
  }

  private ObjectNode quoteRecord(String quote) {
    return h.soql("SELECT Name, Status, QBO_Id__c, Doc_Number__c, Estimate_Status__c, Total_Amount__c FROM Quote WHERE Id = "
        + SalesforceClient.quote(quote)).get(0);
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

  private String salesforceId(String sObjectType, String key) {
    List<ObjectNode> found = h.soql("SELECT Id FROM " + sObjectType + " WHERE QBO_Id__c = " + SalesforceClient.quote(key));
    assertThat(found).as("the %s keyed %s", sObjectType, key).hasSize(1);
    return found.get(0).get("Id").asText();
  }
}
