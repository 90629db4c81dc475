package io.ledgerbridge.worker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.FaultInjection;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.worker.RemoteApis;
import io.ledgerbridge.worker.cli.LedgerBridgeCli;
import io.ledgerbridge.workflows.reconcile.Reconciliations;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reconciliation on live data, as an admin meets it: a company synced through its job, then edited
 * behind LedgerBridge's back directly in the sandbox's Salesforce and QuickBooks; the API, the CLI
 * and the status page report exactly what was changed, and a repair through the per-record sync
 * makes the next reconciliation clean. Each test works in a QuickBooks company of its own; what it
 * leaves in the shared Salesforce org is removed afterwards.
 */
class ReconciliationEndToEndTest extends ApplicationTestSupport {
  private static final AtomicLong NEXT_REALM = new AtomicLong(4620816366000100L + (System.nanoTime() % 1000) * 100);
  private static final List<String> REALMS = new ArrayList<>();
  private static RemoteApis remote;

  @Autowired Sandbox sandbox;
  @Autowired WorkflowClient temporal;

  private RemoteApis remote() {
    if (remote == null) {
      remote = new RemoteApis(sandbox);
    }
    return remote;
  }

  /** Connects a new, empty QuickBooks company the way an admin does: the API's link, Intuit's consent, the callback. */
  private String connectNewCompany() {
    String realmId = Long.toString(NEXT_REALM.incrementAndGet());
    ApiResponse begin = call("POST", "/api/connections/quickbooks/authorizations", null);
    String consentUrl = begin.body().get("authorizationUrl").asText() + "&realmId=" + realmId;
    HttpResponse<String> consent = remote().raw(HttpRequest.newBuilder(URI.create(consentUrl)).GET().build());
    String callback = URI.create(consent.headers().firstValue("Location").orElseThrow()).getRawQuery();
    HttpResponse<String> done = remote().raw(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/oauth/quickbooks/callback?" + callback)).GET().build());
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    synchronized (REALMS) {
      REALMS.add(realmId);
    }
    return realmId;
  }

  private String createJob(String realmId, String direction, String objects) {
    ApiResponse created = call("POST", "/api/jobs", """
        {"name":"reconcile %s %s","companyId":"%s","direction":"%s","objects":[%s],
         "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}
        """.formatted(direction, realmId, realmId, direction, objects));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private void runNow(String jobId) {
    ApiResponse started = call("POST", "/api/jobs/" + jobId + "/run", null);
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    JsonNode run = awaitJson("/api/runs/" + started.body().get("runId").asText(),
        r -> !r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
    assertThat(run.path("status").asText()).as("%s", run).isEqualTo("SUCCEEDED");
  }

  /** Starts a reconciliation through the API and waits for its findings. */
  private JsonNode reconcile(String realmId, boolean repair) {
    ApiResponse started = call("POST", "/api/reconciliations",
        "{\"companyId\":\"" + realmId + "\",\"repair\":" + repair + "}");
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    return awaitJson("/api/reconciliations/" + started.body().get("id").asText(),
        r -> !r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
  }

  private static JsonNode object(JsonNode reconciliation, String object, String salesforceObject) {
    for (JsonNode each : reconciliation.path("objects")) {
      if (each.path("object").asText().equals(object) && each.path("salesforceObject").asText().equals(salesforceObject)) {
        return each;
      }
    }
    throw new AssertionError("no findings for " + object + "/" + salesforceObject + " in " + reconciliation);
  }

  /** The counts in a fixed order: equal, different, only QBO, only Salesforce, dangling, open errors. */
  private static List<Integer> counts(JsonNode object) {
    JsonNode counts = object.path("counts");
    return List.of(counts.path("linkedEqual").asInt(), counts.path("linkedDifferent").asInt(),
        counts.path("onlyInQuickBooks").asInt(), counts.path("onlyInSalesforce").asInt(), counts.path("dangling").asInt(),
        counts.path("openErrors").asInt());
  }

  private static List<String> samples(JsonNode object, String recordClass, String idField) {
    List<String> ids = new ArrayList<>();
    for (JsonNode sample : object.path("samples")) {
      if (sample.path("recordClass").asText().equals(recordClass)) {
        ids.add(sample.path(idField).asText());
      }
    }
    return ids;
  }

  private String salesforceId(String type, String realmId, String qboId) {
    return remote().soql("SELECT Id FROM " + type + " WHERE QBO_Id__c = '" + realmId + "-" + qboId + "'").get(0)
        .get("Id").asText();
  }

  private record Cli(int exitCode, String out, String err) {}

  private Cli cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = LedgerBridgeCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void findsExactlyWhatChangedBehindTheSyncsBackAndRepairMakesItClean() {
    String realm = connectNewCompany();
    RemoteApis qbo = remote();
    String widget = qbo.qboCreate(realm, "Item", "{\"Name\":\"Rec Widget\",\"Type\":\"Service\",\"UnitPrice\":25,\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    String gadget = qbo.qboCreate(realm, "Item", "{\"Name\":\"Rec Gadget\",\"Type\":\"NonInventory\",\"UnitPrice\":10,\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    String ada = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Ada " + realm + "\",\"PrimaryPhone\":{\"FreeFormNumber\":\"(720) 555-0100\"}}").get("Id").asText();
    String bob = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Bob " + realm + "\"}").get("Id").asText();
    qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Cy " + realm + "\"}");
    String invoice = invoice(realm, ada, widget, 2, "25");
    invoice(realm, bob, gadget, 1, "10");
    String payment = qbo.qboCreate(realm, "Payment", "{\"CustomerRef\":{\"value\":\"" + ada + "\"},\"TotalAmt\":50,"
        + "\"Line\":[{\"Amount\":50,\"LinkedTxn\":[{\"TxnId\":\"" + invoice + "\",\"TxnType\":\"Invoice\"}]}]}").get("Id").asText();
    runNow(createJob(realm, "QBO_TO_SALESFORCE", "\"Customer\",\"Item\",\"Invoice\",\"Payment\""));

    Instant before = Instant.now();
    JsonNode clean = reconcile(realm, false);
    Duration took = Duration.between(before, Instant.now());

    assertThat(clean.path("status").asText()).as("%s", clean).isEqualTo("CLEAN");
    assertThat(counts(object(clean, "Customer", "Account"))).containsExactly(3, 0, 0, 0, 0, 0);
    assertThat(counts(object(clean, "Item", "Product2"))).containsExactly(2, 0, 0, 0, 0, 0);
    assertThat(counts(object(clean, "Invoice", "Invoice__c"))).containsExactly(2, 0, 0, 0, 0, 0);
    assertThat(counts(object(clean, "Payment", "Payment__c"))).containsExactly(1, 0, 0, 0, 0, 0);
    System.out.printf("Reconciliation of a clean company (3 customers, 2 items, 2 invoices, 1 payment): %d ms, %s%n",
        took.toMillis(), clean.path("objects").findValues("salesforceCalls"));

    // Behind the sync's back: a phone changed in Salesforce, a price changed in QuickBooks, a
    // payment deleted in Salesforce, a customer created in QuickBooks only, an Account keyed to a
    // customer that does not exist.
    String adaAccount = salesforceId("Account", realm, ada);
    remote().sfUpdate("Account", adaAccount, "{\"Phone\":\"(720) 555-0199\"}");
    JsonNode current = remote().qboRead(realm, "Item", gadget);
    remote().qboUpdate(realm, "Item", "{\"Id\":\"" + gadget + "\",\"SyncToken\":\"" + current.get("SyncToken").asText()
        + "\",\"sparse\":true,\"UnitPrice\":12}");
    String paymentRecord = salesforceId("Payment__c", realm, payment);
    remote().sfDelete("Payment__c", paymentRecord);
    String dee = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Dee " + realm + "\"}").get("Id").asText();
    String stray = remote().sfCreate("Account", "{\"Name\":\"Stray " + realm + "\",\"QBO_Id__c\":\"" + realm + "-99999\"}");

    JsonNode found = reconcile(realm, false);

    assertThat(found.path("status").asText()).isEqualTo("DIFFERENCES");
    assertThat(found.path("differences").asInt()).isEqualTo(5);
    JsonNode customers = object(found, "Customer", "Account");
    assertThat(counts(customers)).containsExactly(2, 1, 1, 1, 0, 0);
    assertThat(samples(customers, "LINKED_DIFFERENT", "quickBooksId")).containsExactly(ada);
    assertThat(customers.path("differingFields").toString()).isEqualTo("{\"Phone\":1}");
    assertThat(samples(customers, "ONLY_IN_QUICKBOOKS", "quickBooksId")).containsExactly(dee);
    assertThat(samples(customers, "ONLY_IN_SALESFORCE", "salesforceId")).containsExactly(stray);
    JsonNode items = object(found, "Item", "Product2");
    assertThat(counts(items)).containsExactly(1, 1, 0, 0, 0, 0);
    assertThat(items.path("differingFields").toString()).isEqualTo("{\"PricebookEntry.UnitPrice\":1}");
    assertThat(samples(items, "LINKED_DIFFERENT", "quickBooksId")).containsExactly(gadget);
    JsonNode payments = object(found, "Payment", "Payment__c");
    assertThat(counts(payments)).containsExactly(0, 0, 0, 0, 1, 0);
    assertThat(samples(payments, "DANGLING", "salesforceId")).containsExactly(paymentRecord);
    assertThat(counts(object(found, "Invoice", "Invoice__c"))).containsExactly(2, 0, 0, 0, 0, 0);

    JsonNode status = call("GET", "/api/status?companyId=" + realm, null).body();
    JsonNode last = status.path("companies").get(0).path("lastReconciliation");
    assertThat(last.path("id").asText()).isEqualTo(found.path("id").asText());
    assertThat(last.path("differences").asInt()).isEqualTo(5);
    assertThat(last.path("differencesByObject").path("Customer/Account").asInt()).isEqualTo(3);
    assertThat(call("GET", "/api/reconciliations/latest?companyId=" + realm, null).body().path("id").asText())
        .isEqualTo(found.path("id").asText());

    Cli table = cli("reconcile", "--company", realm, "--wait");
    assertThat(table.exitCode()).as("%s", table).isEqualTo(3);
    assertThat(table.out()).contains("Status          DIFFERENCES").contains("Phone (1)")
        .contains("Customer differs: QuickBooks " + ada + ", Account " + adaAccount + " (Phone)")
        .contains("Payment dangling link: QuickBooks " + payment + ", Payment__c " + paymentRecord);
    assertThat(table.out().lines().filter(line -> line.startsWith("Customer  ")).findFirst().orElseThrow())
        .matches("Customer\\s+Account\\s+2\\s+1\\s+1\\s+1\\s+0\\s+0\\s+.*Phone \\(1\\)");

    // A Salesforce record keyed to nothing is reported, not repaired: no job syncs Accounts to QuickBooks.
    remote().sfDelete("Account", stray);
    JsonNode repaired = reconcile(realm, true);
    assertThat(object(repaired, "Customer", "Account").path("repairsRequested").asInt()).isEqualTo(2);
    assertThat(object(repaired, "Payment", "Payment__c").path("repairsRequested").asInt()).isEqualTo(1);

    JsonNode after = awaitClean(realm);
    assertThat(counts(object(after, "Customer", "Account"))).containsExactly(4, 0, 0, 0, 0, 0);
    assertThat(remote().soql("SELECT Phone FROM Account WHERE Id = '" + adaAccount + "'").get(0).get("Phone").asText())
        .as("QuickBooks' phone is back: the company's job syncs Customers to Salesforce").isEqualTo("(720) 555-0100");
    assertThat(counts(object(after, "Payment", "Payment__c"))).containsExactly(1, 0, 0, 0, 0, 0);
    Cli cleanTable = cli("reconcile", "--company", realm, "--object", "Payment", "--wait");
    assertThat(cleanTable.exitCode()).as("%s", cleanTable).isZero();
    assertThat(cleanTable.out()).contains("Status          CLEAN").doesNotContain("Customer  ");
  }

  @Test
  void aPaymentLineChangedInSalesforceIsADifferenceOfItsPayment() {
    String realm = connectNewCompany();
    RemoteApis qbo = remote();
    String widget = qbo.qboCreate(realm, "Item", "{\"Name\":\"Rec Line Widget\",\"Type\":\"Service\",\"UnitPrice\":25,"
        + "\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    String ada = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Ada Lines " + realm + "\"}").get("Id").asText();
    String first = invoice(realm, ada, widget, 2, "25");
    String second = invoice(realm, ada, widget, 1, "25");
    String payment = qbo.qboCreate(realm, "Payment", "{\"CustomerRef\":{\"value\":\"" + ada + "\"},\"TotalAmt\":60,\"Line\":["
        + "{\"Amount\":50,\"LinkedTxn\":[{\"TxnId\":\"" + first + "\",\"TxnType\":\"Invoice\"}]},"
        + "{\"Amount\":10,\"LinkedTxn\":[{\"TxnId\":\"" + second + "\",\"TxnType\":\"Invoice\"}]}]}").get("Id").asText();
    runNow(createJob(realm, "QBO_TO_SALESFORCE", "\"Customer\",\"Item\",\"Invoice\",\"Payment\""));
    assertThat(counts(object(reconcile(realm, false), "Payment", "Payment__c"))).containsExactly(1, 0, 0, 0, 0, 0);

    String line = remote().soql("SELECT Id FROM Payment_Line__c WHERE QBO_Id__c = '" + realm + "-" + payment + "-Invoice-"
        + second + "'").get(0).get("Id").asText();
    remote().sfUpdate("Payment_Line__c", line, "{\"Amount_Applied__c\":12}");
    JsonNode payments = object(reconcile(realm, false), "Payment", "Payment__c");

    assertThat(counts(payments)).containsExactly(0, 1, 0, 0, 0, 0);
    assertThat(payments.path("differingFields").toString()).isEqualTo("{\"Payment_Line__c\":1}");
    assertThat(samples(payments, "LINKED_DIFFERENT", "quickBooksId")).containsExactly(payment);
  }

  /** The per-record syncs a repair started run on their own: reconciles until nothing differs. */
  private JsonNode awaitClean(String realm) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = reconcile(realm, false);
      if (last.path("status").asText().equals("CLEAN")) {
        return last;
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("still not clean after the repair: " + last);
  }

  @Test
  void contactsAreComparedForTheCustomersThatNameAPersonOnly() {
    String realm = connectNewCompany();
    RemoteApis qbo = remote();
    String ada = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Ada " + realm + "\",\"GivenName\":\"Ada\","
        + "\"FamilyName\":\"Lovelace\",\"PrimaryEmailAddr\":{\"Address\":\"ada@example.com\"}}").get("Id").asText();
    qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"No Person " + realm + "\"}");
    runNow(createJob(realm, "QBO_TO_SALESFORCE", "\"Customer\",\"Contact\""));

    JsonNode clean = reconcile(realm, false);

    assertThat(clean.path("status").asText()).as("%s", clean).isEqualTo("CLEAN");
    assertThat(counts(object(clean, "Contact", "Contact"))).as("a customer naming no person has no Contact")
        .containsExactly(1, 0, 0, 0, 0, 0);

    remote().sfUpdate("Contact", salesforceId("Contact", realm, ada), "{\"Email\":\"someone.else@example.com\"}");
    JsonNode found = reconcile(realm, false);

    JsonNode contacts = object(found, "Contact", "Contact");
    assertThat(counts(contacts)).containsExactly(0, 1, 0, 0, 0, 0);
    assertThat(contacts.path("differingFields").toString()).isEqualTo("{\"Email\":1}");
  }

