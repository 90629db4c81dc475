package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.RecordOutcome;
import io.ledgerbridge.workflows.sync.RecordSyncResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Salesforce to QuickBooks against the sandbox, and the rules both directions share: echo, conflicts, retries. */
class SalesforceToQboSyncTest {
  static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;

  SyncHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  String account(String name, String phone) {
    return h.personCreates("Account", SyncHarness.object(
        "{\"Name\":\"" + name + "\",\"Phone\":\"" + phone + "\",\"BillingStreet\":\"1 Main St.\\nSuite 4\",\"BillingCity\":\"Denver\"}"));
  }

  /** A QuickBooks batch of customer creates with its idempotency key, as the sync sends it. */
  static boolean quickBooksCreate(Request request) {
    return request.url().encodedPath().endsWith("/batch") && request.url().queryParameter("requestid") != null
        && SyncHarness.bodyText(request).contains("\"operation\":\"create\"");
  }

  /** A sync to QuickBooks whose worker dies right after QuickBooks made the customer: its link is never saved. */
  void syncToQuickBooksDyingRightAfterTheCreate() {
    h.answerLostOnce(SalesforceToQboSyncTest::quickBooksCreate,
        "worker died: QuickBooks created the customer, its link was never saved");
    assertThat(catchThrowable(() -> h.sync(SyncObject.CUSTOMER, TO_QBO))).as("the attempt died").isNotNull();
  }

  ObjectNode sf(String type, String id, String fields) {
    return h.soql("SELECT " + fields + " FROM " + type + " WHERE Id = '" + id + "'").get(0);
  }

  Map<String, ObjectNode> qboCustomersByName() {
    return h.qboAll("Customer").stream().collect(Collectors.toMap(c -> c.get("DisplayName").asText(), Function.identity()));
  }

  @Test
  void accountsBecomeCustomersWithTheirKeyWrittenBackAndARerunWritesNothing() {
    h = new SyncHarness(6);
    String acme = account("Acme Anvils", "(303) 555-0101");
    String zenith = account("Zenith Zippers", "(303) 555-0102");
    List<ObjectNode> unlinked = h.soql("SELECT Id, Name FROM Account WHERE QBO_Id__c = null");
    int customersBefore = h.qboAll("Customer").size();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(result.counts().created()).isEqualTo(unlinked.size());
    assertThat(result.counts().failed() + result.counts().deferred()).isZero();
    assertThat(h.qboAll("Customer")).hasSize(customersBefore + unlinked.size());
    ObjectNode customer = qboCustomersByName().get("Acme Anvils");
    assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(303) 555-0101");
    assertThat(customer.at("/BillAddr/Line1").asText()).isEqualTo("1 Main St.");
    assertThat(customer.at("/BillAddr/Line2").asText()).isEqualTo("Suite 4");
    assertThat(sf("Account", acme, "QBO_Id__c").get("QBO_Id__c").asText()).isEqualTo(h.externalId(customer.get("Id").asText()));
    assertThat(sf("Account", zenith, "QBO_Id__c").get("QBO_Id__c").asText()).startsWith(h.realmId + "-");
    assertThat(sf("Account", acme, "QBO_Sync_Status__c").get("QBO_Sync_Status__c").asText())
        .as("the field only QuickBooks derives comes back with the key").isEqualTo("Active");
    assertThat(h.qboWrites()).as("the creates went in one batch").isEqualTo(1);
    assertThat(h.writesMatching(w -> w.contains("/batch?") && w.contains("requestid="))).isEqualTo(1);

    h.writes.clear();
    ObjectSyncResult rerun = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(rerun.counts().created() + rerun.counts().updated() + rerun.counts().failed()).isZero();
    assertThat(h.writes).as("nothing written on a rerun").isEmpty();
  }

  @Test
  void progressCarriesTheTotalTheFirstQueryPageTellsWhenTheChangedAccountsSpanSeveralPages() {
    h = new SyncHarness(0);
    int accounts = SalesforceClient.MAX_COLLECTION_SIZE + 50;
    h.people.createAll("Account", IntStream.rangeClosed(1, accounts)
        .mapToObj(i -> SyncHarness.object("{\"Name\":\"Paged Account " + i + "\"}")).toList());
    h.salesforcePageSize = 200;
    List<String> queries = new ArrayList<>();
    h.fault(chain -> {
      queries.add(chain.request().url().queryParameter("q"));
      return null;
    });

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(result.counts().created()).as("%s", result).isEqualTo(accounts);
    // The SDK throttles heartbeats: the one that reached the listener may be the first, so only its total is known.
    assertThat(h.lastProgress().total()).isEqualTo(accounts);
    assertThat(queries).as("the first page's totalSize is the count").noneMatch(q -> q != null && q.startsWith("SELECT COUNT()"));
  }

  @Test
  void aQuickBooksToSalesforceRunFollowedByASalesforceToQuickBooksRunWritesNothingToQuickBooksAndBack() {
    h = new SyncHarness(6);
    h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM);
    h.writes.clear();

