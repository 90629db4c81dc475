package io.ledgerbridge.worker.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.ledgerbridge.sandbox.OutboundMessageSubscription;
import io.ledgerbridge.sandbox.QboWebhookSubscription;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.RemoteApis;
import io.ledgerbridge.worker.status.MonitoringApiSupport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.record.RecordSync;
import io.ledgerbridge.workflows.record.RecordSyncWorkflow;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Changes reach the other side in seconds through the notifications QuickBooks and Salesforce send,
 * not at the next scheduled run: every job here is scheduled once a year, and the demo job is paused.
 */
class RealTimeSyncTest extends MonitoringApiSupport {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String REALM = Sandbox.DEMO_REALM_ID;

  @Autowired Sandbox sandbox;
  @Autowired WorkflowClient temporal;
  @Autowired WorkflowServiceStubs grpc;
  RemoteApis remote;
  String demoJobId;
  String jobId;

  @BeforeEach
  void pauseTheDemoJob() {
    remote = new RemoteApis(sandbox);
    for (JsonNode job : call("GET", "/api/jobs", null).body()) {
      if (job.path("name").asText().equals("demo-customers")) {
        demoJobId = job.get("id").asText();
      }
    }
    assertThat(call("POST", "/api/jobs/" + demoJobId + "/pause", null).status()).isEqualTo(200);
  }

  @AfterEach
  void stopNotifications() {
    sandbox.subscribeQboWebhooks(null);
    sandbox.unsubscribeOutboundMessages();
    if (jobId != null) {
      call("DELETE", "/api/jobs/" + jobId, null);
    }
    call("POST", "/api/jobs/" + demoJobId + "/resume", null);
  }