  @Test
  void estimatesAreInStepWithTheirQuotesWhoseLinesAreTheSystemsTheyWereMadeIn() {
    String realm = connectNewCompany();
    RemoteApis qbo = remote();
    String customer = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Quoted " + realm + "\"}").get("Id").asText();
    String item = qbo.qboCreate(realm, "Item", "{\"Name\":\"Rec Tent\",\"Type\":\"Service\",\"UnitPrice\":120,"
        + "\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    String estimate = qbo.qboCreate(realm, "Estimate", "{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"Line\":["
        + "{\"DetailType\":\"SalesItemLineDetail\",\"Amount\":240,\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\""
        + item + "\"},\"Qty\":2,\"UnitPrice\":120}}]}").get("Id").asText();
    runNow(createJob(realm, "QBO_TO_SALESFORCE", "\"Customer\",\"Item\",\"Estimate\""));
    String quote = salesforceId("Quote", realm, estimate);
    remote().sfUpdate("Quote", quote, "{\"Name\":\"Club tents, as offered\"}");
    String account = salesforceId("Account", realm, customer);
    String entry = qbo.soql("SELECT Id FROM PricebookEntry WHERE Product2Id = '" + salesforceId("Product2", realm, item)
        + "'").get(0).get("Id").asText();
    String deal = qbo.sfCreate("Opportunity", "{\"Name\":\"Quoted deal " + realm + "\",\"AccountId\":\"" + account
        + "\",\"StageName\":\"Proposal/Price Quote\",\"CloseDate\":\"2026-12-31\"}");
    String salesQuote = qbo.sfCreate("Quote", "{\"Name\":\"Sales quote " + realm + "\",\"OpportunityId\":\"" + deal
        + "\",\"Status\":\"Presented\"}");
    qbo.sfCreate("QuoteLineItem", "{\"QuoteId\":\"" + salesQuote + "\",\"PricebookEntryId\":\"" + entry
        + "\",\"Quantity\":3,\"UnitPrice\":110}");
    runNow(createJob(realm, "SALESFORCE_TO_QBO", "\"Estimate\""));

    JsonNode clean = reconcile(realm, false);

    assertThat(clean.path("status").asText()).as("the names are the sales team's: %s", clean).isEqualTo("CLEAN");
    assertThat(counts(object(clean, "Estimate", "Quote"))).containsExactly(2, 0, 0, 0, 0, 0);

    String line = qbo.soql("SELECT Id FROM QuoteLineItem WHERE QuoteId = '" + quote + "'").get(0).get("Id").asText();
    qbo.sfUpdate("QuoteLineItem", line, "{\"Quantity\":5}");
    JsonNode found = reconcile(realm, false);

    JsonNode estimates = object(found, "Estimate", "Quote");
    assertThat(counts(estimates)).as("%s", found).containsExactly(1, 1, 0, 0, 0, 0);
    assertThat(estimates.path("differingFields").toString()).isEqualTo("{\"QuoteLineItem\":1}");
  }

