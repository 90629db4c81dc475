package io.ledgerbridge.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.worker.RemoteApis;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sync of every object through the REST API, as an admin drives it: jobs per direction, run
 * reports, the Salesforce check. Each test works in a QuickBooks company of its own, connected
 * through the API, so the demo job and other tests cannot interfere; the one Salesforce org is
 * shared, so every assertion is about that company's records, and what the tests leave in the org
 * is removed afterwards.
 */
class AllObjectsEndToEndTest extends ApplicationTestSupport {
  private static final AtomicLong NEXT_REALM = new AtomicLong(4620816365000100L + (System.nanoTime() % 1000) * 100);
  private static final List<String> REALMS = new ArrayList<>();
  private static final List<String> CREATED_ACCOUNTS = new ArrayList<>();
  /** Deals these tests made for quotes; deleting one deletes its quotes. */
  private static final List<String> CREATED_OPPORTUNITIES = new ArrayList<>();
  private static RemoteApis remote;

  @Autowired Sandbox sandbox;

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
    assertThat(begin.status()).isEqualTo(200);
    String consentUrl = begin.body().get("authorizationUrl").asText() + "&realmId=" + realmId;
    HttpResponse<String> consent = remote().raw(HttpRequest.newBuilder(URI.create(consentUrl)).GET().build());
    String callback = URI.create(consent.headers().firstValue("Location").orElseThrow()).getRawQuery();
    HttpResponse<String> done = remote().raw(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/oauth/quickbooks/callback?" + callback)).GET().build());
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    assertThat(call("GET", "/api/connections/quickbooks/" + realmId, null).body().get("connected").asBoolean()).isTrue();
    synchronized (REALMS) {
      REALMS.add(realmId);
    }
    return realmId;
  }

  private String createJob(String realmId, String name, String direction, String objects) {
    ApiResponse created = call("POST", "/api/jobs", """
        {"name":"%s","companyId":"%s","direction":"%s","objects":[%s],
         "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}
        """.formatted(name + " " + realmId, realmId, direction, objects));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private JsonNode runNow(String jobId) {
    ApiResponse started = call("POST", "/api/jobs/" + jobId + "/run", null);
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    JsonNode run = awaitJson("/api/runs/" + started.body().get("runId").asText(),
        r -> !r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
    assertThat(run.path("status").asText()).as("%s", run).isEqualTo("SUCCEEDED");
    return run;
  }

  private static JsonNode report(JsonNode run, String object) {
    for (JsonNode report : run.path("objectReports")) {
      if (report.path("object").asText().equals(object)) {
        return report;
      }
    }
    throw new AssertionError("no report for " + object + " in " + run);
  }

  private Map<String, JsonNode> byExternalId(String fields, String type, String realmId) {
    return remote().soql("SELECT " + fields + ", QBO_Id__c FROM " + type + " WHERE QBO_Id__c LIKE '" + realmId + "-%'")
        .stream().collect(Collectors.toMap(r -> r.get("QBO_Id__c").asText(), Function.identity()));
  }

  @Test
  void salesforceCheckFindsEveryMappedFieldAndTheItemAccountsAndNamesWhatIsAskedFor() {
    ApiResponse all = call("GET", "/api/connections/salesforce/check", null);

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body().get("ok").asBoolean()).as("%s", all.body()).isTrue();
    assertThat(all.body().get("problems")).isEmpty();
    assertThat(all.body().get("checked")).extracting(JsonNode::asText)
        .contains("Account", "Product2", "PricebookEntry", "Invoice__c", "Invoice_Line__c", "Opportunity",
            "OpportunityLineItem", "Payment__c", "Payment_Line__c", "Credit_Memo__c", "Credit_Memo_Line__c",
            "Sales_Receipt__c", "Sales_Receipt_Line__c", "Quote", "QuoteLineItem", "Contact");

    ApiResponse invoices = call("GET", "/api/connections/salesforce/check?object=Invoice&direction=QBO_TO_SALESFORCE", null);
    assertThat(invoices.body().get("checked")).extracting(JsonNode::asText).containsExactly("Invoice__c", "Invoice_Line__c");

    String realm = connectNewCompany();
    ApiResponse items = call("GET", "/api/connections/salesforce/check?object=Item&companyId=" + realm, null);
    assertThat(items.body().get("ok").asBoolean()).as("a new company has the accounts items post to: %s", items.body())
        .isTrue();

    ApiResponse unknown = call("GET", "/api/connections/salesforce/check?object=PurchaseOrder", null);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("message").asText()).contains("unknown object 'PurchaseOrder'");
    assertThat(call("GET", "/api/connections/salesforce/check", null, null).status()).as("admin token needed").isEqualTo(401);
  }

