package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a Salesforce-to-QuickBooks run reads Salesforce: one query ordered by SystemModstamp and Id,
 * followed page by page, counted by the sandbox as Salesforce would bill the calls.
 */
class SalesforcePagingTest {
  static final SyncDirection TO_QBO = SyncDirection.SALESFORCE_TO_QBO;
  static final String FIRST_PAGE = "GET /services/data/{version}/queryAll";
  static final String QUERY = "GET /services/data/{version}/query";
  static final String NEXT_PAGE = "GET /services/data/{version}/query/{locator}";

  SyncHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private void createAccounts(int count) {
    h.people.createAll("Account", IntStream.rangeClosed(1, count)
        .mapToObj(i -> SyncHarness.object("{\"Name\":\"Paged Account " + i + "\"}")).toList());
  }

  private Map<String, Long> salesforceCalls() {
    return h.fx.sandbox.callCounts(SandboxApi.SALESFORCE);
  }

  /**
   * Pages of 200 here, not the 2,000 a run asks Salesforce for, so the test writes 450 customers rather than 4,500
   * to QuickBooks at Intuit's pace (the benchmark shows the 2,000: 6,000 Accounts in 3 pages).
   */
  @Test
  void changedAccountsAreReadInOneQueryFollowedPageByPage() {
    h = new SyncHarness(0);
    createAccounts(450);
    h.salesforcePageSize = 200;
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult first = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(first.counts().created()).as("%s", first).isEqualTo(450);
    assertThat(salesforceCalls()).as("the query's first page (changes and deletes), then its two next pages, nothing else")
        .containsEntry(FIRST_PAGE, 1L).containsEntry(NEXT_PAGE, 2L).doesNotContainKey(QUERY);
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult rerun = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(rerun.counts().created() + rerun.counts().updated()).as("%s", rerun).isZero();
    assertThat(rerun.counts().read()).as("the keys written back moved every Account: read once more").isEqualTo(450);
    assertThat(salesforceCalls()).as("in pages too").containsEntry(FIRST_PAGE, 1L).containsEntry(NEXT_PAGE, 2L)
        .doesNotContainKey(QUERY);
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult idle = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(idle.counts().created() + idle.counts().updated()).as("%s", idle).isZero();
    assertThat(salesforceCalls()).as("a run with nothing changed: one call, which would have found deletes too")
        .containsEntry(FIRST_PAGE, 1L).containsEntry("status 200", 1L);
  }

  /** 600 records a write: the fewest that fill both QuickBooks' batches of 30 and Salesforce's collections of 200. */
  @Test
  void sixHundredAccountsGoInTwentyFullBatchesAndTheirKeysComeBackInThreeFullCollections() {
    h = new SyncHarness(0);
    createAccounts(600);
    h.writes.clear();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(result.counts().created()).as("%s", result).isEqualTo(600);
    assertThat(h.writesMatching(w -> w.contains("/batch?"))).as("QuickBooks batches").isEqualTo(20);
    assertThat(h.writesMatching(w -> w.startsWith("PATCH ") && w.contains("/composite/sobjects")))
        .as("collections of keys given back").isEqualTo(3);
  }

  @Test
  void accountsSharingOneSystemModstampAcrossPageBoundariesAreEachReadOnce() {
    MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));
    h = new SyncHarness(SandboxOptions.defaults().withSeedCustomers(0).withClock(clock), TestDatabase.H2);
    createAccounts(450);
    clock.advance(Duration.ofMinutes(1));
    assertThat(h.soql("SELECT SystemModstamp FROM Account")).extracting(a -> a.get("SystemModstamp").asText())
        .as("one instant for all").containsOnly(h.soql("SELECT SystemModstamp FROM Account LIMIT 1").get(0)
            .get("SystemModstamp").asText());
    h.salesforcePageSize = 200;
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult result = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(salesforceCalls()).as("pages of 200, 200 and 50").containsEntry(NEXT_PAGE, 2L);
    assertThat(result.counts().read()).as("%s", result).isEqualTo(450);
    assertThat(result.counts().created()).as("%s", result).isEqualTo(450);
    List<ObjectNode> customers = h.qboAll("Customer");
    assertThat(customers).extracting(c -> c.get("DisplayName").asText()).as("each Account once")
        .doesNotHaveDuplicates().hasSize(450);
    assertThat(h.soql("SELECT Id FROM Account WHERE QBO_Id__c = null")).isEmpty();
  }
  /**
   * The cursor keeps the last record done at its instant, so the next run starts past it: a run with nothing
   * changed reads no record again, and a product read again would have cost a price lookup. The sandbox's clock
   * runs an hour behind Salesforce's answers, so every instant a run reads is complete.
   */
  @Test
  void aRunWithNothingChangedReadsNoRecordAgainNotEvenThoseStampedAtTheCursorsInstant() {
    MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));
    h = new SyncHarness(SandboxOptions.defaults().withSeedCustomers(0).withClock(clock), TestDatabase.H2);
    createAccounts(3);
    String product = h.personCreates("Product2", SyncHarness.object("{\"Name\":\"Cursor Kit\",\"IsActive\":true}"));
    String standardBook = h.soql("SELECT Id FROM Pricebook2 WHERE IsStandard = true").get(0).get("Id").asText();
    h.personCreates("PricebookEntry", SyncHarness.object("{\"Pricebook2Id\":\"" + standardBook + "\",\"Product2Id\":\""
        + product + "\",\"UnitPrice\":12,\"IsActive\":true}"));
    for (SyncObject object : List.of(SyncObject.CUSTOMER, SyncObject.ITEM)) {
      clock.advance(Duration.ofMinutes(1));
      assertThat(h.sync(object, TO_QBO).counts().created()).isPositive();
      clock.advance(Duration.ofMinutes(1));
      assertThat(h.sync(object, TO_QBO).counts().read()).as("the keys written back moved the records").isPositive();
    }
    clock.advance(Duration.ofMinutes(1));
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult accounts = h.sync(SyncObject.CUSTOMER, TO_QBO);

    assertThat(accounts.counts().read()).as("%s", accounts).isZero();
    assertThat(salesforceCalls()).as("one call").containsEntry(FIRST_PAGE, 1L).containsEntry("status 200", 1L);
    h.fx.sandbox.resetCallCounts();

    ObjectSyncResult products = h.sync(SyncObject.ITEM, TO_QBO);

    assertThat(products.counts().read()).as("%s", products).isZero();
    assertThat(salesforceCalls())
        .as("the products changed, the standard price book's id (once per worker) and the prices changed; no price lookup")
        .containsEntry(FIRST_PAGE, 1L).containsEntry(QUERY, 2L).containsEntry("status 200", 3L);
  }
}