  @Test
  void badRequestsAreRefusedNamingTheFieldAndASecondReconciliationWaits() {
    String realm = connectNewCompany();
    assertThat(call("POST", "/api/reconciliations", "{\"companyId\":\"" + realm + "\"}").body().path("message").asText())
        .isEqualTo("companyId: no active job of company " + realm + " syncs any object, so nothing is expected to be in"
            + " step; a reconciliation compares what the company's active jobs sync");
    assertThat(call("GET", "/api/reconciliations/latest?companyId=" + realm, null).status()).isEqualTo(404);
    createJob(realm, "QBO_TO_SALESFORCE", "\"Customer\"");

    ApiResponse unknown = call("POST", "/api/reconciliations", "{\"companyId\":\"" + realm + "\",\"objects\":[\"PurchaseOrder\"]}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("message").asText())
        .isEqualTo("objects[0]: unknown object 'PurchaseOrder'; known objects are Customer, Item, Invoice, Vendor, CreditMemo, Payment, SalesReceipt, Estimate, Contact");
    ApiResponse notSynced = call("POST", "/api/reconciliations", "{\"companyId\":\"" + realm + "\",\"objects\":[\"Payment\"]}");
    assertThat(notSynced.body().path("message").asText())
        .isEqualTo("objects[0]: no active job of company " + realm + " syncs Payment, so it is not expected to be in step;"
            + " leave it out");
    ApiResponse notConnected = call("POST", "/api/reconciliations", "{\"companyId\":\"1234\"}");
    assertThat(notConnected.status()).isEqualTo(400);
    assertThat(notConnected.body().path("message").asText()).startsWith("companyId: QuickBooks company 1234 is not connected;");
    ApiResponse ambiguous = call("POST", "/api/reconciliations", "{}");
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(ambiguous.body().path("message").asText()).contains("QuickBooks companies are connected").endsWith("name the one to reconcile");
    ApiResponse wrongType = call("POST", "/api/reconciliations", "{\"companyId\":\"" + realm + "\",\"repair\":\"yes\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("message").asText()).startsWith("repair:");
    assertThat(call("GET", "/api/reconciliations/no-such-id", null).status()).isEqualTo(404);
    assertThat(call("POST", "/api/reconciliations", "{}", null).status()).as("the admin token is needed").isEqualTo(401);

    // Slow QuickBooks answers keep the first reconciliation running while the second is asked for.
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withLatency(Duration.ofMillis(1500)));
    ApiResponse first;
    ApiResponse second;
    try {
      first = call("POST", "/api/reconciliations", "{\"companyId\":\"" + realm + "\"}");
      second = call("POST", "/api/reconciliations", "{\"companyId\":\"" + realm + "\"}");
    } finally {
      sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none());
    }
    assertThat(first.status()).isEqualTo(202);
    ApiResponse asked = call("GET", "/api/reconciliations/" + first.body().path("id").asText(), null);
    assertThat(asked.status()).as("visible as soon as it is started: %s", asked.body()).isEqualTo(200);
    assertThat(second.status()).as("%s", second.body()).isEqualTo(409);
    assertThat(second.body().path("message").asText()).contains("a reconciliation of company " + realm + " is running")
        .contains(first.body().path("id").asText());
    Cli cliUsage = cli("reconcile", "--company", realm, "--timeout", "5");
    assertThat(cliUsage.exitCode()).isEqualTo(2);
    assertThat(cliUsage.err()).contains("--timeout goes with --wait");
  }

