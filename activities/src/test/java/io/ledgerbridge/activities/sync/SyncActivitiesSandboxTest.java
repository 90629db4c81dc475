package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.RecordCounts;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Customer QBO-to-Salesforce sync against the sandbox, with H2 stores, run as a Temporal activity. */
class SyncActivitiesSandboxTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int PAGE = 10;

  SandboxFixture fx;
  TestActivityEnvironment env;
  QuickBooksClient qbo;
  SalesforceClient salesforce;
  CursorStore cursors;
  RecordLinkStore links;
  RecordErrorStore errors;
  String realmId;
  final List<SyncProgress> heartbeats = new ArrayList<>();
  boolean preflight = true;

  void start(SandboxOptions options) {
    fx = new SandboxFixture(options);
    qbo = fx.quickBooks();
    salesforce = fx.salesforce();
    cursors = new CursorStore(fx.jdbc);
    links = new RecordLinkStore(fx.jdbc);
    errors = new RecordErrorStore(fx.jdbc);
    realmId = fx.connect(qbo);
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  SyncActivities activity(Mappings mapping, SyncProgress resumeFrom) {
    return activity(mapping, resumeFrom, PAGE);
  }

  SyncActivities activity(Mappings mapping, SyncProgress resumeFrom, int pageSize) {
    if (env != null) {
      env.close();
    }
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new SyncActivitiesImpl(qbo, salesforce, SyncStores.on(fx.jdbc), mapping,
            new SyncOptions(Clock.systemUTC(), pageSize, 200, preflight)));
    env.setActivityHeartbeatListener(SyncProgress.class, heartbeats::add);
    if (resumeFrom != null) {
      env.setHeartbeatDetails(resumeFrom);
    }
    return env.newActivityStub(
        SyncActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  ObjectSyncResult sync() {
    return sync(Mappings.defaults());
  }

  ObjectSyncResult sync(Mappings mapping) {
    return activity(mapping, null).syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));
  }

  ObjectSyncRequest request(SyncObject object, SyncDirection direction) {
    return new ObjectSyncRequest("job-1", "run-" + System.nanoTime(), realmId, direction, object);
  }

  List<ObjectNode> customers() {
    return qbo.queryAll(realmId, "Customer", "ORDERBY MetaData.LastUpdatedTime");
  }

  Map<String, ObjectNode> accountsByExternalId() {
    return salesforce
        .queryAll(
            "SELECT Id, Name, BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry, Phone,"
                + " Website, QBO_Id__c, QBO_Sync_Status__c FROM Account WHERE QBO_Id__c != null")
        .stream()
        .collect(Collectors.toMap(a -> a.get("QBO_Id__c").asText(), Function.identity()));
  }

  long upsertCalls() {
    return fx.count("PATCH", "/composite/sobjects/Account/QBO_Id__c");
  }

  @Test
  void firstRunCreatesOneAccountPerCustomerWithTheExternalIdAndMappedFields() {
    start(SandboxOptions.defaults().withSeedCustomers(25));
    ObjectNode web = qbo.queryPage(realmId, "Customer", "", 1, 1).records().get(0);
    web.put("sparse", true).putObject("WebAddr").put("URI", "https://birds.example");
    qbo.save(realmId, "Customer", sparse(web, "WebAddr"), null);
    List<ObjectNode> customers = customers();

    ObjectSyncResult result = sync();

    assertThat(result.counts().read()).isEqualTo(customers.size());
    assertThat(result.counts().created()).isEqualTo(customers.size());
    assertThat(result.counts().updated() + result.counts().unchanged() + result.counts().failed()).isZero();
    Map<String, ObjectNode> accounts = accountsByExternalId();
    assertThat(accounts).hasSize(customers.size());
    for (ObjectNode customer : customers) {
      ObjectNode account = accounts.get(realmId + "-" + customer.get("Id").asText());
      assertThat(account).as("Account for customer %s", customer.get("Id")).isNotNull();
      assertThat(account.get("Name").asText()).isEqualTo(customer.get("DisplayName").asText());
      ObjectNode bill = (ObjectNode) customer.get("BillAddr");
      List<String> lines = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        if (bill.hasNonNull("Line" + i)) {
          lines.add(bill.get("Line" + i).asText());
        }
      }
      assertThat(account.get("BillingStreet").asText()).isEqualTo(String.join("\n", lines));
      assertThat(account.get("BillingCity").asText()).isEqualTo(bill.get("City").asText());
      assertThat(account.get("BillingState").asText()).isEqualTo(bill.get("CountrySubDivisionCode").asText());
      assertThat(account.get("BillingPostalCode").asText()).isEqualTo(bill.get("PostalCode").asText());
      assertThat(account.path("BillingCountry").asText(null)).isEqualTo(bill.path("Country").asText(null));
      assertThat(account.get("Phone").asText()).isEqualTo(customer.get("PrimaryPhone").get("FreeFormNumber").asText());
      assertThat(account.path("Website").asText(null)).isEqualTo(customer.path("WebAddr").path("URI").asText(null));
      assertThat(account.get("QBO_Sync_Status__c").asText())
          .isEqualTo(customer.get("Active").asBoolean() ? "Active" : "Inactive");
    }
    assertThat(accounts.values()).anySatisfy(a -> assertThat(a.path("Website").asText()).isEqualTo("https://birds.example"));
    String newest = customers.get(customers.size() - 1).get("MetaData").get("LastUpdatedTime").asText();
    assertThat(cursors.find(realmId, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).map(CursorStore.Cursor::value)).contains(newest);
    assertThat(result.cursor()).isEqualTo(newest);
    assertThat(upsertCalls()).isEqualTo(3); // one collection call per page of 10 (at most 200 per call)
    // The SDK throttles heartbeats, so only the first one reaches the listener this fast.
    assertThat(heartbeats).isNotEmpty();
  }

  @Test
  void progressCarriesTheTotalCountedOnlyWhenTheChangesSpanSeveralPages() {
    start(SandboxOptions.defaults().withSeedCustomers(25));
    int customers = customers().size();
    fx.requests.clear();

    activity(Mappings.defaults(), null, PAGE).syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(heartbeats).isNotEmpty().allSatisfy(h -> assertThat(h.total()).isEqualTo(customers));
    assertThat(fx.count("GET", realmId + "/query")).as("3 pages and 1 count").isEqualTo(4);

    fx.requests.clear();
    heartbeats.clear();
    cursors.save(realmId, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, new CursorStore.Cursor("2000-01-01T00:00:00Z", null));
    activity(Mappings.defaults(), null, 1000).syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(heartbeats).isNotEmpty().allSatisfy(h -> assertThat(h.total()).isEqualTo(customers));
    assertThat(fx.count("GET", realmId + "/query")).as("one page tells its own total").isEqualTo(1);
  }

  @Test
  void secondRunWithoutChangesWritesNothing() {
    start(SandboxOptions.defaults().withSeedCustomers(25));
    sync();
    long callsAfterFirst = upsertCalls();

    ObjectSyncResult second = sync();

    assertThat(upsertCalls()).isEqualTo(callsAfterFirst);
    assertThat(second.counts().created() + second.counts().updated() + second.counts().failed()).isZero();
    assertThat(second.counts().read()).as("the run's change data capture answer says nothing changed: no query").isZero();
  }

  @Test
  void customerChangedInQuickBooksIsUpdatedInSalesforce() {
    start(SandboxOptions.defaults().withSeedCustomers(25));
    sync();
    ObjectNode customer = qbo.queryPage(realmId, "Customer", "ORDERBY MetaData.LastUpdatedTime", 1, 1).records().get(0);
    ObjectNode change = sparse(customer, "PrimaryPhone");
    change.putObject("PrimaryPhone").put("FreeFormNumber", "(650) 555-0199");
    qbo.save(realmId, "Customer", change, null);

    ObjectSyncResult second = sync();

    assertThat(second.counts().updated()).isEqualTo(1);
    assertThat(second.counts().created() + second.counts().failed()).isZero();
    assertThat(accountsByExternalId().get(realmId + "-" + customer.get("Id").asText()).get("Phone").asText())
        .isEqualTo("(650) 555-0199");
    assertThat(links.find(realmId, SyncObject.CUSTOMER, customer.get("Id").asText()).orElseThrow().qboSyncToken())
        .isNotEqualTo(customer.get("SyncToken").asText());
  }

  @Test
  void customerMadeInactiveInQuickBooksIsMarkedInactiveInSalesforce() {
    start(SandboxOptions.defaults().withSeedCustomers(5));
    sync();
    ObjectNode customer = qbo.queryPage(realmId, "Customer", "", 1, 1).records().get(0);
    ObjectNode deactivate = sparse(customer);
    deactivate.put("Active", false);
    qbo.save(realmId, "Customer", deactivate, null);

    ObjectSyncResult second = sync();

    assertThat(second.counts().updated()).isEqualTo(1);
    assertThat(accountsByExternalId().get(realmId + "-" + customer.get("Id").asText()).get("QBO_Sync_Status__c").asText())
        .isEqualTo("Inactive");
  }

  @Test
  void recordTheTargetRejectsIsRecordedAsAnErrorAndTheRestSyncThenAFixResolvesIt() {
    start(SandboxOptions.defaults().withSeedCustomers(12));
    // A mapping that disagrees with the org: BillingCity is 40 characters in Salesforce, not 255.
    // The preflight would refuse it before the first run; this test is about what Salesforce does.
    preflight = false;
    Mappings loose =
        Mappings.withOverride(
            """
            mappings:
              - object: Customer
                salesforceObject: Account
                fields:
                  - {salesforce: BillingCity, qbo: BillAddr.City, transforms: [trim, truncate], length: 255}
            """,
            "loose.yaml");
    ObjectNode created =
        qbo.save(
            realmId,
            "Customer",
            JSON.createObjectNode()
                .put("DisplayName", "Llanfairpwllgwyngyll Trading")
                .set("BillAddr", JSON.createObjectNode().put("Line1", "1 High St").put("City", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch")),
            "lb-test-create-1");
    String badId = created.get("Id").asText();
    int total = customers().size();

    ObjectSyncResult result = sync(loose);

    assertThat(result.counts().failed()).isEqualTo(1);
    assertThat(result.failedSourceIds()).containsExactly(badId);
    assertThat(result.counts().created()).isEqualTo(total - 1);
    assertThat(result.counts().read()).isEqualTo(total);
    RecordError error = errors.findOpen(realmId, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, badId).orElseThrow();
    assertThat(error.type().name()).isEqualTo("VALIDATION");
    assertThat(error.remoteCode()).isEqualTo("STRING_TOO_LONG");
    assertThat(error.message()).contains(realmId + "-" + badId).contains("BillingCity");
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(accountsByExternalId()).hasSize(total - 1).doesNotContainKey(realmId + "-" + badId);

    ObjectNode fix = sparse(qbo.read(realmId, "Customer", badId), "BillAddr");
    fix.putObject("BillAddr").put("Line1", "1 High St").put("City", "Llanfair PG");
    qbo.save(realmId, "Customer", fix, null);
    ObjectSyncResult retried = sync(loose);

    assertThat(retried.counts().created()).isEqualTo(1);
    assertThat(retried.counts().failed()).isZero();
    assertThat(errors.findOpen(realmId, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, badId)).isEmpty();
  }

  @Test
  void customersSharingOneSecondArePagedWithoutLossOrRepeatAndALaterOneInThatSecondIsNotMissed() {
    // The sandbox's clock is ours: four customers are created within one second, more than a
    // page of two. Few calls fall in any one second, so QBO's 10 requests/s throttle stays quiet.
    Instant second = Instant.parse("2026-11-26T10:00:00Z");
    MutableClock clock = new MutableClock(second);
    start(SandboxOptions.defaults().withSeedCustomers(0).withClock(clock));
    for (int i = 1; i <= 4; i++) {
      qbo.save(realmId, "Customer", JSON.createObjectNode().put("DisplayName", "Same Second " + i), "lb-same-" + i);
    }
    clock.set(second.plusSeconds(5));
    SyncActivities twoPerPage = activity(Mappings.defaults(), null, 2);

    ObjectSyncResult first = twoPerPage.syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(first.counts().read()).isEqualTo(4);
    assertThat(first.counts().created()).isEqualTo(4);
    assertThat(accountsByExternalId()).hasSize(4);

    clock.set(second.plusMillis(500)); // still the cursor's second
    qbo.save(realmId, "Customer", JSON.createObjectNode().put("DisplayName", "Same Second 5"), "lb-same-5");
    clock.set(second.plusSeconds(20));
    ObjectSyncResult second2 = twoPerPage.syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(second2.counts().created()).isEqualTo(1);
    assertThat(second2.counts().unchanged()).isEqualTo(4);
    assertThat(accountsByExternalId()).hasSize(5);
  }

  @Test
  void aFirstSyncWritesEachCollectionOnceAndReadsNothingBackFromSalesforce() {
    start(SandboxOptions.defaults().withSeedCustomers(450));

    ObjectSyncResult result = activity(Mappings.defaults(), null, 1000)
        .syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(result.counts().created()).isEqualTo(450);
    assertThat(upsertCalls()).as("one collection of 200 per call").isEqualTo(3);
    assertThat(fx.requests.stream().filter(r -> r.contains("/services/data/") && !r.contains("/composite/sobjects/")))
        .as("no Salesforce call but the writes and the preflight's look at Account")
        .containsExactly("GET /services/data/" + Sandbox.SALESFORCE_API_VERSION + "/sobjects/Account/describe");
  }

  @Test
  void aFirstSyncOfInvoicesLooksForNoLinesToRemoveAndAnUpdateDoes() {
    start(SandboxOptions.defaults().withSeedCustomers(60).withoutQboRateLimits());
    SyncActivities activity = activity(Mappings.defaults(), null, 1000);
    activity.syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));
    activity.syncObject(request(SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE));
    fx.requests.clear();

    ObjectSyncResult first = activity.syncObject(request(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(first.counts().created()).isPositive();
    assertThat(fx.count("PATCH", "/composite/sobjects/Invoice_Line__c/")).as("the lines, upserted").isPositive();
    assertThat(fx.count("GET", "FROM Invoice_Line__c")).as("headers the write made have no lines to remove").isZero();

    ObjectNode invoice = qbo.queryAll(realmId, "Invoice", "").get(0);
    ObjectNode change = JSON.createObjectNode().put("Id", invoice.get("Id").asText())
        .put("SyncToken", invoice.get("SyncToken").asText()).put("sparse", true).put("DueDate", "2030-01-31");
    qbo.save(realmId, "Invoice", change, null);
    fx.requests.clear();
    ObjectSyncResult update = activity.syncObject(request(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(update.counts().updated()).isEqualTo(1);
    assertThat(fx.count("GET", "FROM Invoice_Line__c"))
        .as("a linked header's lines are read once: for the conflict check and for any the source dropped").isEqualTo(1);
  }

  @Test
  void aFirstSyncOfItemsLooksUpNoPriceBookEntryAndAChangedItemDoes() {
    start(SandboxOptions.defaults().withSeedCustomers(10).withoutQboRateLimits());
    SyncActivities activity = activity(Mappings.defaults(), null, 1000);
    fx.requests.clear();

    ObjectSyncResult first = activity.syncObject(request(SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(first.counts().created()).isPositive();
    assertThat(fx.count("POST", "/composite/sobjects")).as("the standard prices, created").isPositive();
    assertThat(fx.count("GET", "FROM PricebookEntry WHERE Product2Id")).as("products the write made have none").isZero();

    ObjectNode item = qbo.queryAll(realmId, "Item", "").get(0);
    qbo.save(realmId, "Item", JSON.createObjectNode().put("Id", item.get("Id").asText())
        .put("SyncToken", item.get("SyncToken").asText()).put("sparse", true).put("UnitPrice", 99.5), null);
    fx.requests.clear();
    ObjectSyncResult repriced = activity.syncObject(request(SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(repriced.counts().updated()).isEqualTo(1);
    assertThat(fx.count("GET", "FROM PricebookEntry WHERE Product2Id")).as("a linked product's entry").isEqualTo(1);
    assertThat(salesforce.queryAll("SELECT UnitPrice FROM PricebookEntry WHERE Product2.QBO_Id__c = '" + realmId + "-"
        + item.get("Id").asText() + "'")).extracting(e -> e.get("UnitPrice").decimalValue().toPlainString()).containsExactly("99.5");
  }

  @Test
  void theLinesOfAPageOfInvoicesFillTheirCollectionsAcrossTheHeadersOfThePage() {
    start(SandboxOptions.defaults().withSeedCustomers(600).withoutQboRateLimits());
    SyncActivities activity = activity(Mappings.defaults(), null, 1000);
    activity.syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));
    activity.syncObject(request(SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE));
    int invoices = qbo.queryAll(realmId, "Invoice", "").size();
    fx.requests.clear();

    ObjectSyncResult first = activity.syncObject(request(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE));

    int lines = salesforce.queryAll("SELECT Id FROM Invoice_Line__c").size();
    assertThat(invoices).as("one QuickBooks page, more than one checkpoint of 200").isBetween(201, 1000);
    assertThat(first.counts().created()).isEqualTo(invoices);
    assertThat(fx.count("PATCH", "/composite/sobjects/Invoice__c/")).isEqualTo((invoices + 199) / 200);
    assertThat(fx.count("PATCH", "/composite/sobjects/Invoice_Line__c/"))
        .as("%d lines in full collections, not one partly filled collection per 200 invoices", lines)
        .isEqualTo((lines + 199) / 200);
  }

  @Test
  void anEditInTheSecondOfTheSyncsWriteIsSyncedBackAndTheWriteItselfIsNot() {
    // Every Salesforce record carries this one SystemModstamp, as when a person edits in the second
    // the sync wrote: the time cannot tell the sync's write from the edit, the content must.
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    start(SandboxOptions.defaults().withSeedCustomers(2).withClock(clock).withoutQboRateLimits());
    sync();
    Map<String, ObjectNode> accounts = accountsByExternalId();
    String edited = customers().get(0).get("Id").asText();
    ObjectNode account = accounts.get(realmId + "-" + edited);
    salesforce.updateAll("Account", List.of(JSON.createObjectNode().put("Id", account.get("Id").asText())
        .put("Phone", "(303) 555-0177")));

    ObjectSyncResult back = activity(Mappings.defaults(), null)
        .syncObject(request(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));

    assertThat(back.counts().updated()).as("the edit").isEqualTo(1);
    assertThat(back.counts().unchanged()).as("the sync's own write, not sent back").isEqualTo(1);
    assertThat(qbo.read(realmId, "Customer", edited).path("PrimaryPhone").path("FreeFormNumber").asText())
        .isEqualTo("(303) 555-0177");
  }

  @Test
  void retriedAttemptResumesFromTheLastHeartbeatedPage() {
    start(SandboxOptions.defaults().withSeedCustomers(25));
    List<ObjectNode> customers = customers();
    List<ObjectNode> firstPage = customers.subList(0, PAGE);
    String lower = firstPage.get(PAGE - 1).get("MetaData").get("LastUpdatedTime").asText();
    List<String> doneAtLower =
        firstPage.stream()
            .filter(c -> c.get("MetaData").get("LastUpdatedTime").asText().equals(lower))
            .map(c -> c.get("Id").asText())
            .toList();
    // As a previous attempt would have heartbeated after writing its first page.
    SyncProgress afterFirstPage = new SyncProgress(lower, 1, doneAtLower, lower, new RecordCounts(PAGE, PAGE, 0, 0, 0, 0), List.of(), null, null, Map.of(), 0, null, null);

    ObjectSyncResult result =
        activity(Mappings.defaults(), afterFirstPage)
            .syncObject(request(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE));

    assertThat(result.counts().read()).isEqualTo(customers.size());
    assertThat(result.counts().created()).isEqualTo(customers.size());
    // Only the records after the first page were written by this attempt.
    assertThat(accountsByExternalId()).hasSize(customers.size() - PAGE);
  }

  @Test
  void unsupportedObjectOrDirectionIsANonRetryableInvalidJob() {
    start(SandboxOptions.defaults().withSeedCustomers(1));
    SyncActivities activity = activity(Mappings.defaults(), null);

    ApplicationFailure payment = cause(catchThrowable(() -> activity.syncObject(request(SyncObject.PAYMENT, SyncDirection.SALESFORCE_TO_QBO))));

    assertThat(payment.getType()).isEqualTo("INVALID_JOB");
    assertThat(payment.isNonRetryable()).isTrue();
    assertThat(payment.getOriginalMessage()).contains("Payment is not synced SALESFORCE_TO_QBO");
  }

  @Test
  void companyWithoutQuickBooksConnectionIsAConfigurationFailureSayingHowToConnect() {
    start(SandboxOptions.defaults().withSeedCustomers(1));
    SyncActivities activity = activity(Mappings.defaults(), null);

    ApplicationFailure failure =
        cause(catchThrowable(() -> activity.syncObject(new ObjectSyncRequest("job-1", "run-1", "4620816365000001", SyncDirection.QBO_TO_SALESFORCE, SyncObject.CUSTOMER))));

    assertThat(failure.getType()).isEqualTo("CONFIGURATION");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("4620816365000001").contains("Connect QuickBooks");
  }

  static ObjectNode sparse(ObjectNode customer, String... keep) {
    ObjectNode update = JSON.createObjectNode();
    update.put("Id", customer.get("Id").asText());
    update.put("SyncToken", customer.get("SyncToken").asText());
    update.put("sparse", true);
    for (String field : keep) {
      if (customer.has(field)) {
        update.set(field, customer.get(field));
      }
    }
    return update;
  }

  static ApplicationFailure cause(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }
}