  String yearlyJob(SyncDirection direction, String... objects) {
    String body = """
        {"name":"real-time %s","companyId":"%s","direction":"%s","objects":["%s"],
         "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}"""
        .formatted(UUID.randomUUID().toString().substring(0, 8), REALM, direction, String.join("\",\"", objects));
    ApiResponse created = call("POST", "/api/jobs", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  /** In both forms Intuit has sent: CloudEvents (now the only one) and the legacy eventNotifications. */
  @ParameterizedTest(name = "cloudEvents={0}")
  @ValueSource(booleans = {true, false})
  void aCustomerChangedInQuickBooksReachesSalesforceThroughItsWebhook(boolean cloudEvents) {
    jobId = yearlyJob(SyncDirection.QBO_TO_SALESFORCE, "Customer");
    sandbox.subscribeQboWebhooks(new QboWebhookSubscription(
        "http://127.0.0.1:" + port + "/webhooks/quickbooks", Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, cloudEvents));
    long quickBooksRecordsBefore = realTime("quickbooks").get("recordsSyncing").asLong();
    JsonNode customer = remote.qboAll(REALM, "Customer").get(cloudEvents ? 3 : 4);
    String newName = "Real-time " + UUID.randomUUID().toString().substring(0, 8);

    remote.qboUpdate(REALM, "Customer", """
        {"Id":"%s","SyncToken":"%s","sparse":true,"DisplayName":"%s"}"""
        .formatted(customer.get("Id").asText(), customer.get("SyncToken").asText(), newName));

    String externalId = REALM + "-" + customer.get("Id").asText();
    JsonNode account = await(() -> first(remote.soql("SELECT Name FROM Account WHERE QBO_Id__c = '" + externalId + "'")),
        a -> a != null && a.get("Name").asText().equals(newName), Duration.ofSeconds(30));
    assertThat(account.get("Name").asText()).isEqualTo(newName);
    await(() -> realTime("quickbooks").get("recordsSyncing").asLong(), n -> n > quickBooksRecordsBefore,
        Duration.ofSeconds(30));
  }

  @Test
  void aVendorChangedInQuickBooksReachesItsOwnAccountThroughItsWebhook() {
    jobId = yearlyJob(SyncDirection.QBO_TO_SALESFORCE, "Customer", "Vendor");
    sandbox.subscribeQboWebhooks(new QboWebhookSubscription(
        "http://127.0.0.1:" + port + "/webhooks/quickbooks", Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, true));
    JsonNode vendor = remote.qboRead(REALM, "Vendor", "1");
    assertThat(remote.qboRead(REALM, "Customer", "1")).as("a customer has the vendor's Id").isNotNull();
    String newName = "Real-time vendor " + UUID.randomUUID().toString().substring(0, 8);

    remote.qboUpdate(REALM, "Vendor", """
        {"Id":"1","SyncToken":"%s","sparse":true,"DisplayName":"%s"}""".formatted(vendor.get("SyncToken").asText(), newName));

    JsonNode account = await(() -> first(remote.soql("SELECT Name, Type FROM Account WHERE QBO_Id__c = '" + REALM + "-Vendor-1'")),
        a -> a != null && a.get("Name").asText().equals(newName), Duration.ofSeconds(30));
    assertThat(account.get("Type").asText()).isEqualTo("Vendor");
    assertThat(remote.soql("SELECT Name FROM Account WHERE QBO_Id__c = '" + REALM + "-1'"))
        .as("the customer with the same Id keeps its Account").noneMatch(a -> a.get("Name").asText().equals(newName));
  }

  @Test
  void withBothDirectionsLiveAChangeCrossesOnceAndDoesNotComeBack() {
    jobId = yearlyJob(SyncDirection.QBO_TO_SALESFORCE, "Customer");
    String backJob = yearlyJob(SyncDirection.SALESFORCE_TO_QBO, "Customer");
    try {
      sandbox.subscribeQboWebhooks(new QboWebhookSubscription(
          "http://127.0.0.1:" + port + "/webhooks/quickbooks", Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, true));
      sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(
          "http://127.0.0.1:" + port + "/webhooks/salesforce/outbound-messages?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN,
          "Account", List.of("Name")));
      long salesforceRecordsBefore = realTime("salesforce").get("recordsSyncing").asLong();
      JsonNode customer = remote.qboAll(REALM, "Customer").get(5);
      String newName = "Both ways " + UUID.randomUUID().toString().substring(0, 8);

      JsonNode changed = remote.qboUpdate(REALM, "Customer", """
          {"Id":"%s","SyncToken":"%s","sparse":true,"DisplayName":"%s"}"""
          .formatted(customer.get("Id").asText(), customer.get("SyncToken").asText(), newName));

      String externalId = REALM + "-" + customer.get("Id").asText();
      await(() -> first(remote.soql("SELECT Name FROM Account WHERE QBO_Id__c = '" + externalId + "'")),
          a -> a != null && a.get("Name").asText().equals(newName), Duration.ofSeconds(30));
      // Salesforce tells of the Account the sync wrote; its sync back to QuickBooks finds nothing new.
      await(() -> realTime("salesforce").get("recordsSyncing").asLong(), n -> n > salesforceRecordsBefore, Duration.ofSeconds(30));
      String backWorkflow = RecordSync.workflowId(REALM, SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);
      await(() -> temporal.newUntypedWorkflowStub(backWorkflow).describe().getStatus(),
          status -> status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Duration.ofSeconds(30));
      assertThat(remote.qboRead(REALM, "Customer", customer.get("Id").asText()).get("SyncToken").asText())
          .as("QuickBooks was not written back to").isEqualTo(changed.get("SyncToken").asText());
    } finally {
      call("DELETE", "/api/jobs/" + backJob, null);
    }
  }

  private JsonNode realTime(String system) {
    for (JsonNode source : call("GET", "/api/status", null).body().get("realTime")) {
      if (source.get("system").asText().equals(system)) {
        return source;
      }
    }
    throw new AssertionError("no real-time source " + system);
  }

  @Test
  void anAccountCreatedInSalesforceBecomesACustomerThroughItsOutboundMessage() {
    jobId = yearlyJob(SyncDirection.SALESFORCE_TO_QBO, "Customer");
    sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(
        "http://127.0.0.1:" + port + "/webhooks/salesforce/outbound-messages?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN,
        "Account", List.of("Name")));
    String name = "Outbound " + UUID.randomUUID().toString().substring(0, 8);

    String accountId = remote.sfCreate("Account", "{\"Name\":\"" + name + "\",\"Phone\":\"(303) 555-0199\"}");

    JsonNode customer = await(() -> remote.qboAll(REALM, "Customer").stream()
            .filter(c -> c.path("DisplayName").asText().equals(name)).findFirst().orElse(null),
        c -> c != null, Duration.ofSeconds(30));
    JsonNode written = await(() -> first(remote.soql("SELECT QBO_Id__c FROM Account WHERE Id = '" + accountId + "'")),
        a -> a != null && !a.path("QBO_Id__c").isNull(), Duration.ofSeconds(30));
    assertThat(written.get("QBO_Id__c").asText()).isEqualTo(REALM + "-" + customer.get("Id").asText());
  }