  @Test
  void theDemoCompanysCustomersReconcileInBulkReads() {
    ApiResponse run = call("POST", "/api/jobs/demo-customers/run", null);
    if (run.status() == 202) {
      awaitJson("/api/runs/" + run.body().get("runId").asText(), r -> !r.path("status").asText().equals("RUNNING"),
          Duration.ofSeconds(90));
    }
    Instant before = Instant.now();
    ApiResponse started = call("POST", "/api/reconciliations",
        "{\"companyId\":\"" + Sandbox.DEMO_REALM_ID + "\",\"objects\":[\"customer\"]}");
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    assertThat(started.body().path("objects").toString()).isEqualTo("[\"Customer\"]");
    JsonNode found = awaitJson("/api/reconciliations/" + started.body().get("id").asText(),
        r -> !r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
    Duration took = Duration.between(before, Instant.now());

    JsonNode customers = object(found, "Customer", "Account");
    assertThat(found.path("status").asText()).isNotEqualTo("FAILED");
    assertThat(counts(customers).stream().mapToInt(Integer::intValue).sum())
        .as("every demo customer is classified").isGreaterThanOrEqualTo(60);
    assertThat(customers.path("quickBooksCalls").asInt()).as("one page of 1,000").isEqualTo(1);
    System.out.printf("Reconciliation of the demo company's customers: %s in %d ms (%d ms in the activity),"
            + " %d QuickBooks and %d Salesforce call(s)%n", customers.path("counts"), took.toMillis(),
        customers.path("millis").asLong(), customers.path("quickBooksCalls").asInt(), customers.path("salesforceCalls").asInt());
  }

  @Test
  void everyConnectedCompanyGetsTheWeeklyCronWorkflow() {
    String realm = connectNewCompany();
    String workflowId = Reconciliations.scheduledWorkflowId(realm);
    Instant deadline = Instant.now().plusSeconds(30);
    HistoryEvent first = null;
    while (first == null && Instant.now().isBefore(deadline)) {
      try {
        first = temporal.streamHistory(workflowId).findFirst().orElse(null);
      } catch (RuntimeException notYet) {
        sleep(Duration.ofMillis(500));
      }
    }
    assertThat(first).as("the cron workflow of company " + realm).isNotNull();
    assertThat(first.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(first.getWorkflowExecutionStartedEventAttributes().getCronSchedule()).isEqualTo("0 3 * * 0");
    assertThat(first.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName())
        .isEqualTo(Reconciliations.WORKFLOW_TYPE);
  }

  private String invoice(String realm, String customer, String item, int qty, String price) {
    return remote().qboCreate(realm, "Invoice", "{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"Line\":[{\"DetailType\":"
        + "\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"" + item + "\"},\"Qty\":" + qty
        + ",\"UnitPrice\":" + price + "}}]}").get("Id").asText();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What these tests wrote to the shared org goes; seeded Accounts are never touched. */
  @AfterAll
  static void cleanUp() {
    if (remote == null) {
      return;
    }
    for (String realm : REALMS) {
      String mine = "QBO_Id__c LIKE '" + realm + "-%'";
      for (String type : List.of("Contact", "Payment__c", "Invoice_Line__c", "Invoice__c", "Product2", "Account")) {
        remote.soql("SELECT Id FROM " + type + " WHERE " + mine).forEach(r -> remote.sfDelete(type, r.get("Id").asText()));
      }
    }
  }
}
