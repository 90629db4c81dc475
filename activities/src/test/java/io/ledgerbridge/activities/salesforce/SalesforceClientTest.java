package io.ledgerbridge.activities.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.FreshTokenRejectedException;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.testing.TestRetries;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Salesforce client against MockWebServer answering with the bodies Salesforce sends. */
class SalesforceClientTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String INVALID_SESSION = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

  MockWebServer server;
  SalesforceClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(500)).build();
    client = new SalesforceClient(http, new SalesforceSettings(server.url("/").toString(), "cid", "csecret", "v62.0"),
        TestRetries.none());
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  MockResponse token(String accessToken) {
    String instance = server.url("/").toString().replaceAll("/$", "");
    return json(200, "{\"access_token\":\"" + accessToken + "\",\"instance_url\":\"" + instance + "\",\"id\":\"https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P\",\"token_type\":\"Bearer\",\"issued_at\":\"1278448832702\",\"token_format\":\"opaque\"}");
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  static ObjectNode account(String extId, String name) {
    return JSON.createObjectNode().put("QBO_Id__c", extId).put("Name", name);
  }

  @Test
  void clientCredentialsTokenIsFetchedOnceAndCached() throws Exception {
    server.enqueue(token("sess-1"));
    server.enqueue(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));
    server.enqueue(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

    client.query("SELECT Id FROM Account");
    client.query("SELECT Id FROM Account");

    RecordedRequest tokenRequest = server.takeRequest();
    assertThat(tokenRequest.getPath()).isEqualTo("/services/oauth2/token");
    assertThat(URLDecoder.decode(tokenRequest.getBody().readUtf8(), StandardCharsets.UTF_8))
        .isEqualTo("grant_type=client_credentials&client_id=cid&client_secret=csecret");
    RecordedRequest query = server.takeRequest();
    assertThat(query.getRequestUrl().encodedPath()).isEqualTo("/services/data/v62.0/query");
    assertThat(query.getRequestUrl().queryParameter("q")).isEqualTo("SELECT Id FROM Account");
    assertThat(query.getHeader("Authorization")).isEqualTo("Bearer sess-1");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer sess-1");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void theOrgsDailyApiAllowanceIsTakenFromTheLastAnswersLimitHeader() {
    assertThat(client.status().apiCallsLeft()).as("before any call").isNull();
    server.enqueue(token("sess-1"));
    server.enqueue(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}").setHeader("Sforce-Limit-Info", "api-usage=18/15000"));
    server.enqueue(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}").setHeader("Sforce-Limit-Info", "api-usage=19/15000"));

    client.query("SELECT Id FROM Account");
    client.query("SELECT Id FROM Account");

    OrgStatus status = client.status();
    assertThat(status.instanceUrl()).isEqualTo(server.url("/").toString().replaceAll("/$", ""));
    assertThat(status.apiVersion()).isEqualTo("v62.0");
    assertThat(status.orgId()).as("from the token answer's identity URL").isEqualTo("00Dx0000000BV7z");
    assertThat(status.userId()).isEqualTo("005x00000012Q9P");
    assertThat(status.apiCallsUsed()).isEqualTo(19);
    assertThat(status.apiCallsLimit()).isEqualTo(15000);
    assertThat(status.apiCallsLeft()).isEqualTo(14981);
    assertThat(status.observedAt()).isNotNull();
  }

  @Test
  void theUsersNameIsAskedOnceFromTheIdentityUrlAndNeverStartsASession() throws Exception {
    assertThat(client.user()).as("no session yet: nothing is asked").isEmpty();
    String instance = server.url("/").toString().replaceAll("/$", "");
    server.enqueue(json(200, "{\"access_token\":\"sess-1\",\"instance_url\":\"" + instance + "\",\"id\":\"" + instance
        + "/id/00Dx0000000BV7z/005x00000012Q9P\",\"token_type\":\"Bearer\"}"));
    server.enqueue(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));
    server.enqueue(json(200, "{\"user_id\":\"005x00000012Q9P\",\"username\":\"jane@acme.com\",\"display_name\":\"Jane Doe\"}"));
    client.query("SELECT Id FROM Account");

    assertThat(client.user()).contains(new SalesforceUser("Jane Doe", "jane@acme.com"));
    assertThat(client.user()).as("asked once").contains(new SalesforceUser("Jane Doe", "jane@acme.com"));
    assertThat(client.status().naming(client.user().orElseThrow()).userName()).isEqualTo("Jane Doe");

    server.takeRequest();
    server.takeRequest();
    RecordedRequest identity = server.takeRequest();
    assertThat(identity.getPath()).isEqualTo("/id/00Dx0000000BV7z/005x00000012Q9P");
    assertThat(identity.getHeader("Authorization")).isEqualTo("Bearer sess-1");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void queryAllFollowsNextRecordsUrl() throws Exception {
    server.enqueue(token("sess-1"));
    server.enqueue(json(200, """
        {"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gRO0000016PIAYA2-2",
         "records":[{"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001D000000IRFmaIAH"},"Name":"Test 1"},
                    {"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001D000000IRFmbIAH"},"Name":"Test 2"}]}"""));
    server.enqueue(json(200, """
        {"totalSize":3,"done":true,
         "records":[{"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001D000000IRFmcIAH"},"Name":"Test 3"}]}"""));

    List<ObjectNode> all = client.queryAll("SELECT Name FROM Account");

    assertThat(all).extracting(r -> r.get("Name").asText()).containsExactly("Test 1", "Test 2", "Test 3");
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getPath()).isEqualTo("/services/data/v62.0/query/01gRO0000016PIAYA2-2");
  }

  @Test
  void invalidSessionFetchesANewSessionOnceAndRetries() throws Exception {
    server.enqueue(token("sess-1"));
    server.enqueue(json(401, INVALID_SESSION));
    server.enqueue(token("sess-2"));
    server.enqueue(json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));

    client.query("SELECT Id FROM Account");

    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer sess-1");
    assertThat(server.takeRequest().getPath()).isEqualTo("/services/oauth2/token");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer sess-2");
  }

  @Test
  void aFreshSessionRefusedAtOnceIsAPassingFailure() {
    server.enqueue(token("sess-1"));
    server.enqueue(json(401, INVALID_SESSION));
    server.enqueue(token("sess-2"));
    server.enqueue(json(401, INVALID_SESSION));

    Throwable thrown = catchThrowable(() -> client.query("SELECT Id FROM Account"));

    assertThat(thrown).isInstanceOf(FreshTokenRejectedException.class)
        .hasMessageContaining("INVALID_SESSION_ID");
    ApplicationFailure failure = asFailure(thrown);
    assertThat(failure.getType()).as("the new session proved the credentials good").isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void refusedClientCredentialsAreAuthFailureWithoutTheSecret() {
    server.enqueue(json(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}"));

    Throwable thrown = catchThrowable(() -> client.query("SELECT Id FROM Account"));

    assertThat(thrown).isInstanceOf(SalesforceAuthException.class).hasMessageNotContaining("csecret");
    assertThat(asFailure(thrown).getType()).isEqualTo("AUTH");
  }

  @Test
  void singleUpsertPatchesByExternalIdAndReportsCreatedOrUpdated() throws Exception {
    server.enqueue(token("sess-1"));
    server.enqueue(json(201, "{\"id\":\"0018a00001rBqb8AAC\",\"success\":true,\"errors\":[],\"created\":true}"));
    server.enqueue(json(200, "{\"id\":\"0018a00001rBqb8AAC\",\"success\":true,\"errors\":[],\"created\":false}"));

    SaveResult created = client.upsert("Account", "QBO_Id__c", "9130-1", account("9130-1", "Amy"));
    SaveResult updated = client.upsert("Account", "QBO_Id__c", "9130-1", account("9130-1", "Amy B"));

    assertThat(created.created()).isTrue();
    assertThat(created.id()).isEqualTo("0018a00001rBqb8AAC");
    assertThat(updated.created()).isFalse();
    server.takeRequest();
    RecordedRequest patch = server.takeRequest();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo("/services/data/v62.0/sobjects/Account/QBO_Id__c/9130-1");
    JsonNode body = JSON.readTree(patch.getBody().readUtf8());
    assertThat(body.has("QBO_Id__c")).isFalse();
    assertThat(body.get("Name").asText()).isEqualTo("Amy");
  }

  @Test
  void upsertMatchingSeveralRecordsIsDuplicate() {
    server.enqueue(token("sess-1"));
    server.enqueue(json(300, "[\"/services/data/v62.0/sobjects/Account/001xx0000004GxDAAU\",\"/services/data/v62.0/sobjects/Account/001xx0000004GxEAAU\"]"));

    ApplicationFailure failure = asFailure(catchThrowable(() -> client.upsert("Account", "QBO_Id__c", "9130-1", account("9130-1", "Amy"))));

    assertThat(failure.getType()).isEqualTo("DUPLICATE");
    assertThat(failure.getOriginalMessage()).contains("001xx0000004GxEAAU");
  }

  @Test
  void collectionUpsertSendsAtMost200PerCallAndReturnsPerRecordResultsInOrder() throws Exception {
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 1; i <= 201; i++) {
      records.add(account("9130-" + i, "Customer " + i));
    }
    server.enqueue(token("sess-1"));
    StringBuilder first = new StringBuilder("[");
    for (int i = 1; i <= 200; i++) {
      if (i > 1) {
        first.append(',');
      }
      if (i == 2) {
        first.append("{\"success\":false,\"errors\":[{\"statusCode\":\"REQUIRED_FIELD_MISSING\",\"message\":\"Required fields are missing: [Name]\",\"fields\":[\"Name\"]}]}");
      } else {
        first.append("{\"id\":\"001xx00000").append(String.format("%08d", i)).append("\",\"success\":true,\"errors\":[],\"created\":").append(i % 2 == 1).append('}');
      }
    }
    server.enqueue(json(200, first.append(']').toString()));
    server.enqueue(json(200, "[{\"id\":\"001xx0000099999\",\"success\":true,\"errors\":[],\"created\":false}]"));

    List<SaveResult> results = client.upsertAll("Account", "QBO_Id__c", records);

    assertThat(results).hasSize(201);
    assertThat(results.get(0).created()).isTrue();
    assertThat(results.get(1).success()).isFalse();
    assertThat(results.get(1).errors()).containsExactly(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name")));
    assertThat(RemoteFailures.recordFailureType(results.get(1).errors().get(0)).name()).isEqualTo("VALIDATION");
    assertThat(results.get(200).success()).isTrue();
    server.takeRequest();
    RecordedRequest call = server.takeRequest();
    assertThat(call.getMethod()).isEqualTo("PATCH");
    assertThat(call.getPath()).isEqualTo("/services/data/v62.0/composite/sobjects/Account/QBO_Id__c");
    JsonNode body = JSON.readTree(call.getBody().readUtf8());
    assertThat(body.get("allOrNone").asBoolean()).isFalse();
    assertThat(body.get("records")).hasSize(200);
    assertThat(body.get("records").get(0).get("attributes").get("type").asText()).isEqualTo("Account");
    assertThat(body.get("records").get(0).get("QBO_Id__c").asText()).isEqualTo("9130-1");
    assertThat(JSON.readTree(server.takeRequest().getBody().readUtf8()).get("records")).hasSize(1);
  }

  @Test
  void perRecordErrorCodesAreTyped() {
    assertThat(RemoteFailures.recordFailureType(new SalesforceError("DUPLICATE_VALUE", "duplicate value found: QBO_Id__c duplicates value on record with id: 001U000001c83gK", List.of()))).hasToString("DUPLICATE");
    assertThat(RemoteFailures.recordFailureType(new SalesforceError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", List.of()))).hasToString("REMOTE_UNAVAILABLE");
    assertThat(RemoteFailures.recordFailureType(new SalesforceError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of()))).hasToString("MISSING_PARENT");
    assertThat(RemoteFailures.recordFailureType(new SalesforceError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Phone is required", List.of()))).hasToString("VALIDATION");
    assertThat(RemoteFailures.recordFailureType(new SalesforceError("INVALID_FIELD", "No such column 'QBO_Sync_Status__c' on sobject of type Account", List.of()))).hasToString("CONFIGURATION");
  }

  @Test
  void wholeRequestErrorsMapByCodeAndStatus() {
    assertThat(failureFor(400, "[{\"message\":\"Required fields are missing: [Name]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Name\"]}]").getType()).isEqualTo("VALIDATION");
    assertThat(failureFor(400, "[{\"message\":\"duplicate value found: Account_ID_MED__c duplicates value on record with id: 001U000001c83gK\",\"errorCode\":\"DUPLICATE_VALUE\",\"fields\":[]}]").getType()).isEqualTo("DUPLICATE");
    assertThat(failureFor(400, "[{\"message\":\"No such column 'abcd' on sobject of type Account\",\"errorCode\":\"INVALID_FIELD\"}]").getType()).isEqualTo("CONFIGURATION");
    assertThat(failureFor(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"Provided external ID field does not exist or is not accessible: QBO_Id__c\"}]").getType()).isEqualTo("CONFIGURATION");
    assertThat(failureFor(404, "{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}").getType()).isEqualTo("CONFIGURATION");
    ApplicationFailure limit = failureFor(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    assertThat(limit.getType()).isEqualTo("RATE_LIMIT");
    assertThat(limit.isNonRetryable()).isFalse();
    ApplicationFailure locked = failureFor(400, "[{\"message\":\"unable to obtain exclusive access to this record\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\",\"fields\":[]}]");
    assertThat(locked.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(locked.isNonRetryable()).isFalse();
    ApplicationFailure down = failureFor(503, "[{\"message\":\"maintenance\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
    assertThat(down.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(failureFor(500, "<html>An error has occurred within Lightning Platform</html>").getType()).isEqualTo("REMOTE_UNAVAILABLE");
  }

  @Test
  void tooManyRequestsWaitsForRetryAfter() {
    server.enqueue(token("sess-1"));
    server.enqueue(json(429, "[{\"message\":\"Too many requests\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]").setHeader("Retry-After", "12"));

    ApplicationFailure failure = asFailure(catchThrowable(() -> client.query("SELECT Id FROM Account")));

    assertThat(failure.getType()).isEqualTo("RATE_LIMIT");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void timeoutIsRetriedAsRemoteUnavailable() {
    server.enqueue(token("sess-1"));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    ApplicationFailure failure = asFailure(catchThrowable(() -> client.query("SELECT Id FROM Account")));

    assertThat(failure.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void passingFailuresAreSentAgainButACreateOnlyWhenSalesforceCertainlyDidNotActOnIt() {
    List<Duration> waits = new ArrayList<>();
    SalesforceClient retrying = new SalesforceClient(new OkHttpClient(),
        new SalesforceSettings(server.url("/").toString(), "cid", "csecret", "v62.0"), TestRetries.recordingInto(waits));
    String saved = "[{\"id\":\"001xx000003DGb2AAG\",\"success\":true,\"errors\":[]}]";
    server.enqueue(token("sess-1"));
    server.enqueue(json(500, "[{\"message\":\"An unexpected error occurred\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]"));
    server.enqueue(json(200, saved));

    assertThat(retrying.updateAll("Account", List.of(account("9130-1", "Amy").put("Id", "001xx000003DGb2AAG"))))
        .singleElement().matches(SaveResult::success);
    assertThat(waits).as("an update is safe to send twice").hasSize(1);

    server.enqueue(json(500, "[{\"message\":\"An unexpected error occurred\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]"));
    assertThat(asFailure(catchThrowable(() -> retrying.createAll("PricebookEntry", List.of(JSON.createObjectNode().put("UnitPrice", 1))))).getType())
        .as("a create that failed on the server may have happened: Temporal decides, not a blind repeat")
        .isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(waits).hasSize(1);

    server.enqueue(json(503, "[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]"));
    server.enqueue(json(200, saved));
    assertThat(retrying.createAll("PricebookEntry", List.of(JSON.createObjectNode().put("UnitPrice", 1))))
        .singleElement().matches(SaveResult::success);
    assertThat(waits).as("unavailable: nothing was created, so it is sent again").hasSize(2);
  }

  @Test
  void settingsMaskTheSecretAndNormalizeTheVersion() {
    SalesforceSettings settings = new SalesforceSettings("https://acme.my.salesforce.com/", "id", "top-secret", "62.0");

    assertThat(settings.toString()).doesNotContain("top-secret");
    assertThat(settings.apiVersion()).isEqualTo("v62.0");
    assertThat(settings.loginUrl()).isEqualTo("https://acme.my.salesforce.com");
    assertThat(catchThrowable(() -> new SalesforceSettings("https://x", "id", "s", "v45.0"))).hasMessageContaining("46.0");
  }

  ApplicationFailure failureFor(int status, String body) {
    server.enqueue(token("sess-1"));
    server.enqueue(json(status, body));
    SalesforceClient fresh =
        new SalesforceClient(new OkHttpClient(), new SalesforceSettings(server.url("/").toString(), "cid", "csecret", "v62.0"),
            TestRetries.none());
    return asFailure(catchThrowable(() -> fresh.query("SELECT Id FROM Account")));
  }

  static ApplicationFailure asFailure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(RuntimeException.class);
    RuntimeException mapped = RemoteFailures.toActivityFailure((RuntimeException) thrown);
    assertThat(mapped).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) mapped;
  }
}
