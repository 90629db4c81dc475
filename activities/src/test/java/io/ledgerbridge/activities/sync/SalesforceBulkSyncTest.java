package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sync to Salesforce of at least the bulk threshold's records writes them in Bulk API 2.0 ingest jobs,
 * counted at the sandbox: one job for a first sync of 2,500 customers, its refusals the same record errors
 * a collection's are, collections below the threshold, and a retried attempt that sends its job again
 * doubles and loses nothing.
 */
class SalesforceBulkSyncTest {
  private static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  private static final String JOBS = "/services/data/{version}/jobs/ingest";
  private static final String COLLECTION_UPSERTS = "PATCH /services/data/{version}/composite/sobjects/{type}/{field}";
  /** Billing City is 40 characters in Salesforce; this mapping lets longer ones through for Salesforce to refuse. */
  private static final Mappings LONG_CITIES = Mappings.withOverride("""
      mappings:
        - object: Customer
          salesforceObject: Account
          fields:
            - {salesforce: BillingCity, qbo: BillAddr.City, transforms: [trim, truncate], length: 255}
      """, "long-cities.yaml");

  private SyncHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private Map<String, Long> salesforceCalls() {
    return h.fx.sandbox.callCounts(SandboxApi.SALESFORCE);
  }

  /** Every Account with a key, by key: a key held twice would fail here. */
  private Map<String, String> accountsByKey() {
    Map<String, String> byKey = new HashMap<>();
    for (ObjectNode account : h.soql("SELECT Id, QBO_Id__c FROM Account WHERE QBO_Id__c != null")) {
      assertThat(byKey.put(account.get("QBO_Id__c").asText(), account.get("Id").asText()))
          .as("a second Account with key %s", account.get("QBO_Id__c").asText()).isNull();
    }
    return byKey;
  }

  @Test
  void aFirstSyncOf2500CustomersIsOneBulkJobAndItsRefusalsAreRecordErrors() {
    h = new SyncHarness(2_500);
    h.mappings = LONG_CITIES;
    // The preflight would refuse the mapping before the run; this test is about what Salesforce refuses.
    h.preflight = false;
    List<String> refused = List.of(customerInLlanfair("Bulk Refused One"), customerInLlanfair("Bulk Refused Two"));
    int customers = h.qboAll("Customer").size();
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_SF);

    Map<String, Long> calls = salesforceCalls();
    assertThat(calls).as("%s", calls)
        .containsEntry("POST " + JOBS, 1L)
        .containsEntry("PUT " + JOBS + "/{jobId}/batches", 1L)
        .containsEntry("PATCH " + JOBS + "/{jobId}", 1L)
        .containsEntry("GET " + JOBS + "/{jobId}/successfulResults", 1L)
        .containsEntry("GET " + JOBS + "/{jobId}/failedResults", 1L)
        .doesNotContainKey(COLLECTION_UPSERTS);
    long all = calls.entrySet().stream().filter(call -> call.getKey().contains("/services/data/"))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(all).as("the job's six calls (one look at it) and a session: %s", calls).isLessThanOrEqualTo(7);
    assertThat(result.counts().read()).isEqualTo(customers);
    assertThat(result.counts().created()).isEqualTo(customers - 2);
    assertThat(result.counts().failed()).isEqualTo(2);
    assertThat(result.failedSourceIds()).containsExactlyInAnyOrderElementsOf(refused);
    assertThat(accountsByKey()).hasSize(customers - 2);

