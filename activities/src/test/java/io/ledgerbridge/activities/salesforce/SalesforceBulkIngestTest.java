package io.ledgerbridge.activities.salesforce;

import static io.ledgerbridge.activities.salesforce.SalesforceClientTest.account;
import static io.ledgerbridge.activities.salesforce.SalesforceClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ledgerbridge.activities.testing.TestRetries;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One Bulk API 2.0 upsert job against MockWebServer answering as Salesforce does, job still running at first. */
class SalesforceBulkIngestTest {
  private static final String JOB = "7505g000001AbCdAAK";
  private static final String COMPLETED_AT = "2026-12-04T02:10:07.000+0000";

  private MockWebServer server;
  private SalesforceClient client;
  private final SalesforceClientTest tokens = new SalesforceClientTest();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    tokens.server = server;
    client = new SalesforceClient(new OkHttpClient(), new SalesforceSettings(server.url("/").toString(), "cid", "csecret",
        "v62.0"), TestRetries.none());
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static MockResponse jobInfo(String state) {
    return json(200, "{\"id\":\"" + JOB + "\",\"operation\":\"upsert\",\"object\":\"Account\","
        + "\"externalIdFieldName\":\"QBO_Id__c\",\"state\":\"" + state
        + "\",\"systemModstamp\":\"" + COMPLETED_AT + "\",\"numberRecordsProcessed\":3,\"numberRecordsFailed\":1,"
        + "\"errorMessage\":\"InvalidBatch : Field name not found : Nope__c\"}")
        .setHeader("Date", "Fri, 04 Dec 2026 02:10:09 GMT");
  }

  private static MockResponse csv(String body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/csv").setBody(body);
  }