  /**
   * Real time and scheduled runs both on, as in production: Accounts made in Salesforce while runs of the job
   * start by hand reach QuickBooks by whichever path sees them first, and each is written there once — created,
   * never updated after (its SyncToken stays 0), and never twice.
   */
  @Test
  void withRealTimeAndRunsBothOnEachNewAccountIsWrittenToQuickBooksOnce() {
    jobId = yearlyJob(SyncDirection.SALESFORCE_TO_QBO, "Customer");
    sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(
        "http://127.0.0.1:" + port + "/webhooks/salesforce/outbound-messages?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN,
        "Account", List.of("Name")));
    String prefix = "Once " + UUID.randomUUID().toString().substring(0, 8) + " ";
    int accounts = 90;
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      remote.sfCreate("Account", "{\"Name\":\"" + prefix + i + "\",\"Phone\":\"(303) 555-0142\"}");
      if (i % 20 == 10) {
        ApiResponse started = call("POST", "/api/jobs/" + jobId + "/run", null);
        assertThat(started.status()).as("%s", started.body()).isIn(202, 409);
        if (started.status() == 202) {
          runs.add(started.body().get("runId").asText());
        }
      }
    }
    assertThat(runs).as("runs started while notifications arrived").isNotEmpty();

    await(() -> remote.soql("SELECT Id FROM Account WHERE Name LIKE '" + prefix + "%' AND QBO_Id__c != null").size(),
        keyed -> keyed == accounts, Duration.ofSeconds(90));
    for (String runId : runs) {
      awaitJson("/api/runs/" + runId, run -> !run.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
    }
    String liveWorkflow = RecordSync.workflowId(REALM, SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);
    await(() -> temporal.newUntypedWorkflowStub(liveWorkflow).describe().getStatus(),
        status -> status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Duration.ofSeconds(60));

    List<JsonNode> customers = remote.qboAll(REALM, "Customer").stream()
        .filter(customer -> customer.path("DisplayName").asText().startsWith(prefix))
        .toList();
    assertThat(customers).as("one customer per Account").hasSize(accounts);
    assertThat(customers).extracting(customer -> customer.get("DisplayName").asText()).doesNotHaveDuplicates();
    assertThat(customers).as("written once: created and never updated")
        .allSatisfy(customer -> assertThat(customer.get("SyncToken").asText()).isEqualTo("0"));
  }

  @Test
  void aCustomersWebhookAlsoSyncsItsContactWhenAJobSyncsContacts() {
    jobId = yearlyJob(SyncDirection.QBO_TO_SALESFORCE, "Customer", "Contact");
    JsonNode synced = awaitRunEnd(call("POST", "/api/jobs/" + jobId + "/run", null).body().get("runId").asText());
    assertThat(synced.path("status").asText()).as("%s", synced).isEqualTo("SUCCEEDED");
    sandbox.subscribeQboWebhooks(new QboWebhookSubscription(
        "http://127.0.0.1:" + port + "/webhooks/quickbooks", Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, true));
    JsonNode customer = remote.qboAll(REALM, "Customer").get(5);
    String familyName = "Realtime" + UUID.randomUUID().toString().substring(0, 8);

    remote.qboUpdate(REALM, "Customer", """
        {"Id":"%s","SyncToken":"%s","sparse":true,"FamilyName":"%s"}"""
        .formatted(customer.get("Id").asText(), customer.get("SyncToken").asText(), familyName));

    String externalId = REALM + "-" + customer.get("Id").asText();
    JsonNode contact = await(() -> first(remote.soql("SELECT LastName FROM Contact WHERE QBO_Id__c = '" + externalId + "'")),
        c -> c != null && c.get("LastName").asText().equals(familyName), Duration.ofSeconds(30));
    assertThat(contact.get("LastName").asText()).isEqualTo(familyName);
  }

  @Test
  void aPrimaryContactCreatedInSalesforceReachesItsAccountsCustomerThroughItsOutboundMessage() {
    jobId = yearlyJob(SyncDirection.SALESFORCE_TO_QBO, "Customer", "Contact");
    String outbound =
        "http://127.0.0.1:" + port + "/webhooks/salesforce/outbound-messages?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN;
    sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(outbound, "Account", List.of("Name")));
    sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(outbound, "Contact", List.of("LastName")));
    String name = "Outbound contact " + UUID.randomUUID().toString().substring(0, 8);
    String accountId = remote.sfCreate("Account", "{\"Name\":\"" + name + "\"}");
    await(() -> first(remote.soql("SELECT QBO_Id__c FROM Account WHERE Id = '" + accountId + "'")),
        a -> a != null && !a.path("QBO_Id__c").isNull(), Duration.ofSeconds(30));

    remote.sfCreate("Contact", "{\"AccountId\":\"" + accountId + "\",\"FirstName\":\"Grace\",\"LastName\":\"Hopper\","
        + "\"Primary__c\":true}");

    JsonNode customer = await(() -> remote.qboAll(REALM, "Customer").stream()
            .filter(c -> c.path("DisplayName").asText().equals(name)).findFirst().orElse(null),
        c -> c != null && c.path("FamilyName").asText().equals("Hopper"), Duration.ofSeconds(30));
    assertThat(customer.path("GivenName").asText()).isEqualTo("Grace");
  }

  @Test
  void accountsInAnOutboundMessageBecomeVendorsOrCustomersByTheirType() {
    jobId = yearlyJob(SyncDirection.SALESFORCE_TO_QBO, "Customer", "Vendor");
    sandbox.subscribeOutboundMessages(new OutboundMessageSubscription(
        "http://127.0.0.1:" + port + "/webhooks/salesforce/outbound-messages?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN,
        "Account", List.of("Name")));
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String vendorName = "Outbound vendor " + tag;
    String customerName = "Outbound customer " + tag;

    String vendorAccount = remote.sfCreate("Account", "{\"Name\":\"" + vendorName + "\",\"Type\":\"Vendor\"}");
    remote.sfCreate("Account", "{\"Name\":\"" + customerName + "\"}");

    JsonNode vendor = await(() -> named(remote.qboAll(REALM, "Vendor"), vendorName), v -> v != null, Duration.ofSeconds(30));
    await(() -> named(remote.qboAll(REALM, "Customer"), customerName), c -> c != null, Duration.ofSeconds(30));
    assertThat(named(remote.qboAll(REALM, "Customer"), vendorName)).as("a vendor's Account is no customer").isNull();
    assertThat(named(remote.qboAll(REALM, "Vendor"), customerName)).as("a customer's Account is no vendor").isNull();
    JsonNode written = await(() -> first(remote.soql("SELECT QBO_Id__c FROM Account WHERE Id = '" + vendorAccount + "'")),
        a -> a != null && !a.path("QBO_Id__c").isNull(), Duration.ofSeconds(30));
    assertThat(written.get("QBO_Id__c").asText()).isEqualTo(REALM + "-Vendor-" + vendor.get("Id").asText());
  }

  private static JsonNode named(List<JsonNode> nameListRows, String displayName) {
    return nameListRows.stream().filter(row -> row.path("DisplayName").asText().equals(displayName)).findFirst().orElse(null);
  }

  @Test
  void aFlowCalloutNamesTheRecordsAndGetsTheirSyncStarted() {
    jobId = yearlyJob(SyncDirection.SALESFORCE_TO_QBO, "Customer");
    String name = "Callout " + UUID.randomUUID().toString().substring(0, 8);
    String accountId = remote.sfCreate("Account", "{\"Name\":\"" + name + "\"}");

    HttpResponse<String> response = post("/webhooks/salesforce", "{\"object\":\"Account\",\"ids\":[\"" + accountId + "\"]}",
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Sandbox.SALESFORCE_NOTIFICATION_TOKEN));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String workflowId = RecordSync.workflowId(REALM, SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);
    assertThat(json(response).get("syncing").get(0).asText()).isEqualTo(workflowId);
    var described = temporal.newUntypedWorkflowStub(workflowId).describe();
    assertThat(described.getMemo("purpose", String.class)).as("readable in Temporal's web UI").isEqualTo("per-record syncs: real-time changes and retries");
    assertThat(described.getMemo("object", String.class)).isEqualTo("Customer");
    await(() -> remote.qboAll(REALM, "Customer").stream().anyMatch(c -> c.path("DisplayName").asText().equals(name)),
        Boolean::booleanValue, Duration.ofSeconds(30));
  }

  /** As the README shows it for the temporal CLI: plain gRPC, JSON payloads, no LedgerBridge class. */
  @Test
  void recordsPushedWithSignalWithStartFromAnyClientAreSynced() {
    JsonNode customer = remote.qboAll(REALM, "Customer").get(6);
    String newName = "Pushed " + UUID.randomUUID().toString().substring(0, 8);
    remote.qboUpdate(REALM, "Customer", """
        {"Id":"%s","SyncToken":"%s","sparse":true,"DisplayName":"%s"}"""
        .formatted(customer.get("Id").asText(), customer.get("SyncToken").asText(), newName));
    String id = customer.get("Id").asText();

    grpc.blockingStub().signalWithStartWorkflowExecution(SignalWithStartWorkflowExecutionRequest.newBuilder()
        .setNamespace("default")
        .setRequestId(UUID.randomUUID().toString())
        .setIdentity("temporal-cli")
        .setWorkflowId("ledgerbridge-record-" + REALM + "-Customer-QBO_TO_SALESFORCE-live")
        .setWorkflowType(WorkflowType.newBuilder().setName("RecordSync"))
        .setTaskQueue(TaskQueue.newBuilder().setName("ledgerbridge-sync"))
        .setInput(jsonPayload("{\"companyId\":\"" + REALM + "\",\"object\":\"Customer\",\"direction\":\"QBO_TO_SALESFORCE\","
            + "\"sourceIds\":[\"" + id + "\"]}"))
        .setSignalName("addRecords")
        .setSignalInput(jsonPayload("[\"" + id + "\"]"))
        .build());

    await(() -> first(remote.soql("SELECT Name FROM Account WHERE QBO_Id__c = '" + REALM + "-" + id + "'")),
        a -> a != null && a.get("Name").asText().equals(newName), Duration.ofSeconds(30));
  }

  /** The job list reads only BatchSync workflows, though the embedded Temporal lists every open one. */
  @Test
  void liveRecordSyncWorkflowsAreNotReadAsJobs() {
    Logger jobsLog = (Logger) LoggerFactory.getLogger("io.ledgerbridge.worker.jobs.TemporalJobs");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    jobsLog.addAppender(logged);
    // No worker polls this queue, so the workflow stays open while the jobs are listed; its company
    // is made up, so it is no live workflow another test uses.
    String workflowId = RecordSync.workflowId("not-a-job", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE);
    RecordSyncWorkflow live = temporal.newWorkflowStub(RecordSyncWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("nobody-polls").build());
    WorkflowClient.start(live::run, new RecordSyncRequest("not-a-job", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE,
        List.of("1"), null, null, null, null));
    try {
      ApiResponse jobs = call("GET", "/api/jobs", null);

      assertThat(jobs.status()).isEqualTo(200);
      assertThat(jobs.body().findValuesAsText("id")).noneMatch(id -> id.contains("not-a-job"));
      assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains("not a BatchSync job"));
    } finally {
      jobsLog.detachAppender(logged);
      temporal.newUntypedWorkflowStub(workflowId).terminate("test over");
    }
  }

  private static Payloads jsonPayload(String json) {
    return Payloads.newBuilder().addPayloads(Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json))).build();
  }

  @Test
  void changesNoActiveJobSyncsAreAnsweredAndIgnoredWithTheReason() {
    byte[] body = ("{\"eventNotifications\":[{\"realmId\":\"" + REALM + "\",\"dataChangeEvent\":{\"entities\":["
        + "{\"name\":\"Payment\",\"id\":\"1\",\"operation\":\"Create\"},{\"name\":\"PurchaseOrder\",\"id\":\"2\",\"operation\":\"Create\"}]}}]}")
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post("/webhooks/quickbooks", body,
        Map.of("intuit-signature", QuickBooksWebhook.sign(Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, body),
            "Content-Type", "application/json"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer.get("syncing")).isEmpty();
    assertThat(answer.get("ignored").toString())
        .contains("1 PurchaseOrder change(s): LedgerBridge does not sync PurchaseOrder to Salesforce")
        .contains("1 Payment change(s) of company " + REALM + ": no active job syncs Payment QBO_TO_SALESFORCE");
    JsonNode ignoredMeter = call("GET", "/actuator/metrics/ledgerbridge.realtime.records?tag=system:quickbooks&tag=outcome:ignored",
        null).body();
    assertThat(ignoredMeter.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(2);
    JsonNode quickBooks = call("GET", "/api/status", null).body().get("realTime").get(0);
    assertThat(quickBooks.get("system").asText()).isEqualTo("quickbooks");
    assertThat(quickBooks.get("enabled").asBoolean()).isTrue();
    assertThat(quickBooks.get("notifications").asLong()).isPositive();
    assertThat(quickBooks.get("recordsIgnored").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(quickBooks.has("lastNotificationAt")).isTrue();
  }

  @Test
  void notificationsWithoutTheRightSecretOrShapeAreRefusedWithTheReason() {
    byte[] body = "{\"eventNotifications\":[]}".getBytes(StandardCharsets.UTF_8);
    assertThat(post("/webhooks/quickbooks", body, Map.of()).statusCode()).isEqualTo(401);
    HttpResponse<String> forged = post("/webhooks/quickbooks", body, Map.of("intuit-signature", "AAAA"));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(json(forged).get("message").asText()).contains("does not match the body");
    assertThat(call("GET", "/api/status", null).body().get("realTime").get(0).get("lastRejection").asText())
        .startsWith("401: the intuit-signature does not match the body");
    byte[] notWebhook = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> malformed = post("/webhooks/quickbooks", notWebhook,
        Map.of("intuit-signature", QuickBooksWebhook.sign(Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, notWebhook),
            "Content-Type", "application/json"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).get("message").asText()).contains("eventNotifications");

    HttpResponse<String> wrongToken = post("/webhooks/salesforce/outbound-messages?token=guess",
        SalesforceOutboundMessageTest.MESSAGE.strip(), Map.of("Content-Type", "text/xml"));
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.body()).contains("<faultstring>the notification token is missing or wrong");
    HttpResponse<String> xxe = post("/webhooks/salesforce/outbound-messages?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN,
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        Map.of("Content-Type", "text/xml"));
    assertThat(xxe.statusCode()).isEqualTo(400);
    assertThat(xxe.body()).contains("without a DTD").doesNotContain("root:");

    Map<String, String> bearer = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Sandbox.SALESFORCE_NOTIFICATION_TOKEN);
    HttpResponse<String> lead = post("/webhooks/salesforce", "{\"object\":\"Lead\",\"ids\":[\"00Q000000000001EAA\"]}", bearer);
    assertThat(lead.statusCode()).isEqualTo(400);
    assertThat(json(lead).get("message").asText()).contains("does not sync 'Lead' to QuickBooks; it syncs Account, Product2, Opportunity");
    assertThat(post("/webhooks/salesforce", "{\"object\":\"Account\",\"ids\":[]}", bearer).statusCode()).isEqualTo(400);
    assertThat(post("/webhooks/salesforce", "{\"object\":\"Account\",\"ids\":[\"x\"],\"extra\":1}", bearer).statusCode())
        .isEqualTo(400);
    assertThat(post("/webhooks/salesforce", "{\"object\":\"Account\",\"ids\":[\"x\"]}", Map.of("Content-Type", "application/json"))
        .statusCode()).isEqualTo(401);
    HttpResponse<String> huge = post("/webhooks/quickbooks", new byte[NotificationBody.MAX_BYTES + 1],
        Map.of("intuit-signature", "AAAA"));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(json(huge).get("message").asText()).contains("at most " + NotificationBody.MAX_BYTES + " bytes");
  }

  private static JsonNode first(List<JsonNode> rows) {
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    T last = null;
    while (Instant.now().isBefore(deadline)) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("not reached within " + timeout + "; last: " + last);
  }

  private HttpResponse<String> post(String path, String body, Map<String, String> headers) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
