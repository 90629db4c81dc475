package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static io.ledgerbridge.sandbox.salesforce.SalesforceSObjectContractTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk API 2.0 ingest (reference §4): create, upload CSV, close, poll, results as CSV; the records meet the
 * same checks and per-record errors as sObject Collections, and every call counts against the allocation.
 */
class SalesforceBulkIngestContractTest {
  private static final String JOBS = API + "/jobs/ingest";
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0));
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clearCounts() {
    sandbox.resetCallCounts();
  }

  private static String openUpsertJob() {
    ContractClient.Reply created = sf.postJson(JOBS, Map.of("object", "Account", "operation", "upsert",
        "externalIdFieldName", "QBO_Id__c", "contentType", "CSV", "lineEnding", "LF"), auth);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().get("state").asText()).isEqualTo("Open");
    assertThat(created.json().get("id").asText()).startsWith("750");
    return created.json().get("id").asText();
  }

  private static JsonNode close(String jobId) {
    ContractClient.Reply closed = sf.send("PATCH", JOBS + "/" + jobId, "{\"state\":\"UploadComplete\"}", auth);
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    return closed.json();
  }

  @Test
  void anUpsertJobWritesEachRowAndAnswersPerRecordResultsAsCsv() {
    sf.patchJson(API + "/sobjects/Account/QBO_Id__c/B-existing", Map.of("Name", "Existing", "Phone", "555-0100"), auth);
    String jobId = openUpsertJob();
    String csv = "QBO_Id__c,Name,Phone,Description\n"
        + "B-new,\"Quoted, with a comma\",555-0101,\"two\nlines and a \"\"quote\"\"\"\n"
        + "B-existing,Existing Renamed,#N/A,\n"
        + "B-noname,,555-0102,\n"
        + "B-long," + "n".repeat(300) + ",,\n";

    assertThat(sf.put(JOBS + "/" + jobId + "/batches", "text/csv", csv, auth).status()).isEqualTo(201);
    assertThat(close(jobId).get("state").asText()).isEqualTo("UploadComplete");
    JsonNode info = sf.get(JOBS + "/" + jobId, auth).json();

    assertThat(info.get("state").asText()).isEqualTo("JobComplete");
    assertThat(info.get("numberRecordsProcessed").asInt()).isEqualTo(4);
    assertThat(info.get("numberRecordsFailed").asInt()).isEqualTo(2);
    assertThat(info.get("systemModstamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
    String successful = sf.get(JOBS + "/" + jobId + "/successfulResults/", auth).body();
    assertThat(successful.split("\n")[0]).isEqualTo("\"sf__Id\",\"sf__Created\",\"QBO_Id__c\",\"Name\",\"Phone\",\"Description\"");
    assertThat(successful).contains("\"true\",\"B-new\",\"Quoted, with a comma\"").contains("\"false\",\"B-existing\"");
    String failed = sf.get(JOBS + "/" + jobId + "/failedResults/", auth).body();
    assertThat(failed.split("\n")[0]).isEqualTo("\"sf__Id\",\"sf__Error\",\"QBO_Id__c\",\"Name\",\"Phone\",\"Description\"");
    assertThat(failed).contains("\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"B-noname\"")
        .contains("\"STRING_TOO_LONG:");
    assertThat(sf.get(JOBS + "/" + jobId + "/unprocessedrecords/", auth).body()).isEqualTo(
        "\"QBO_Id__c\",\"Name\",\"Phone\",\"Description\"\n");
    JsonNode written = sf.get(API + "/sobjects/Account/QBO_Id__c/B-new", auth).json();
    assertThat(written.get("Description").asText()).isEqualTo("two\nlines and a \"quote\"");
    JsonNode renamed = sf.get(API + "/sobjects/Account/QBO_Id__c/B-existing", auth).json();
    assertThat(renamed.get("Name").asText()).isEqualTo("Existing Renamed");
    assertThat(renamed.get("Phone").isNull()).as("#N/A blanks a field").isTrue();
    assertThat(sandbox.callCounts(SandboxApi.SALESFORCE))
        .containsEntry("POST /services/data/{version}/jobs/ingest", 1L)
        .containsEntry("PUT /services/data/{version}/jobs/ingest/{jobId}/batches", 1L)
        .containsEntry("PATCH /services/data/{version}/jobs/ingest/{jobId}", 1L);
  }

  @Test
  void anEmptyValueLeavesTheFieldAsItIs() {
    sf.patchJson(API + "/sobjects/Account/QBO_Id__c/B-kept", Map.of("Name", "Kept", "Phone", "555-0199"), auth);
    String jobId = openUpsertJob();
    sf.put(JOBS + "/" + jobId + "/batches", "text/csv", "QBO_Id__c,Name,Phone\r\nB-kept,Kept Too,\r\n", auth);
    close(jobId);

    JsonNode kept = sf.get(API + "/sobjects/Account/QBO_Id__c/B-kept", auth).json();
    assertThat(kept.get("Name").asText()).isEqualTo("Kept Too");
    assertThat(kept.get("Phone").asText()).isEqualTo("555-0199");
  }

  @Test
  void anUnknownColumnFailsTheWholeJobAndWritesNothing() {
    String jobId = openUpsertJob();
    sf.put(JOBS + "/" + jobId + "/batches", "text/csv", "QBO_Id__c,Name,Nope__c\nB-unknown,Unknown,1\n", auth);
    close(jobId);

    JsonNode info = sf.get(JOBS + "/" + jobId, auth).json();
    assertThat(info.get("state").asText()).isEqualTo("Failed");
    assertThat(info.get("errorMessage").asText()).contains("Nope__c");
    assertThat(sf.get(API + "/sobjects/Account/QBO_Id__c/B-unknown", auth).status()).isEqualTo(404);
    assertThat(sf.get(JOBS + "/" + jobId + "/unprocessedrecords/", auth).body()).contains("\"B-unknown\"");
  }

  @Test
  void anAbortedJobWritesNothingAndCanBeDeleted() {
    String jobId = openUpsertJob();
    sf.put(JOBS + "/" + jobId + "/batches", "text/csv", "QBO_Id__c,Name\nB-aborted,Aborted\n", auth);
    ContractClient.Reply aborted = sf.send("PATCH", JOBS + "/" + jobId, "{\"state\":\"Aborted\"}", auth);

    assertThat(aborted.json().get("state").asText()).isEqualTo("Aborted");
    assertThat(sf.get(API + "/sobjects/Account/QBO_Id__c/B-aborted", auth).status()).isEqualTo(404);
    assertThat(sf.get(JOBS + "/" + jobId + "/unprocessedrecords/", auth).body()).contains("\"B-aborted\",\"Aborted\"");
    assertError(sf.send("PATCH", JOBS + "/" + jobId, "{\"state\":\"UploadComplete\"}", auth), 400, "InvalidJobState");
    assertThat(sf.delete(JOBS + "/" + jobId, auth).status()).isEqualTo(204);
    assertThat(sf.get(JOBS + "/" + jobId, auth).status()).isEqualTo(404);
  }

  @Test
  void aResetOrgHasNoJobs() {
    String jobId = openUpsertJob();

    sandbox.reset();

    assertThat(sf.get(JOBS + "/" + jobId, auth).status()).isEqualTo(404);
  }

  @Test
  void insertAndUpdateJobsAndTheirRefusals() {
    ContractClient.Reply insert = sf.postJson(JOBS, Map.of("object", "Account", "operation", "insert"), auth);
    String insertId = insert.json().get("id").asText();
    sf.put(JOBS + "/" + insertId + "/batches", "text/csv", "Name\nInserted\n", auth);
    close(insertId);
    String successful = sf.get(JOBS + "/" + insertId + "/successfulResults", auth).body();
    String accountId = successful.split("\n")[1].split(",")[0].replace("\"", "");
    assertThat(successful.split("\n")[1]).endsWith("\"true\",\"Inserted\"");

    String updateId = sf.postJson(JOBS, Map.of("object", "Account", "operation", "update"), auth).json().get("id").asText();
    sf.put(JOBS + "/" + updateId + "/batches", "text/csv", "Id,Name\n" + accountId + ",Updated\n" + SalesforceIds.of("001", 99_999) + ",Gone\n",
        auth);
    close(updateId);
    assertThat(sf.get(API + "/sobjects/Account/" + accountId, auth).json().get("Name").asText()).isEqualTo("Updated");
    assertThat(sf.get(JOBS + "/" + updateId + "/failedResults", auth).body()).contains("NOT_FOUND:");

    assertError(sf.postJson(JOBS, Map.of("object", "Account", "operation", "upsert"), auth), 400, "InvalidJob");
    assertError(sf.postJson(JOBS, Map.of("object", "Nope__c", "operation", "insert"), auth), 400, "InvalidJob");
    assertError(sf.postJson(JOBS, Map.of("object", "Account", "operation", "merge"), auth), 400, "InvalidJob");
    assertError(sf.put(JOBS + "/" + updateId + "/batches", "text/csv", "Name\nLate\n", auth), 400, "InvalidJobState");
    assertThat(sf.get(JOBS + "/" + SalesforceIds.of("750", 99_999), auth).status()).isEqualTo(404);
    assertThat(List.of(sf.get(JOBS + "/" + updateId, auth).header("Sforce-Limit-Info"))).allMatch(h -> h.startsWith("api-usage="));
  }
}