    List<ObjectSyncResult> back = h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM);

    int prospects = h.soql("SELECT Id FROM Account WHERE Name != null").size()
        - h.soql("SELECT Id FROM Account WHERE QBO_Id__c != null").size();
    assertThat(prospects).isZero();
    long writtenToQbo = h.qboWrites();
    // Only the seeded prospects (Accounts that never came from QuickBooks) are new to QuickBooks.
    assertThat(back.get(0).counts().created()).isEqualTo((int) writtenToQbo);
    assertThat(back.get(0).counts().updated()).isZero();
    assertThat(back.get(1).counts().created() + back.get(1).counts().updated()).as("%s", back.get(1)).isZero();

    h.writes.clear();
    List<ObjectSyncResult> forth = h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM);

    assertThat(forth).allSatisfy(r -> assertThat(r.counts().created() + r.counts().updated()).as("%s", r).isZero());
    assertThat(h.salesforceWrites()).as("%s", h.writes).isZero();
    h.writes.clear();
    assertThat(h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM))
        .allSatisfy(r -> assertThat(r.counts().created() + r.counts().updated()).as("%s", r).isZero());
    assertThat(h.qboWrites()).as("%s", h.writes).isZero();
  }

  @Test
  void linksMigratedWithoutASalesforceModstampDoNotSendEveryAccountBack() {
    h = new SyncHarness(4);
    h.sync(SyncObject.CUSTOMER, TO_SF);
    List<String> ids = h.qboAll("Customer").stream().map(c -> c.get("Id").asText()).toList();
    // As V10 migrated the walking skeleton's links: no SystemModstamp, only when the sync wrote.
    h.stores.links().findAll(h.realmId, SyncObject.CUSTOMER, ids).values()
        .forEach(link -> h.stores.links().save(link.withSalesforceModstamp(null)));
    h.writes.clear();

    ObjectSyncResult back = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(back.counts().updated()).as("%s", back).isZero();
    assertThat(h.writesMatching(w -> w.startsWith("POST") && w.contains("/customer") && !w.contains("requestid")))
        .as("no update of a linked customer: %s", h.writes).isZero();
  }

  @Test
  void productWithItsStandardPriceAndAWonOpportunityBecomeAnItemAndAnInvoiceWhichReturnsAsAnInvoiceRecord() {
    h = new SyncHarness(1);
    String account = account("Opportune Optics", "(303) 555-0103");
    String product = h.personCreates("Product2", SyncHarness.object("{\"Name\":\"Lens Kit\",\"ProductCode\":\"LK-1\",\"IsActive\":true}"));
    String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
    String entry = h.personCreates("PricebookEntry", SyncHarness.object("{\"Pricebook2Id\":\"" + standardBook
        + "\",\"Product2Id\":\"" + product + "\",\"UnitPrice\":40,\"IsActive\":true}"));
    String won = h.personCreates("Opportunity", SyncHarness.object("{\"Name\":\"Lens deal\",\"AccountId\":\"" + account
        + "\",\"StageName\":\"Closed Won\",\"CloseDate\":\"2026-11-20\"}"));
    h.personCreates("OpportunityLineItem", SyncHarness.object("{\"OpportunityId\":\"" + won + "\",\"PricebookEntryId\":\""
        + entry + "\",\"Quantity\":3,\"UnitPrice\":40,\"Description\":\"Three kits\"}"));
    String open = h.personCreates("Opportunity", SyncHarness.object("{\"Name\":\"Maybe\",\"AccountId\":\"" + account
        + "\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2026-12-20\"}"));

    List<ObjectSyncResult> results = h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE);

    assertThat(results.get(2).counts().created()).as("%s", results.get(2)).isEqualTo(1);
    ObjectNode item = h.qboAll("Item").stream().filter(i -> i.get("Name").asText().equals("Lens Kit")).findFirst().orElseThrow();
    assertThat(item.get("UnitPrice").decimalValue()).isEqualByComparingTo("40");
    assertThat(item.get("Sku").asText()).isEqualTo("LK-1");
    assertThat(item.get("Type").asText()).isEqualTo("Service");
    assertThat(sf("Product2", product, "Family").get("Family").asText()).as("Family follows the item's Type").isEqualTo("Service");
    String invoiceKey = sf("Opportunity", won, "QBO_Id__c").get("QBO_Id__c").asText();
    assertThat(invoiceKey).startsWith(h.realmId + "-");
    assertThat(sf("Opportunity", open, "QBO_Id__c").get("QBO_Id__c").isNull()).as("only won deals").isTrue();
    ObjectNode invoice = h.qbo.read(h.realmId, "Invoice", invoiceKey.substring(h.realmId.length() + 1));
    assertThat(invoice.at("/CustomerRef/value").asText()).isEqualTo(qboCustomersByName().get("Opportune Optics").get("Id").asText());
    assertThat(invoice.get("TotalAmt").decimalValue()).isEqualByComparingTo("120");
    assertThat(invoice.get("TxnDate").asText()).isEqualTo("2026-11-20");
    JsonNode line = invoice.get("Line").get(0);
    assertThat(line.at("/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo(item.get("Id").asText());
    assertThat(line.at("/SalesItemLineDetail/Qty").decimalValue()).isEqualByComparingTo("3");

    RecordSyncResult lost = h.syncRecords(SyncObject.INVOICE, TO_QBO, List.of(open), null);
    assertThat(lost.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo(RecordOutcome.Kind.NOT_FOUND);
      assertThat(o.message()).contains("IsWon = true");
    });
    h.writes.clear();
    assertThat(h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE))
        .allSatisfy(r -> assertThat(r.counts().created() + r.counts().updated()).as("%s", r).isZero());
    assertThat(h.qboWrites()).isZero();

    List<ObjectSyncResult> toSalesforce = h.run(TO_SF, SyncObject.CUSTOMER, SyncObject.ITEM, SyncObject.INVOICE);
    // The seeded QuickBooks customer is new to Salesforce; the one that came from Salesforce is an echo.
    assertThat(toSalesforce.get(0).counts().created()).isEqualTo(1);
    assertThat(toSalesforce.get(0).counts().updated()).as("echo of the customer").isZero();
    ObjectNode invoiceRecord = h.soql("SELECT Id, Account__c, Opportunity__c, Total_Amount__c FROM Invoice__c WHERE QBO_Id__c = '"
        + invoiceKey + "'").get(0);
    assertThat(invoiceRecord.get("Account__c").asText()).isEqualTo(account);
    assertThat(invoiceRecord.get("Opportunity__c").asText()).as("the deal it was born from").isEqualTo(won);
    assertThat(invoiceRecord.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("120");
  }

  @Test
  void aPriceChangedOnlyOnTheStandardPriceBookEntryReachesTheItem() {
    h = new SyncHarness(1);
    String product = h.personCreates("Product2", SyncHarness.object("{\"Name\":\"Filter Set\",\"ProductCode\":\"FS-1\",\"IsActive\":true}"));
    String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
    String entry = h.personCreates("PricebookEntry", SyncHarness.object("{\"Pricebook2Id\":\"" + standardBook
        + "\",\"Product2Id\":\"" + product + "\",\"UnitPrice\":25,\"IsActive\":true}"));
    h.sync(SyncObject.ITEM, TO_QBO);
    String modstampBefore = sf("Product2", product, "SystemModstamp").get("SystemModstamp").asText();

    h.personUpdates("PricebookEntry", entry, SyncHarness.object("{\"UnitPrice\":27.5}"));
    ObjectSyncResult repriced = h.sync(SyncObject.ITEM, TO_QBO);

    assertThat(sf("Product2", product, "SystemModstamp").get("SystemModstamp").asText()).isEqualTo(modstampBefore);
    assertThat(repriced.counts().updated()).as("%s", repriced).isEqualTo(1);
    ObjectNode item = h.qboAll("Item").stream().filter(i -> i.get("Name").asText().equals("Filter Set")).findFirst().orElseThrow();
    assertThat(item.get("UnitPrice").decimalValue()).isEqualByComparingTo("27.5");
    h.writes.clear();
    ObjectSyncResult rerun = h.sync(SyncObject.ITEM, TO_QBO);
    assertThat(rerun.counts().created() + rerun.counts().updated()).as("%s", rerun).isZero();
    assertThat(h.writesMatching(w -> w.contains("/item"))).isZero();

    // A price the sync itself wrote to the PricebookEntry is not sent back.
    ObjectNode change = SyncHarness.object("{\"Id\":\"" + item.get("Id").asText() + "\",\"SyncToken\":\""
        + item.get("SyncToken").asText() + "\",\"sparse\":true,\"UnitPrice\":31}");
    h.qbo.save(h.realmId, "Item", change, null);
    assertThat(h.sync(SyncObject.ITEM, TO_SF).counts().updated()).isEqualTo(1);
    assertThat(h.soql("SELECT UnitPrice FROM PricebookEntry WHERE Id = '" + entry + "'").get(0).get("UnitPrice").decimalValue())
        .isEqualByComparingTo("31");
    h.writes.clear();
    ObjectSyncResult back = h.sync(SyncObject.ITEM, TO_QBO);
    assertThat(back.counts().created() + back.counts().updated()).as("%s", back).isZero();
    assertThat(h.writesMatching(w -> w.contains("/item"))).as("%s", h.writes).isZero();
  }

  @Test
  void customerChangedOnBothSidesFollowsSalesforceByDefault() {
    h = new SyncHarness(3);
    h.sync(SyncObject.CUSTOMER, TO_SF);
    ObjectNode customer = h.qboAll("Customer").get(0);
    String qboId = customer.get("Id").asText();
    String accountId = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = '" + h.externalId(qboId) + "'").get(0).get("Id").asText();
    h.personUpdates("Account", accountId, SyncHarness.object("{\"Phone\":\"(111) 555-0000\"}"));
    h.qboChange("Customer", qboId, u -> u.putObject("PrimaryPhone").put("FreeFormNumber", "(222) 555-0000"));

    ObjectSyncResult toSalesforce = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(toSalesforce.counts().updated()).isZero();
    assertThat(sf("Account", accountId, "Phone").get("Phone").asText()).isEqualTo("(111) 555-0000");

    ObjectSyncResult toQbo = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(toQbo.counts().updated()).isEqualTo(1);
    assertThat(h.qbo.read(h.realmId, "Customer", qboId).at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(111) 555-0000");
    h.writes.clear();
    h.sync(SyncObject.CUSTOMER, TO_SF);
    assertThat(h.salesforceWrites()).as("settled: nothing goes back").isZero();
  }

  @Test
  void holdRecordsAConflictWithBothVersionsAndARetryWithAPolicySettlesIt() {
    h = new SyncHarness(3);
    h.mappings = Mappings.withOverride(
        "mappings:\n  - {object: Customer, salesforceObject: Account, conflictPolicy: HOLD}\n", "hold.yaml");
    h.sync(SyncObject.CUSTOMER, TO_SF);
    String qboId = h.qboAll("Customer").get(0).get("Id").asText();
    String accountId = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = '" + h.externalId(qboId) + "'").get(0).get("Id").asText();
    h.personUpdates("Account", accountId, SyncHarness.object("{\"Phone\":\"(111) 555-0000\"}"));
    h.qboChange("Customer", qboId, u -> u.putObject("PrimaryPhone").put("FreeFormNumber", "(222) 555-0000"));

    ObjectSyncResult toSalesforce = h.sync(SyncObject.CUSTOMER, TO_SF);
    ObjectSyncResult toQbo = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(toSalesforce.counts().failed()).isEqualTo(1);
    assertThat(toQbo.counts().failed()).isEqualTo(1);
    assertThat(sf("Account", accountId, "Phone").get("Phone").asText()).isEqualTo("(111) 555-0000");
    assertThat(h.qbo.read(h.realmId, "Customer", qboId).at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(222) 555-0000");
    RecordError conflict = h.stores.errors().findOpen(h.realmId, SyncObject.CUSTOMER, TO_SF, qboId).orElseThrow();
    assertThat(conflict.type().name()).isEqualTo("CONFLICT");
    assertThat(conflict.message()).contains("(222) 555-0000").contains("(111) 555-0000").contains("HOLD");

    RecordSyncResult settled = h.syncRecords(SyncObject.CUSTOMER, TO_SF, List.of(qboId), ConflictPolicy.QBO_WINS);

    assertThat(settled.outcomes()).containsExactly(new RecordOutcome(qboId, RecordOutcome.Kind.UPDATED, null));
    assertThat(sf("Account", accountId, "Phone").get("Phone").asText()).isEqualTo("(222) 555-0000");
    assertThat(h.stores.errors().findOpen(h.realmId, SyncObject.CUSTOMER, TO_SF, qboId)).isEmpty();
    h.writes.clear();
    ObjectSyncResult after = h.sync(SyncObject.CUSTOMER, TO_QBO);
    assertThat(after.counts().updated() + after.counts().failed()).as("%s", after).isZero();
    assertThat(h.qboWrites()).isZero();
  }

  @Test
  void lostQuickBooksAnswerToACreateIsRetriedWithTheSameRequestIdAndLeavesNoDuplicate() {
    h = new SyncHarness(1);
    account("Lost Answer Ltd", "(303) 555-0104");
    account("Second Try Inc", "(303) 555-0105");
    int expected = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = null").size();
    int before = h.qboAll("Customer").size();
    AtomicBoolean crashed = h.answerLostOnce(SalesforceToQboSyncTest::quickBooksCreate,
        "worker lost the answer: simulated crash after QuickBooks created the customer");

    ObjectSyncResult result = h.syncAfterACrash(SyncObject.CUSTOMER, TO_QBO);

    assertThat(crashed).isTrue();
    assertThat(result.counts().created()).isEqualTo(expected);
    assertThat(h.qboAll("Customer")).as("no duplicate in QuickBooks").hasSize(before + expected);
    assertThat(h.soql("SELECT Id FROM Account WHERE QBO_Id__c = null")).isEmpty();
  }

  @Test
  void createsGoThirtyABatchAndARefusedOneIsListedWithIntuitsReasonWhileTheOthersSync() {
    h = new SyncHarness(0);
    for (int i = 1; i <= 34; i++) {
      account(String.format("Batched Account %02d", i), "(303) 555-01" + (10 + i));
    }
    account("Twin Traders", "(303) 555-0201");
    String twin = account("Twin Traders", "(303) 555-0202");
    int accounts = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = null").size();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(h.writesMatching(w -> w.contains("/batch?"))).as("36 creates in batches of 30").isEqualTo(2);
    assertThat(h.qboWrites()).isEqualTo(2);
    assertThat(result.counts().created()).isEqualTo(accounts - 1);
    assertThat(result.counts().failed()).isEqualTo(1);
    String refused = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = null").get(0).get("Id").asText();
    RecordError error = h.stores.errors().findOpen(h.realmId, SyncObject.CUSTOMER, TO_QBO, refused).orElseThrow();
    assertThat(error.type().name()).isEqualTo("DUPLICATE");
    assertThat(error.message()).contains("6240").contains("Customer create from Account " + refused);
    assertThat(List.of(twin, h.soql("SELECT Id FROM Account WHERE Name = 'Twin Traders' AND QBO_Id__c != null")
        .get(0).get("Id").asText())).contains(refused);
    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.CUSTOMER, TO_QBO, 100)).as("nothing left in flight").isEmpty();
  }

  @Test
  void aCreateNotedBeforeCreatesWentInBatchesIsSentAgainAloneAndLeavesNoDuplicate() {
    h = new SyncHarness(0);
    String account = account("Sent Alone Ltd", "(303) 555-0301");
    // What a worker before batches left: the create sent alone under its own requestid, noted without a batch.
    h.fx.jdbc.update("INSERT INTO create_in_flight (company_id, object, direction, source_id, started_at)"
        + " VALUES (?, 'Customer', 'SALESFORCE_TO_QBO', ?, CURRENT_TIMESTAMP)", h.realmId, account);
    h.qbo.save(h.realmId, "Customer", SyncHarness.object("{\"DisplayName\":\"Sent Alone Ltd\"}"),
        "lb-customer-" + account);
    int customers = h.qboAll("Customer").size();
    h.writes.clear();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(result.counts().created()).as("%s", result).isEqualTo(1);
    assertThat(h.qboAll("Customer")).as("no second customer").hasSize(customers);
    assertThat(h.writesMatching(w -> w.contains("requestid=lb-customer-" + account))).isEqualTo(1);
    assertThat(sf("Account", account, "QBO_Id__c").get("QBO_Id__c").asText())
        .isEqualTo(h.externalId(qboCustomersByName().get("Sent Alone Ltd").get("Id").asText()));
    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.CUSTOMER, TO_QBO, 10)).isEmpty();
  }

  @Test
  void aCreateCutOffBeforeItsLinkIsFinishedByTheOtherDirectionNotCopiedBackAsASecondAccount() {
    h = new SyncHarness(1);
    h.sync(SyncObject.CUSTOMER, TO_SF);
    String account = account("Cut Off Ltd", "(303) 555-0107");
    syncToQuickBooksDyingRightAfterTheCreate();
    String customer = qboCustomersByName().get("Cut Off Ltd").get("Id").asText();
    assertThat(h.stores.links().findAll(h.realmId, SyncObject.CUSTOMER, "Account", List.of(customer))).isEmpty();

    ObjectSyncResult toSalesforce = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(toSalesforce.counts().created()).as("%s", toSalesforce).isZero();
    assertThat(h.soql("SELECT Id, QBO_Id__c FROM Account WHERE Name = 'Cut Off Ltd'")).as("one Account, keyed")
        .singleElement().satisfies(a -> {
          assertThat(a.get("Id").asText()).isEqualTo(account);
          assertThat(a.get("QBO_Id__c").asText()).isEqualTo(h.externalId(customer));
        });
    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.CUSTOMER, TO_QBO, 10)).isEmpty();
    h.writes.clear();
    ObjectSyncResult again = h.sync(SyncObject.CUSTOMER, TO_QBO);
    assertThat(again.counts().created() + again.counts().updated()).as("%s", again).isZero();
    assertThat(qboCustomersByName()).containsKey("Cut Off Ltd");
    assertThat(h.qboWrites()).as("no second customer").isZero();
  }

  @Test
  void anEditMadeAfterACreateWasCutOffReachesQuickBooksWhenTheOtherDirectionFinishesTheCreate() {
    h = new SyncHarness(1);
    h.sync(SyncObject.CUSTOMER, TO_SF);
    String account = account("Cut Off Then Renamed Ltd", "(303) 555-0111");
    syncToQuickBooksDyingRightAfterTheCreate();
    h.personUpdates("Account", account, SyncHarness.object("{\"Name\":\"Renamed After The Crash Ltd\"}"));

    h.sync(SyncObject.CUSTOMER, TO_SF);
    h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(qboCustomersByName()).as("the create's replay was brought up to the rename")
        .containsKey("Renamed After The Crash Ltd").doesNotContainKey("Cut Off Then Renamed Ltd");
    assertThat(sf("Account", account, "Name").get("Name").asText()).isEqualTo("Renamed After The Crash Ltd");
  }

  @Test
  void anEditMadeAfterACreateWasCutOffReachesQuickBooksWhenTheSameDirectionSendsTheCreateAgain() {
    h = new SyncHarness(1);
    String account = account("Cut Off Then Edited Ltd", "(303) 555-0112");
    syncToQuickBooksDyingRightAfterTheCreate();
    h.personUpdates("Account", account, SyncHarness.object("{\"Phone\":\"(303) 555-0199\"}"));

    h.sync(SyncObject.CUSTOMER, TO_QBO);

    ObjectNode customer = qboCustomersByName().get("Cut Off Then Edited Ltd");
    assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).as("%s", customer).isEqualTo("(303) 555-0199");
    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.CUSTOMER, TO_QBO, 10)).isEmpty();
  }

  /** A won deal of a new Account, with one line of a new product, whose customer and item are in QuickBooks already. */
  String wonDealWhoseCustomerAndItemAreInQuickBooks(String name) {
    String account = account(name + " Ltd", "(303) 555-0150");
    String product = h.personCreates("Product2", SyncHarness.object("{\"Name\":\"" + name + " Kit\",\"IsActive\":true}"));
    String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
    String entry = h.personCreates("PricebookEntry", SyncHarness.object("{\"Pricebook2Id\":\"" + standardBook
        + "\",\"Product2Id\":\"" + product + "\",\"UnitPrice\":25,\"IsActive\":true}"));
    String won = h.personCreates("Opportunity", SyncHarness.object("{\"Name\":\"" + name + " deal\",\"AccountId\":\""
        + account + "\",\"StageName\":\"Closed Won\",\"CloseDate\":\"2026-11-20\"}"));
    h.personCreates("OpportunityLineItem", SyncHarness.object("{\"OpportunityId\":\"" + won + "\",\"PricebookEntryId\":\""
        + entry + "\",\"Quantity\":2,\"UnitPrice\":25}"));
    h.run(TO_QBO, SyncObject.CUSTOMER, SyncObject.ITEM);
    return won;
  }

  @Test
  void aDealAnotherWorkerInvoicesWhileThisSyncReadsItsLinesIsUpdatedNotInvoicedTwice() {
    h = new SyncHarness(0);
    String won = wonDealWhoseCustomerAndItemAreInQuickBooks("Raced");
    int invoices = h.qboAll("Invoice").size();
    AtomicBoolean raced = new AtomicBoolean();
    AtomicReference<RecordSyncResult> elsewhere = new AtomicReference<>();
    // This sync has found the deal without a link; before it writes, another worker invoices the deal and saves the link.
    h.fault(chain -> {
      String query = chain.request().url().queryParameter("q");
      if (query != null && query.contains("FROM OpportunityLineItem") && raced.compareAndSet(false, true)) {
        elsewhere.set(h.syncRecordsInAnotherWorker(SyncObject.INVOICE, TO_QBO, List.of(won)));
      }
      return null;
    });

    ObjectSyncResult result = h.sync(SyncObject.INVOICE, TO_QBO);

    assertThat(elsewhere.get().counts().created()).as("the other worker made the invoice").isEqualTo(1);
    assertThat(result.counts().created()).as("%s", result).isZero();
    assertThat(result.counts().updated()).as("%s", result).isEqualTo(1);
    List<ObjectNode> after = h.qboAll("Invoice");
    assertThat(after).as("one invoice for the deal").hasSize(invoices + 1);
    String key = sf("Opportunity", won, "QBO_Id__c").get("QBO_Id__c").asText();
    assertThat(after).anySatisfy(invoice -> assertThat(h.externalId(invoice.get("Id").asText())).isEqualTo(key));
    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.INVOICE, TO_QBO, 10)).isEmpty();
  }

  @Test
  void aDealsInvoiceCutOffBeforeItsLinkIsLeftToTheRunsToQuickBooksWhichMakeNoSecondInvoice() {
    h = new SyncHarness(0);
    String won = wonDealWhoseCustomerAndItemAreInQuickBooks("Cut Off");
    int invoices = h.qboAll("Invoice").size();
    h.answerLostOnce(SalesforceToQboSyncTest::quickBooksCreate, "worker died: QuickBooks made the invoice, its link was never saved");
    assertThat(catchThrowable(() -> h.sync(SyncObject.INVOICE, TO_QBO))).as("the attempt died").isNotNull();

    h.sync(SyncObject.INVOICE, TO_SF);

    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.INVOICE, TO_QBO, 10))
        .as("the run to Salesforce writes Invoice__c records, holds no lock on deals, and leaves the create alone")
        .containsExactly(won);
    ObjectSyncResult toQuickBooks = h.sync(SyncObject.INVOICE, TO_QBO);
    assertThat(toQuickBooks.counts().created()).as("%s", toQuickBooks).isEqualTo(1);
    assertThat(h.qboAll("Invoice")).as("no second invoice").hasSize(invoices + 1);
    assertThat(sf("Opportunity", won, "QBO_Id__c").get("QBO_Id__c").asText()).startsWith(h.realmId + "-");
    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.INVOICE, TO_QBO, 10)).isEmpty();
  }

  @Test
  void anUpdateRefusedAfterACreateWasSentAgainKeepsTheCreateInFlightSoTheNextRunMakesNoSecondCustomer() {
    h = new SyncHarness(0);
    String account = account("Cut Off Twice Ltd", "(303) 555-0113");
    syncToQuickBooksDyingRightAfterTheCreate();
    h.personUpdates("Account", account, SyncHarness.object("{\"Name\":\"Cut Off Twice And Renamed Ltd\"}"));
    AtomicBoolean refused = new AtomicBoolean();
    h.fault(chain -> {
      Request request = chain.request();
      if (request.url().encodedPath().endsWith("/batch") && SyncHarness.bodyText(request).contains("\"operation\":\"update\"")
          && refused.compareAndSet(false, true)) {
        // The update that brings the replayed create up to date fails on its own, as one batch item.
        return new okhttp3.Response.Builder().request(request).protocol(okhttp3.Protocol.HTTP_1_1).code(200).message("OK")
            .body(okhttp3.ResponseBody.create("{\"BatchItemResponse\":[{\"bId\":\"1\",\"Fault\":{\"type\":\"SystemFault\","
                + "\"Error\":[{\"Message\":\"An application error has occurred\",\"code\":\"10000\"}]}}]}",
                okhttp3.MediaType.get("application/json")))
            .build();
      }
      return null;
    });

    assertThat(catchThrowable(() -> h.sync(SyncObject.CUSTOMER, TO_QBO))).as("the item's passing failure goes to Temporal")
        .isNotNull();
    ObjectSyncResult retried = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(refused).isTrue();
    assertThat(retried.counts().created()).as("%s", retried).isEqualTo(1);
    assertThat(h.qboAll("Customer").stream().map(c -> c.get("DisplayName").asText()).filter(n -> n.startsWith("Cut Off Twice")))
        .as("one customer, brought up to the rename").containsExactly("Cut Off Twice And Renamed Ltd");
    assertThat(h.stores.createsInFlight().ids(h.realmId, SyncObject.CUSTOMER, TO_QBO, 10)).isEmpty();
  }

  @Test
  void aKeyWriteBackCutOffIsFinishedByTheNextRunWithTheFieldsOnlyQuickBooksDerives() {
    h = new SyncHarness(1);
    String account = account("Unkeyed Ltd", "(303) 555-0113");
    AtomicBoolean workerAlive = new AtomicBoolean(true);
    h.fault(chain -> {
      Request request = chain.request();
      if (workerAlive.get() && request.method().equals("PATCH") && request.url().encodedPath().endsWith("/composite/sobjects")) {
        throw new IOException("worker died before the key write-back");
      }
      return null;
    });
    assertThat(catchThrowable(() -> h.sync(SyncObject.CUSTOMER, TO_QBO))).as("the attempt died").isNotNull();
    workerAlive.set(false);
    assertThat(sf("Account", account, "QBO_Id__c, QBO_Sync_Status__c").get("QBO_Id__c").isNull()).isTrue();

    ObjectSyncResult next = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(next.counts().created() + next.counts().updated()).as("%s", next).isZero();
    ObjectNode keyed = sf("Account", account, "QBO_Id__c, QBO_Sync_Status__c");
    assertThat(keyed.get("QBO_Id__c").asText()).isEqualTo(h.externalId(qboCustomersByName().get("Unkeyed Ltd").get("Id").asText()));
    assertThat(keyed.get("QBO_Sync_Status__c").asText()).isEqualTo("Active");
  }

  @Test
  void anEditMadeWhileTheSyncWritesTheKeyBackIsNotTakenForTheSyncsOwnAndReachesQuickBooks() {
    h = new SyncHarness(1);
    h.sync(SyncObject.CUSTOMER, TO_SF);
    String account = account("Racing Edit Ltd", "(303) 555-0108");
    AtomicBoolean edited = h.rightAfterOnce(
        request -> request.method().equals("PATCH") && request.url().encodedPath().endsWith("/composite/sobjects"),
        () -> h.personUpdates("Account", account, SyncHarness.object("{\"Name\":\"Racing Edit Renamed Ltd\"}")));

    h.sync(SyncObject.CUSTOMER, TO_QBO);
    ObjectSyncResult next = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(edited).isTrue();
    assertThat(next.counts().updated()).as("%s", next).isEqualTo(1);
    assertThat(qboCustomersByName()).containsKey("Racing Edit Renamed Ltd").doesNotContainKey("Racing Edit Ltd");
  }

  @Test
  void anEditMadeRightAfterTheSyncWroteAnAccountIsNotTakenForTheSyncsOwnAndReachesQuickBooks() {
    h = new SyncHarness(2);
    String customer = h.qboAll("Customer").get(0).get("Id").asText();
    AtomicBoolean edited = h.rightAfterOnce(
        request -> request.method().equals("PATCH") && request.url().encodedPath().contains("/composite/sobjects/Account/"),
        () -> {
          String account = h.people.queryAll("SELECT Id FROM Account WHERE QBO_Id__c = '" + h.externalId(customer) + "'")
              .get(0).get("Id").asText();
          h.personUpdates("Account", account, SyncHarness.object("{\"Phone\":\"(909) 555-0109\"}"));
        });

    h.sync(SyncObject.CUSTOMER, TO_SF);
    ObjectSyncResult toQbo = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(edited).isTrue();
    assertThat(toQbo.counts().updated()).as("%s", toQbo).isEqualTo(1);
    assertThat(h.qbo.read(h.realmId, "Customer", customer).at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(909) 555-0109");
  }

  @Test
  void lostSalesforceAnswerToAnUpsertIsRetriedAndLeavesNoDuplicate() {
    h = new SyncHarness(5);
    int customers = h.qboAll("Customer").size();
    AtomicBoolean crashed = h.answerLostOnce(request -> request.url().encodedPath().contains("/composite/sobjects/Account"),
        "simulated crash after Salesforce wrote the accounts");

    ObjectSyncResult result = h.syncAfterACrash(SyncObject.CUSTOMER, TO_SF);

    assertThat(crashed).isTrue();
    assertThat(result.counts().created() + result.counts().updated()).isEqualTo(customers);
    assertThat(h.soql("SELECT Id FROM Account WHERE QBO_Id__c != null")).hasSize(customers);
  }

  @Test
  void staleSyncTokenIsReadAgainAndTheUpdateRetriedOnce() {
    h = new SyncHarness(2);
    h.sync(SyncObject.CUSTOMER, TO_SF);
    String qboId = h.qboAll("Customer").get(0).get("Id").asText();
    String accountId = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = '" + h.externalId(qboId) + "'").get(0).get("Id").asText();
    h.personUpdates("Account", accountId, SyncHarness.object("{\"Phone\":\"(333) 555-0000\"}"));
    AtomicBoolean raced = new AtomicBoolean();
    h.fault(chain -> {
      if (chain.request().method().equals("POST") && chain.request().url().encodedPath().endsWith("/batch")
          && raced.compareAndSet(false, true)) {
        // Someone saves the customer in QuickBooks just before our update arrives.
        h.qboChange("Customer", qboId, u -> u.put("Notes", "edited meanwhile"));
      }
      return null;
    });

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(raced).isTrue();
    assertThat(result.counts().updated()).isEqualTo(1);
    assertThat(result.counts().failed()).isZero();
    ObjectNode customer = h.qbo.read(h.realmId, "Customer", qboId);
    assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(333) 555-0000");
    assertThat(customer.get("Notes").asText()).isEqualTo("edited meanwhile");
  }

  @Test
  void opportunityWhoseAccountIsNotInQuickBooksIsDeferredThenPulledThroughForARetryWithPullThrough() {
    h = new SyncHarness(1);
    String account = account("Deferred Dynamics", "(303) 555-0106");
    String product = h.personCreates("Product2", SyncHarness.object("{\"Name\":\"Gizmo\",\"IsActive\":true}"));
    String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
    String entry = h.personCreates("PricebookEntry", SyncHarness.object("{\"Pricebook2Id\":\"" + standardBook
        + "\",\"Product2Id\":\"" + product + "\",\"UnitPrice\":15,\"IsActive\":true}"));
    String won = h.personCreates("Opportunity", SyncHarness.object("{\"Name\":\"Gizmo deal\",\"AccountId\":\"" + account
        + "\",\"StageName\":\"Closed Won\",\"CloseDate\":\"2026-11-21\"}"));
    h.personCreates("OpportunityLineItem", SyncHarness.object("{\"OpportunityId\":\"" + won + "\",\"PricebookEntryId\":\""
        + entry + "\",\"Quantity\":2,\"TotalPrice\":30}"));

    ObjectSyncResult deferred = h.sync(SyncObject.INVOICE, TO_QBO);

    assertThat(deferred.counts().deferred()).isEqualTo(1);
    assertThat(h.stores.deferred().find(h.realmId, SyncObject.INVOICE, TO_QBO, won).orElseThrow().missingParents())
        .contains("Customer " + account).contains("Item " + product);

    RecordSyncResult pulled = h.activity().syncRecords(new io.ledgerbridge.workflows.sync.RecordSyncRequest(
        h.realmId, SyncObject.INVOICE, TO_QBO, List.of(won, "006000000000000AAA"), null, "retry-1", null, true));

    assertThat(pulled.counts().created()).isEqualTo(1);
    assertThat(pulled.outcomes()).extracting(RecordOutcome::kind)
        .containsExactlyInAnyOrder(RecordOutcome.Kind.CREATED, RecordOutcome.Kind.NOT_FOUND);
    assertThat(sf("Account", account, "QBO_Id__c").get("QBO_Id__c").asText()).startsWith(h.realmId + "-");
    assertThat(sf("Product2", product, "QBO_Id__c").get("QBO_Id__c").asText()).startsWith(h.realmId + "-");
    assertThat(h.stores.deferred().list(h.realmId, 10)).isEmpty();
  }

  @Test
  void accountNamedLikeAnUnlinkedCustomerIsLinkedToItWhenMatchingIsOn() {
    h = new SyncHarness(3);
    h.matchCustomersToAccountsByName();
    ObjectNode customer = h.qboAll("Customer").get(1);
    String twin = h.personCreatesAccountNamedLike(customer, "(444) 555-0000");
    int before = h.qboAll("Customer").size();
    int unlinked = h.soql("SELECT Id FROM Account WHERE QBO_Id__c = null").size();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(result.counts().updated()).isEqualTo(1);
    assertThat(h.qboAll("Customer")).hasSize(before + unlinked - 1);
    assertThat(sf("Account", twin, "QBO_Id__c").get("QBO_Id__c").asText()).isEqualTo(h.externalId(customer.get("Id").asText()));
    assertThat(h.qbo.read(h.realmId, "Customer", customer.get("Id").asText()).at("/PrimaryPhone/FreeFormNumber").asText())
        .isEqualTo("(444) 555-0000");
  }
}