  @Test
  void theJobIsCreatedFilledClosedWatchedUntilCompleteAndItsResultsComeBackInInputOrder() throws Exception {
    server.enqueue(tokens.token("sess"));
    server.enqueue(jobInfo("Open"));
    server.enqueue(new MockResponse().setResponseCode(201));
    server.enqueue(jobInfo("UploadComplete"));
    server.enqueue(jobInfo("InProgress"));
    server.enqueue(jobInfo("JobComplete"));
    server.enqueue(csv("\"sf__Id\",\"sf__Created\",\"QBO_Id__c\",\"Name\"\n"
        + "\"001000000000003AAA\",\"false\",\"r-3\",\"Three\"\n\"001000000000001AAA\",\"true\",\"R-1\",\"One, \"\"first\"\"\"\n"));
    server.enqueue(csv("\"sf__Id\",\"sf__Error\",\"QBO_Id__c\",\"Name\"\n"
        + "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"r-2\",\"#N/A\"\n"));
    AtomicInteger looks = new AtomicInteger();
    List<String> sent = new ArrayList<>();

    List<SaveResult> results = client.upsertInBulk("Account", "QBO_Id__c", List.of(account("r-1", "One, \"first\""),
        account("r-2", "").put("Phone", "555"), account("R-3", "Three")), looks::incrementAndGet, sent::add);

    assertThat(sent).as("told once closed").containsExactly(JOB);

    assertThat(results).extracting(SaveResult::id).containsExactly("001000000000001AAA", null, "001000000000003AAA");
    assertThat(results).extracting(SaveResult::created).containsExactly(true, false, false);
    assertThat(results.get(1).errors()).containsExactly(
        new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name")));
    assertThat(results).extracting(SaveResult::answeredAt).as("the job's completion, not the later answer")
        .containsOnly(Instant.parse("2026-12-04T02:10:07Z"));
    assertThat(looks.get()).as("a heartbeat before each look at the job").isEqualTo(2);

    server.takeRequest();
    RecordedRequest create = server.takeRequest();
    assertThat(create.getMethod() + " " + create.getPath()).isEqualTo("POST /services/data/v62.0/jobs/ingest");
    assertThat(SalesforceClientTest.JSON.readTree(create.getBody().readUtf8()).toString()).isEqualTo(
        "{\"object\":\"Account\",\"operation\":\"upsert\",\"externalIdFieldName\":\"QBO_Id__c\",\"contentType\":\"CSV\","
            + "\"lineEnding\":\"LF\"}");
    RecordedRequest upload = server.takeRequest();
    assertThat(upload.getMethod() + " " + upload.getPath()).isEqualTo("PUT /services/data/v62.0/jobs/ingest/" + JOB + "/batches");
    assertThat(upload.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(upload.getBody().readUtf8()).isEqualTo("\"QBO_Id__c\",\"Name\",\"Phone\"\n\"r-1\",\"One, \"\"first\"\"\",\n"
        + "\"r-2\",\"#N/A\",\"555\"\n\"R-3\",\"Three\",\n");
    RecordedRequest close = server.takeRequest();
    assertThat(close.getMethod() + " " + close.getBody().readUtf8()).isEqualTo("PATCH {\"state\":\"UploadComplete\"}");
    assertThat(server.takeRequest().getPath()).isEqualTo("/services/data/v62.0/jobs/ingest/" + JOB);
    assertThat(server.takeRequest().getPath()).isEqualTo("/services/data/v62.0/jobs/ingest/" + JOB);
    assertThat(server.takeRequest().getPath()).endsWith("/successfulResults");
    assertThat(server.takeRequest().getPath()).endsWith("/failedResults");
  }

  @Test
  void aJobSentEarlierTellsWhichRecordsItCreatedOnceProcessedEvenWhenSalesforceFailedItPartWay() throws Exception {
    server.enqueue(tokens.token("sess"));
    server.enqueue(jobInfo("InProgress"));
    server.enqueue(jobInfo("Failed"));
    server.enqueue(csv("\"sf__Id\",\"sf__Created\",\"QBO_Id__c\",\"Name\"\n"
        + "\"001000000000003AAA\",\"false\",\"r-3\",\"Three\"\n\"001000000000001AAA\",\"true\",\"R-1\",\"One\"\n"));
    AtomicInteger looks = new AtomicInteger();

    SalesforceClient.CreatedInBulk created = client.createdInBulk(JOB, looks::incrementAndGet);

    assertThat(created.created("Account", "r-1")).as("keys match whatever their case").isTrue();
    assertThat(created.created("Account", "r-3")).as("updated, not created").isFalse();
    assertThat(created.created("Contact", "R-1")).as("another object's key").isFalse();
    assertThat(looks.get()).isEqualTo(2);
    server.takeRequest();
    assertThat(server.takeRequest().getPath()).isEqualTo("/services/data/v62.0/jobs/ingest/" + JOB);
    assertThat(server.takeRequest().getPath()).isEqualTo("/services/data/v62.0/jobs/ingest/" + JOB);
    assertThat(server.takeRequest().getPath()).endsWith("/successfulResults");
  }

  @Test
  void aJobSalesforceFailsFailsTheWriteWithItsReason() {
    server.enqueue(tokens.token("sess"));
    server.enqueue(jobInfo("Open"));
    server.enqueue(new MockResponse().setResponseCode(201));
    server.enqueue(jobInfo("UploadComplete"));
    server.enqueue(jobInfo("Failed"));

    Throwable failed = catchThrowable(() -> client.upsertInBulk("Account", "QBO_Id__c", List.of(account("r-1", "One")),
        () -> { }, id -> { }));

    assertThat(failed).isInstanceOf(SalesforceException.class).hasMessageContaining("Field name not found : Nope__c");
    assertThat(((SalesforceException) failed).code()).isEqualTo("BULK_JOB_FAILED");
  }

  @Test
  void aJobThatAnswersForFewerRecordsThanItWasSentFailsTheWrite() {
    server.enqueue(tokens.token("sess"));
    server.enqueue(jobInfo("Open"));
    server.enqueue(new MockResponse().setResponseCode(201));
    server.enqueue(jobInfo("UploadComplete"));
    server.enqueue(jobInfo("JobComplete"));
    server.enqueue(csv("\"sf__Id\",\"sf__Created\",\"QBO_Id__c\",\"Name\"\n\"001000000000001AAA\",\"true\",\"r-1\",\"One\"\n"));
    server.enqueue(csv("\"sf__Id\",\"sf__Error\",\"QBO_Id__c\",\"Name\"\n"));

    Throwable failed = catchThrowable(() -> client.upsertInBulk("Account", "QBO_Id__c",
        List.of(account("r-1", "One"), account("r-2", "Two")), () -> { }, id -> { }));

    assertThat(failed).hasMessageContaining("answered for 1 of its 2 records");
  }

  @Test
  void aRecordWithoutItsKeyOrAKeyTwiceIsRefusedBeforeAnyCall() {
    assertThat(catchThrowable(() -> client.upsertInBulk("Account", "QBO_Id__c",
        List.of(account("r-1", "One"), account("R-1", "Again")), () -> { }, id -> { }))).hasMessageContaining("twice in one job");
    assertThat(catchThrowable(() -> client.upsertInBulk("Account", "QBO_Id__c",
        List.of(SalesforceClientTest.JSON.createObjectNode().put("Name", "No key")), () -> { }, id -> { })))
        .hasMessageContaining("needs its external id");
    assertThat(server.getRequestCount()).isZero();
  }
}