    RecordErrorStore errors = new RecordErrorStore(h.fx.jdbc);
    RecordError inBulk = errors.findOpen(h.realmId, SyncObject.CUSTOMER, TO_SF, refused.get(0)).orElseThrow();
    assertThat(inBulk.type().name()).isEqualTo("VALIDATION");
    assertThat(inBulk.remoteCode()).isEqualTo("STRING_TOO_LONG");
    assertThat(inBulk.message()).contains(h.externalId(refused.get(0))).contains("[BillingCity]");
    // The same record written by itself goes in a collection: its error reads the same.
    h.syncRecords(SyncObject.CUSTOMER, TO_SF, List.of(refused.get(0)), null);
    RecordError inCollection = errors.findOpen(h.realmId, SyncObject.CUSTOMER, TO_SF, refused.get(0)).orElseThrow();
    assertThat(inCollection.message()).isEqualTo(inBulk.message());
    assertThat(inCollection.remoteCode()).isEqualTo(inBulk.remoteCode());
    assertThat(inCollection.type()).isEqualTo(inBulk.type());
  }

  @Test
  void aSyncBelowTheThresholdWritesCollections() {
    h = new SyncHarness(450);
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(salesforceCalls()).doesNotContainKey("POST " + JOBS).containsEntry(COLLECTION_UPSERTS, 3L);
    assertThat(result.counts().created()).isEqualTo(h.qboAll("Customer").size());
  }

  @Test
  void aRetriedAttemptWhoseJobsResultsWereLostSendsTheJobAgainAndDoublesNothing() {
    h = new SyncHarness(2_100);
    int customers = h.qboAll("Customer").size();
    AtomicBoolean died = h.answerLostOnce(request -> request.url().encodedPath().endsWith("/successfulResults"),
        "the worker died while the job's results were on their way");

    ObjectSyncResult result = h.syncAfterACrash(SyncObject.CUSTOMER, TO_SF);

    assertThat(died).isTrue();
    assertThat(salesforceCalls()).containsEntry("POST " + JOBS, 2L);
    assertThat(result.counts().read()).isEqualTo(customers);
    assertThat(result.counts().failed()).isZero();
    assertThat(result.counts().created() + result.counts().updated())
        .as("the second job finds the first one's Accounts by their keys").isEqualTo(customers);
    Map<String, String> accounts = accountsByKey();
    assertThat(accounts).hasSize(customers);
    for (ObjectNode customer : h.qboAll("Customer")) {
      assertThat(accounts).containsKey(h.externalId(customer.get("Id").asText()));
    }
    assertThat(h.stores.links().findBySalesforceIds(h.realmId, SyncObject.CUSTOMER, "Account", accounts.values()))
        .as("every Account linked").hasSize(customers);
  }

  @Test
  void aCustomerChangedWhileThePagesOfAJobAreReadIsWrittenAsItIsNowAndNoOtherIsSkipped() {
    h = new SyncHarness(2_100);
    List<ObjectNode> oldestFirst = h.qboAll("Customer").stream()
        .sorted(java.util.Comparator.comparing(c -> c.path("MetaData").path("LastUpdatedTime").asText())).toList();
    String oldest = oldestFirst.get(0).get("Id").asText();
    // Right after the first page is read, its first customer changes and moves to the end of the query's order:
    // paging on by position would then skip the customer that moved up into the first page's last place.
    AtomicBoolean changed = h.rightAfterOnce(request -> request.url().encodedPath().endsWith("/query")
            && request.url().queryParameter("query").contains("STARTPOSITION 1 "),
        () -> h.qboChange("Customer", oldest, update -> update.put("DisplayName", "Changed While Read")));

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_SF);

    assertThat(changed).isTrue();
    assertThat(salesforceCalls()).containsEntry("POST " + JOBS, 1L);
    Map<String, String> accounts = accountsByKey();
    assertThat(accounts).hasSize(oldestFirst.size());
    assertThat(result.counts().created()).isEqualTo(oldestFirst.size());
    assertThat(h.soql("SELECT Name FROM Account WHERE QBO_Id__c = '" + h.externalId(oldest) + "'").get(0)
        .get("Name").asText()).isEqualTo("Changed While Read");
  }

  @Test
  void theJobsWritesReadAsTheSyncsOwnInTheOtherDirectionAndAPersonsLaterEditDoesNot() throws InterruptedException {
    h = new SyncHarness(2_100);
    // Only Accounts the job writes: the demo org's own prospects would become customers the other way.
    h.people.deleteAll(h.soql("SELECT Id FROM Account WHERE QBO_Id__c = null").stream()
        .map(prospect -> prospect.get("Id").asText()).toList());
    h.sync(SyncObject.CUSTOMER, TO_SF);
    String customer = h.qboAll("Customer").get(0).get("Id").asText();
    String account = accountsByKey().get(h.externalId(customer));
    // Salesforce keeps SystemModstamps in whole seconds: an edit in a later second than the job's completion.
    Thread.sleep(1_100);
    h.personUpdates("Account", account, SyncHarness.JSON.createObjectNode().put("Phone", "(303) 555-0177"));
    h.writes.clear();

    ObjectSyncResult back = h.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);

    assertThat(back.counts().updated()).as("%s", back).isEqualTo(1);
    assertThat(back.counts().created()).isZero();
    assertThat(back.counts().failed()).isZero();
    assertThat(h.qbo.read(h.realmId, "Customer", customer).path("PrimaryPhone").path("FreeFormNumber").asText())
        .isEqualTo("(303) 555-0177");
    assertThat(h.qboWrites()).as("only the edited customer is written back: %s", h.writes).isEqualTo(1);
  }

  private String customerInLlanfair(String name) {
    ObjectNode customer = SyncHarness.JSON.createObjectNode().put("DisplayName", name);
    customer.putObject("BillAddr").put("Line1", "1 High St")
        .put("City", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch");
    return h.fx.quickBooks().save(h.realmId, "Customer", customer, null).get("Id").asText();
  }
}