  @Test
  void jobThatListsAChildBeforeItsParentIsRefusedNamingBoth() {
    ApiResponse refused = call("POST", "/api/jobs", """
        {"name":"misordered","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Item","Invoice","Customer"],
         "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}
        """.formatted(Sandbox.DEMO_REALM_ID));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("message").asText()).contains("Invoice is listed before Customer").contains("move Customer before Invoice");
  }

  @Test
  void everyObjectGoesToSalesforceWithItsLinksAndARerunWritesNothing() {
    String realm = connectNewCompany();
    RemoteApis qbo = remote();
    String widget = qbo.qboCreate(realm, "Item", "{\"Name\":\"E2E Widget\",\"Type\":\"Service\",\"UnitPrice\":25,\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    String gadget = qbo.qboCreate(realm, "Item", "{\"Name\":\"E2E Gadget\",\"Type\":\"NonInventory\",\"UnitPrice\":10,\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    String ada = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Ada Analytics " + realm + "\",\"GivenName\":\"Ada\","
        + "\"FamilyName\":\"Lovelace\",\"PrimaryEmailAddr\":{\"Address\":\"ada@analytics.example.com\"}}").get("Id").asText();
    String bob = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Bob Builders " + realm + "\"}").get("Id").asText();
    // QuickBooks keeps customers' and vendors' names in one list: a vendor cannot be named like a customer.
    String vendor = qbo.qboCreate(realm, "Vendor", "{\"DisplayName\":\"Ada Paper Supplies " + realm + "\"}").get("Id").asText();
    String first = invoice(realm, ada, widget, 2, "25").get("Id").asText();
    String second = invoice(realm, ada, gadget, 3, "10").get("Id").asText();
    invoice(realm, bob, widget, 1, "25");
    qbo.qboCreate(realm, "Payment", "{\"CustomerRef\":{\"value\":\"" + ada + "\"},\"TotalAmt\":60,\"Line\":["
        + "{\"Amount\":50,\"LinkedTxn\":[{\"TxnId\":\"" + first + "\",\"TxnType\":\"Invoice\"}]},"
        + "{\"Amount\":10,\"LinkedTxn\":[{\"TxnId\":\"" + second + "\",\"TxnType\":\"Invoice\"}]}]}");
    String credit = qbo.qboCreate(realm, "CreditMemo", "{\"CustomerRef\":{\"value\":\"" + bob + "\"},\"Line\":[{\"DetailType\":"
        + "\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"" + gadget + "\"},\"Qty\":2,"
        + "\"UnitPrice\":10}}]}").get("Id").asText();
    String receipt = qbo.qboCreate(realm, "SalesReceipt", "{\"CustomerRef\":{\"value\":\"" + ada + "\"},\"Line\":[{\"DetailType\":"
        + "\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"" + widget + "\"},\"Qty\":3,"
        + "\"UnitPrice\":5}}]}").get("Id").asText();
    String job = createJob(realm, "e2e all objects", "QBO_TO_SALESFORCE",
        "\"Customer\",\"Item\",\"Invoice\",\"Vendor\",\"CreditMemo\",\"Payment\",\"SalesReceipt\",\"Contact\"");

    JsonNode run = runNow(job);

    assertThat(report(run, "Customer").path("created").asInt()).isEqualTo(2);
    assertThat(report(run, "Item").path("created").asInt()).isEqualTo(2);
    assertThat(report(run, "Invoice").path("created").asInt()).isEqualTo(3);
    assertThat(report(run, "Payment").path("created").asInt()).isEqualTo(1);
    assertThat(report(run, "Vendor").path("created").asInt()).isEqualTo(1);
    assertThat(report(run, "CreditMemo").path("created").asInt()).isEqualTo(1);
    assertThat(report(run, "SalesReceipt").path("created").asInt()).isEqualTo(1);
    assertThat(report(run, "Contact").path("created").asInt()).as("only Ada names a person").isEqualTo(1);
    Map<String, JsonNode> accounts = byExternalId("Id, Name", "Account", realm);
    Map<String, JsonNode> products = byExternalId("Id, Name", "Product2", realm);
    Map<String, JsonNode> invoices = byExternalId("Id, Account__c, Total_Amount__c, Balance__c, Status__c", "Invoice__c", realm);
    Map<String, JsonNode> payments = byExternalId("Id, Account__c, Amount__c", "Payment__c", realm);
    assertThat(accounts).hasSize(3);
    assertThat(vendor).as("QuickBooks ids are per entity").isEqualTo(ada);
    assertThat(accounts.get(realm + "-Vendor-" + vendor).get("Name").asText()).isEqualTo("Ada Paper Supplies " + realm);
    assertThat(products).hasSize(2);
    assertThat(invoices).hasSize(3);
    assertThat(payments).hasSize(1);
    JsonNode paid = invoices.get(realm + "-" + first);
    assertThat(paid.get("Account__c").asText()).isEqualTo(accounts.get(realm + "-" + ada).get("Id").asText());
    assertThat(paid.get("Status__c").asText()).isEqualTo("Paid");
    assertThat(paid.get("Balance__c").decimalValue()).isEqualByComparingTo("0");
    JsonNode line = remote().soql("SELECT Product__c, Quantity__c, Amount__c FROM Invoice_Line__c WHERE Invoice__c = '"
        + paid.get("Id").asText() + "'").get(0);
    assertThat(line.get("Product__c").asText()).isEqualTo(products.get(realm + "-" + widget).get("Id").asText());
    assertThat(line.get("Amount__c").decimalValue()).isEqualByComparingTo("50");
    JsonNode creditMemo = byExternalId("Id, Account__c, Total_Amount__c, Balance__c, Status__c", "Credit_Memo__c", realm)
        .get(realm + "-" + credit);
    assertThat(creditMemo.get("Account__c").asText()).isEqualTo(accounts.get(realm + "-" + bob).get("Id").asText());
    assertThat(creditMemo.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("20");
    assertThat(creditMemo.get("Balance__c").decimalValue()).as("no credit applied yet").isEqualByComparingTo("20");
    assertThat(creditMemo.get("Status__c").asText()).isEqualTo("Open");
    JsonNode creditLine = remote().soql("SELECT Product__c, Amount__c FROM Credit_Memo_Line__c WHERE Credit_Memo__c = '"
        + creditMemo.get("Id").asText() + "'").get(0);
    assertThat(creditLine.get("Product__c").asText()).isEqualTo(products.get(realm + "-" + gadget).get("Id").asText());
    assertThat(creditLine.get("Amount__c").decimalValue()).isEqualByComparingTo("20");
    JsonNode salesReceipt = byExternalId("Id, Account__c, Total_Amount__c, Status__c", "Sales_Receipt__c", realm)
        .get(realm + "-" + receipt);
    assertThat(salesReceipt.get("Account__c").asText()).isEqualTo(accounts.get(realm + "-" + ada).get("Id").asText());
    assertThat(salesReceipt.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("15");
    assertThat(salesReceipt.get("Status__c").asText()).as("paid when made").isEqualTo("Paid");
    JsonNode receiptLine = remote().soql("SELECT Product__c, Amount__c FROM Sales_Receipt_Line__c WHERE Sales_Receipt__c = '"
        + salesReceipt.get("Id").asText() + "'").get(0);
    assertThat(receiptLine.get("Product__c").asText()).isEqualTo(products.get(realm + "-" + widget).get("Id").asText());
    assertThat(receiptLine.get("Amount__c").decimalValue()).isEqualByComparingTo("15");
    JsonNode contact = byExternalId("AccountId, FirstName, LastName, Email, Primary__c", "Contact", realm).get(realm + "-" + ada);
    assertThat(contact.get("AccountId").asText()).isEqualTo(accounts.get(realm + "-" + ada).get("Id").asText());
    assertThat(contact.get("FirstName").asText() + " " + contact.get("LastName").asText()).isEqualTo("Ada Lovelace");
    assertThat(contact.get("Email").asText()).isEqualTo("ada@analytics.example.com");
    assertThat(contact.get("Primary__c").asBoolean()).isTrue();
    JsonNode payment = payments.values().iterator().next();
    assertThat(payment.get("Account__c").asText()).isEqualTo(accounts.get(realm + "-" + ada).get("Id").asText());
    assertThat(payment.get("Amount__c").decimalValue()).isEqualByComparingTo("60");
    Map<String, JsonNode> applications = byExternalId("Invoice__c, Amount_Applied__c", "Payment_Line__c", realm);
    assertThat(applications).as("one line per invoice paid").hasSize(2);
    JsonNode toFirst = applications.get(payment.get("QBO_Id__c").asText() + "-Invoice-" + first);
    assertThat(toFirst.get("Invoice__c").asText()).isEqualTo(paid.get("Id").asText());
    assertThat(toFirst.get("Amount_Applied__c").decimalValue()).isEqualByComparingTo("50");
    JsonNode toSecond = applications.get(payment.get("QBO_Id__c").asText() + "-Invoice-" + second);
    assertThat(toSecond.get("Invoice__c").asText()).isEqualTo(invoices.get(realm + "-" + second).get("Id").asText());
    assertThat(toSecond.get("Amount_Applied__c").decimalValue()).isEqualByComparingTo("10");
    assertThat(invoices.get(realm + "-" + second).get("Status__c").asText()).isEqualTo("Partially Paid");
    Map<String, String> modstamps = remote().soql("SELECT Id, SystemModstamp FROM Invoice__c WHERE QBO_Id__c LIKE '" + realm + "-%'")
        .stream().collect(Collectors.toMap(r -> r.get("Id").asText(), r -> r.get("SystemModstamp").asText()));

    JsonNode rerun = runNow(job);

    for (JsonNode object : rerun.path("objectReports")) {
      assertThat(object.path("created").asInt() + object.path("updated").asInt()).as("%s", object).isZero();
    }
    assertThat(remote().soql("SELECT Id, SystemModstamp FROM Invoice__c WHERE QBO_Id__c LIKE '" + realm + "-%'"))
        .allSatisfy(r -> assertThat(r.get("SystemModstamp").asText()).isEqualTo(modstamps.get(r.get("Id").asText())));
  }

  @Test
  void invoiceWhoseCustomerIsMissingIsDeferredThenSyncedWhenTheCustomerJobRuns() {
    String realm = connectNewCompany();
    RemoteApis qbo = remote();
    String item = qbo.qboCreate(realm, "Item", "{\"Name\":\"E2E Part\",\"Type\":\"NonInventory\",\"UnitPrice\":5,\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    String customer = qbo.qboCreate(realm, "Customer", "{\"DisplayName\":\"Late Customer " + realm + "\"}").get("Id").asText();
    String invoice = invoice(realm, customer, item, 4, "5").get("Id").asText();
    runNow(createJob(realm, "e2e items", "QBO_TO_SALESFORCE", "\"Item\""));
    String invoicesJob = createJob(realm, "e2e invoices", "QBO_TO_SALESFORCE", "\"Invoice\"");

    JsonNode deferred = runNow(invoicesJob);

    assertThat(report(deferred, "Invoice").path("deferred").asInt()).isEqualTo(1);
    assertThat(report(deferred, "Invoice").path("failed").asInt()).isZero();
    assertThat(byExternalId("Id", "Invoice__c", realm)).isEmpty();

    runNow(createJob(realm, "e2e customers", "QBO_TO_SALESFORCE", "\"Customer\""));

    Map<String, JsonNode> invoices = byExternalId("Id, Account__c", "Invoice__c", realm);
    assertThat(invoices).containsOnlyKeys(realm + "-" + invoice);
    assertThat(invoices.get(realm + "-" + invoice).get("Account__c").asText())
        .isEqualTo(byExternalId("Id", "Account", realm).get(realm + "-" + customer).get("Id").asText());
    JsonNode after = runNow(invoicesJob);
    assertThat(report(after, "Invoice").path("deferred").asInt() + report(after, "Invoice").path("created").asInt()).isZero();
  }

  @Test
  void accountFromSalesforceBecomesACustomerWithItsKeyWrittenBackAndNothingEchoes() {
    String realm = connectNewCompany();
    String name = "Reverse Robotics " + realm;
    String account = remote().sfCreate("Account", "{\"Name\":\"" + name + "\",\"Phone\":\"(720) 555-0142\"}");
    synchronized (CREATED_ACCOUNTS) {
      CREATED_ACCOUNTS.add(account);
    }
    String toQbo = createJob(realm, "e2e from salesforce", "SALESFORCE_TO_QBO", "\"Customer\"");

    JsonNode run = runNow(toQbo);

    assertThat(report(run, "Customer").path("failed").asInt()).isZero();
    JsonNode customer = remote().qboAll(realm, "Customer").stream()
        .filter(c -> c.get("DisplayName").asText().equals(name)).findFirst().orElseThrow();
    assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(720) 555-0142");
    JsonNode written = remote().soql("SELECT QBO_Id__c, SystemModstamp FROM Account WHERE Id = '" + account + "'").get(0);
    assertThat(written.get("QBO_Id__c").asText()).isEqualTo(realm + "-" + customer.get("Id").asText());
    int customers = remote().qboAll(realm, "Customer").size();

    JsonNode back = runNow(createJob(realm, "e2e to salesforce", "QBO_TO_SALESFORCE", "\"Customer\""));

    assertThat(report(back, "Customer").path("created").asInt() + report(back, "Customer").path("updated").asInt())
        .as("the customers came from Salesforce: nothing goes back").isZero();
    assertThat(remote().soql("SELECT SystemModstamp FROM Account WHERE Id = '" + account + "'").get(0).get("SystemModstamp"))
        .isEqualTo(written.get("SystemModstamp"));
    JsonNode again = runNow(toQbo);
    assertThat(report(again, "Customer").path("created").asInt() + report(again, "Customer").path("updated").asInt()).isZero();
    assertThat(remote().qboAll(realm, "Customer")).hasSize(customers);
  }

  @Test
  void aQuoteFromSalesforceBecomesAnEstimateWhoseStatusComesBackToIt() {
    String realm = connectNewCompany();
    RemoteApis apis = remote();
    String customer = apis.qboCreate(realm, "Customer", "{\"DisplayName\":\"Quote Corp " + realm + "\"}").get("Id").asText();
    String item = apis.qboCreate(realm, "Item", "{\"Name\":\"E2E Quoted Widget\",\"Type\":\"Service\",\"UnitPrice\":40,"
        + "\"IncomeAccountRef\":{\"value\":\"79\"}}").get("Id").asText();
    runNow(createJob(realm, "e2e quote parents", "QBO_TO_SALESFORCE", "\"Customer\",\"Item\""));
    String account = byExternalId("Id", "Account", realm).get(realm + "-" + customer).get("Id").asText();
    String product = byExternalId("Id", "Product2", realm).get(realm + "-" + item).get("Id").asText();
    String entry = apis.soql("SELECT Id FROM PricebookEntry WHERE Product2Id = '" + product + "'").get(0).get("Id").asText();
    String deal = apis.sfCreate("Opportunity", "{\"Name\":\"Quoted deal " + realm + "\",\"AccountId\":\"" + account
        + "\",\"StageName\":\"Proposal/Price Quote\",\"CloseDate\":\"2026-12-31\"}");
    synchronized (CREATED_OPPORTUNITIES) {
      CREATED_OPPORTUNITIES.add(deal);
    }
    String quote = apis.sfCreate("Quote", "{\"Name\":\"Widgets for " + realm + "\",\"OpportunityId\":\"" + deal
        + "\",\"Status\":\"Presented\"}");
    apis.sfCreate("QuoteLineItem", "{\"QuoteId\":\"" + quote + "\",\"PricebookEntryId\":\"" + entry
        + "\",\"Quantity\":3,\"UnitPrice\":40}");
    String toQbo = createJob(realm, "e2e quotes", "SALESFORCE_TO_QBO", "\"Estimate\"");

    JsonNode sent = runNow(toQbo);

    assertThat(report(sent, "Estimate").path("created").asInt()).as("%s", sent).isEqualTo(1);
    JsonNode estimate = apis.qboAll(realm, "Estimate").get(0);
    assertThat(estimate.at("/CustomerRef/value").asText()).isEqualTo(customer);
    assertThat(estimate.get("TotalAmt").decimalValue()).isEqualByComparingTo("120");
    assertThat(estimate.at("/Line/0/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo(item);
    JsonNode written = apis.soql("SELECT QBO_Id__c, Doc_Number__c, Estimate_Status__c FROM Quote WHERE Id = '" + quote + "'").get(0);
    assertThat(written.get("QBO_Id__c").asText()).isEqualTo(realm + "-" + estimate.get("Id").asText());
    assertThat(written.get("Doc_Number__c").asText()).isEqualTo(estimate.get("DocNumber").asText());
    assertThat(written.get("Estimate_Status__c").asText()).isEqualTo("Pending");

    apis.qboUpdate(realm, "Estimate", "{\"Id\":\"" + estimate.get("Id").asText() + "\",\"SyncToken\":\""
        + estimate.get("SyncToken").asText() + "\",\"sparse\":true,\"TxnStatus\":\"Accepted\"}");
    JsonNode back = runNow(createJob(realm, "e2e estimates", "QBO_TO_SALESFORCE", "\"Estimate\""));

    assertThat(report(back, "Estimate").path("updated").asInt()).as("%s", back).isEqualTo(1);
    assertThat(report(back, "Estimate").path("created").asInt()).as("the Quote it came from, not a second one").isZero();
    JsonNode accepted = apis.soql("SELECT Status, Estimate_Status__c FROM Quote WHERE Id = '" + quote + "'").get(0);
    assertThat(accepted.get("Status").asText()).isEqualTo("Accepted");
    assertThat(accepted.get("Estimate_Status__c").asText()).isEqualTo("Accepted");
    JsonNode again = runNow(toQbo);
    assertThat(report(again, "Estimate").path("created").asInt() + report(again, "Estimate").path("updated").asInt())
        .as("%s", again).isZero();
    assertThat(apis.qboAll(realm, "Estimate")).hasSize(1);
  }

  @Test
  void primaryContactMadeInSalesforceUpdatesItsAccountsCustomerAndANonPrimaryOneIsIgnored() {
    String realm = connectNewCompany();
    String customer = remote().qboCreate(realm, "Customer", "{\"DisplayName\":\"Contact Corp " + realm + "\"}")
        .get("Id").asText();
    runNow(createJob(realm, "e2e contact accounts", "QBO_TO_SALESFORCE", "\"Customer\""));
    String account = byExternalId("Id", "Account", realm).get(realm + "-" + customer).get("Id").asText();
    String primary = remote().sfCreate("Contact", "{\"AccountId\":\"" + account + "\",\"FirstName\":\"Grace\","
        + "\"LastName\":\"Hopper\",\"MobilePhone\":\"(720) 555-0199\",\"Primary__c\":true}");
    String other = remote().sfCreate("Contact", "{\"AccountId\":\"" + account + "\",\"LastName\":\"Not Primary\"}");
    String toQbo = createJob(realm, "e2e contacts in", "SALESFORCE_TO_QBO", "\"Customer\",\"Contact\"");

    JsonNode run = runNow(toQbo);

    assertThat(report(run, "Contact").path("updated").asInt()).as("%s", run).isEqualTo(1);
    assertThat(report(run, "Contact").path("failed").asInt()).isZero();
    JsonNode updated = remote().qboRead(realm, "Customer", customer);
    assertThat(updated.get("GivenName").asText() + " " + updated.get("FamilyName").asText()).isEqualTo("Grace Hopper");
    assertThat(updated.at("/Mobile/FreeFormNumber").asText()).isEqualTo("(720) 555-0199");
    assertThat(remote().qboAll(realm, "Customer")).as("updated, none created")
        .filteredOn(c -> c.path("FamilyName").asText().equals("Hopper")).singleElement()
        .satisfies(c -> assertThat(c.get("Id").asText()).isEqualTo(customer));
    assertThat(remote().soql("SELECT QBO_Id__c FROM Contact WHERE Id = '" + primary + "'").get(0).get("QBO_Id__c").asText())
        .isEqualTo(realm + "-" + customer);
    JsonNode again = runNow(toQbo);
    assertThat(report(again, "Contact").path("updated").asInt() + report(again, "Contact").path("created").asInt()).isZero();
    remote().sfDelete("Contact", other);
  }

  @Test
  void customerChangedOnBothSidesFollowsSalesforceAndThenSettles() {
    String realm = connectNewCompany();
    String customer = remote().qboCreate(realm, "Customer",
        "{\"DisplayName\":\"Two Sided " + realm + "\",\"PrimaryPhone\":{\"FreeFormNumber\":\"(720) 555-0100\"}}").get("Id").asText();
    String toSalesforce = createJob(realm, "e2e conflict out", "QBO_TO_SALESFORCE", "\"Customer\"");
    runNow(toSalesforce);
    String account = byExternalId("Id", "Account", realm).get(realm + "-" + customer).get("Id").asText();
    remote().sfUpdate("Account", account, "{\"Phone\":\"(720) 555-0111\"}");
    JsonNode current = remote().qboRead(realm, "Customer", customer);
    remote().qboCreate(realm, "Customer", "{\"Id\":\"" + customer + "\",\"SyncToken\":\"" + current.get("SyncToken").asText()
        + "\",\"sparse\":true,\"PrimaryPhone\":{\"FreeFormNumber\":\"(720) 555-0122\"}}");

    JsonNode out = runNow(toSalesforce);

    assertThat(report(out, "Customer").path("updated").asInt()).as("Salesforce wins for customers").isZero();
    assertThat(remote().soql("SELECT Phone FROM Account WHERE Id = '" + account + "'").get(0).get("Phone").asText())
        .isEqualTo("(720) 555-0111");

    JsonNode in = runNow(createJob(realm, "e2e conflict in", "SALESFORCE_TO_QBO", "\"Customer\""));

    assertThat(report(in, "Customer").path("updated").asInt()).isEqualTo(1);
    assertThat(remote().qboRead(realm, "Customer", customer).at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(720) 555-0111");
    JsonNode settled = runNow(toSalesforce);
    assertThat(report(settled, "Customer").path("updated").asInt() + report(settled, "Customer").path("created").asInt()).isZero();
  }

  private JsonNode invoice(String realm, String customer, String item, int qty, String price) {
    return remote().qboCreate(realm, "Invoice", "{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"Line\":[{\"DetailType\":"
        + "\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"" + item + "\"},\"Qty\":" + qty
        + ",\"UnitPrice\":" + price + "}}]}");
  }

  /** What these tests wrote to the shared org goes; seeded Accounts they linked are unlinked again. */
  @AfterAll
  static void cleanUp() {
    if (remote == null) {
      return;
    }
    for (String realm : REALMS) {
      String mine = "QBO_Id__c LIKE '" + realm + "-%'";
      for (String type : List.of("Contact", "Payment__c", "Invoice__c", "Credit_Memo__c", "Sales_Receipt__c", "Product2")) {
        remote.soql("SELECT Id FROM " + type + " WHERE " + mine).forEach(r -> remote.sfDelete(type, r.get("Id").asText()));
      }
      for (JsonNode account : remote.soql("SELECT Id, Type FROM Account WHERE " + mine)) {
        String id = account.get("Id").asText();
        // A vendor's Account left unlinked would go to QuickBooks with another company's Vendor job.
        if (CREATED_ACCOUNTS.contains(id) || account.path("Type").asText().equals("Vendor")) {
          remote.sfDelete("Account", id);
        } else {
          remote.sfUpdate("Account", id, "{\"QBO_Id__c\":null}");
        }
      }
    }
    CREATED_OPPORTUNITIES.forEach(id -> remote.sfDelete("Opportunity", id));
    CREATED_ACCOUNTS.forEach(id -> remote.sfDelete("Account", id));
  }
}
