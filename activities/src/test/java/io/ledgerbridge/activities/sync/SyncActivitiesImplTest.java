package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.OAuthConnection;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter;
import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.activities.testing.TestRetries;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncRequest;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import io.ledgerbridge.workflows.sync.FailureType;
import io.ledgerbridge.workflows.sync.RecordSyncFailure;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sync's handling of remote answers the sandbox does not produce, with MockWebServer as QBO and Salesforce. */
class SyncActivitiesImplTest {
  static final String REALM = "9130357766001001";
  static final ObjectMapper JSON = new ObjectMapper();

  MockWebServer qboServer;
  MockWebServer sfServer;
  TestActivityEnvironment env;
  CursorStore cursors;
  RecordErrorStore errors;
  SyncActivities activity;

  @BeforeEach
  void start() throws IOException {
    qboServer = new MockWebServer();
    sfServer = new MockWebServer();
    qboServer.start();
    sfServer.start();
    JdbcTemplate jdbc = TestDatabase.H2.freshJdbc();
    ConnectionStore connections = new ConnectionStore(jdbc, new SecretCipher(SecretCipher.newBase64Key()));
    connections.save(
        new OAuthConnection(ConnectedSystem.QUICKBOOKS, REALM, "access-1", Instant.now().plusSeconds(3600), "refresh-1", null, null, null));
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).build();
    QuickBooksClient qbo =
        new QuickBooksClient(http, QuickBooksSettings.at(qboServer.url("/").toString(), "id", "secret", "https://app.example/cb"), connections,
            QuickBooksLimits.inDatabase(jdbc, QuickBooksMeter.BUILDER_TIER_READS), TestRetries.none());
    SalesforceClient salesforce = new SalesforceClient(http, new SalesforceSettings(sfServer.url("/").toString(), "id", "secret", "v62.0"),
        TestRetries.none());
    cursors = new CursorStore(jdbc);
    errors = new RecordErrorStore(jdbc);
    sfServer.setDispatcher(new QueriesAnswerEmpty());
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new SyncActivitiesImpl(qbo, salesforce, SyncStores.on(jdbc), Mappings.defaults(),
            new SyncOptions(Clock.systemUTC(), 1000, 200, false)));
    activity =
        env.newActivityStub(
            SyncActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    sfServer.enqueue(
        json(200, "{\"access_token\":\"sess\",\"instance_url\":\"" + sfServer.url("/").toString().replaceAll("/$", "") + "\",\"token_type\":\"Bearer\"}"));
  }

  @AfterEach
  void stop() throws IOException {
    env.close();
    qboServer.shutdown();
    sfServer.shutdown();
  }

  /**
   * Salesforce as a queue of enqueued answers, except that SOQL queries (the SystemModstamp read
   * after each write) answer with no records.
   */
  static final class QueriesAnswerEmpty extends okhttp3.mockwebserver.QueueDispatcher {
    int writes;

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (request.getPath() != null && request.getPath().contains("/query")) {
        return json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}");
      }
      writes++;
      return super.dispatch(request);
    }
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  static String customer(String id, String displayName, String lastUpdated) {
    return "{\"Id\":\"" + id + "\",\"SyncToken\":\"0\",\"Active\":true"
        + (displayName == null ? "" : ",\"DisplayName\":\"" + displayName + "\"")
        + ",\"MetaData\":{\"CreateTime\":\"2015-07-01T10:14:15-07:00\",\"LastUpdatedTime\":\"" + lastUpdated + "\"}}";
  }

  static String page(String... customers) {
    return "{\"QueryResponse\":{\"Customer\":[" + String.join(",", customers) + "],\"startPosition\":1,\"maxResults\":"
        + customers.length + "},\"time\":\"2026-11-26T02:00:00.000-08:00\"}";
  }

  ObjectSyncResult sync() {
    return activity.syncObject(new ObjectSyncRequest("job-1", "run-1", REALM, SyncDirection.QBO_TO_SALESFORCE, SyncObject.CUSTOMER));
  }

  static ApplicationFailure cause(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  @Test
  void recordsOfAPerRecordSyncThatFailedAsAWholeBecomeOpenErrorsOfTheFailuresType() {
    RecordSyncFailure failure = new RecordSyncFailure(REALM, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE,
        List.of("7", "8"), "job-1", "run-1", "AUTH: Intuit no longer accepts the stored authorization");

    activity.recordFailures(failure);
    activity.recordFailures(failure); // the activity retried: the same run's failure, kept once

    for (String id : List.of("7", "8")) {
      RecordError error = errors.findOpen(REALM, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, id).orElseThrow();
      assertThat(error.type()).isEqualTo(FailureType.AUTH);
      assertThat(error.message()).isEqualTo(
          "the per-record sync failed after Temporal's retries: AUTH: Intuit no longer accepts the stored authorization");
      assertThat(error.attempts()).isEqualTo(1);
      assertThat(error.runId()).isEqualTo("run-1");
    }
  }

  @Test
  void recordLockedInSalesforceIsRetriedOnceAndCustomerWithoutNameFailsWithoutAWrite() throws Exception {
    qboServer.enqueue(
        json(200, page(
            customer("1", "Amy's Bird Sanctuary", "2015-07-01T10:14:15-07:00"),
            customer("2", null, "2015-07-01T10:14:16-07:00"),
            customer("3", "Bill's Windsurf Shop", "2015-07-01T10:14:17-07:00"))));
    sfServer.enqueue(
        json(200, "[{\"id\":\"001xx0000004GxDAAU\",\"success\":true,\"errors\":[],\"created\":true},"
            + "{\"success\":false,\"errors\":[{\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"unable to obtain exclusive access to this record\",\"fields\":[]}]}]"));
    sfServer.enqueue(json(200, "[{\"id\":\"001xx0000004GxEAAU\",\"success\":true,\"errors\":[],\"created\":true}]"));

    ObjectSyncResult result = sync();

    assertThat(result.counts().read()).isEqualTo(3);
    assertThat(result.counts().created()).isEqualTo(2);
    assertThat(result.counts().failed()).isEqualTo(1);
    assertThat(result.failedSourceIds()).containsExactly("2");
    RecordError nameless = errors.findOpen(REALM, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, "2").orElseThrow();
    assertThat(nameless.type().name()).isEqualTo("VALIDATION");
    assertThat(nameless.message()).contains("Name");
    sfServer.takeRequest(); // token
    JsonNode first = JSON.readTree(sfServer.takeRequest().getBody().readUtf8());
    assertThat(first.get("records")).extracting(r -> r.get("QBO_Id__c").asText()).containsExactly(REALM + "-1", REALM + "-3");
    JsonNode retry = JSON.readTree(sfServer.takeRequest().getBody().readUtf8());
    assertThat(retry.get("records")).extracting(r -> r.get("QBO_Id__c").asText()).containsExactly(REALM + "-3");
    assertThat(cursors.find(REALM, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).map(CursorStore.Cursor::value))
        .as("the answer's time (10:00 UTC) less 5 minutes: every change before it was read, and it is later than the newest")
        .contains("2026-11-26T09:55:00+00:00");
    RecordedRequest query = qboServer.takeRequest();
    assertThat(query.getRequestUrl().queryParameter("query"))
        .isEqualTo("SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY MetaData.LastUpdatedTime STARTPOSITION 1 MAXRESULTS 1000");
  }

  @Test
  void salesforceUnavailableFailsTheAttemptRetryablyAndKeepsTheCursor() {
    cursors.save(REALM, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, new CursorStore.Cursor("2015-07-01T00:00:00-07:00", null));
    qboServer.enqueue(json(200, page(customer("1", "Amy", "2015-07-01T10:14:15-07:00"))));
    sfServer.enqueue(json(503, "[{\"message\":\"maintenance\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]").setHeader("Retry-After", "20"));

    ApplicationFailure failure = cause(catchThrowable(this::sync));

    assertThat(failure.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(cursors.find(REALM, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).map(CursorStore.Cursor::value)).contains("2015-07-01T00:00:00-07:00");
  }

  @Test
  void quickBooksThrottleIsRateLimitRetriedAfterSixtySeconds() {
    qboServer.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setBody("<IntuitResponse><Fault type=\"SERVICE\"><Error code=\"3001\"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>"));

    ApplicationFailure failure = cause(catchThrowable(this::sync));

    assertThat(failure.getType()).isEqualTo("RATE_LIMIT");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void everyRecordOfALargePageIsWrittenInCollectionsOfAtMost200() throws Exception {
    List<String> customers = new ArrayList<>();
    for (int i = 1; i <= 450; i++) {
      customers.add(customer(Integer.toString(i), "Customer " + i, "2015-07-01T10:14:15-07:00"));
    }
    qboServer.enqueue(json(200, page(customers.toArray(String[]::new))));
    for (int size : new int[] {200, 200, 50}) {
      StringBuilder results = new StringBuilder("[");
      for (int i = 0; i < size; i++) {
        results.append(i == 0 ? "" : ",").append("{\"id\":\"001xx0000004GxDAAU\",\"success\":true,\"errors\":[],\"created\":false}");
      }
      sfServer.enqueue(json(200, results.append(']').toString()));
    }

    ObjectSyncResult result = sync();

    assertThat(result.counts().read()).isEqualTo(450);
    assertThat(result.counts().updated()).isEqualTo(450);
    assertThat(((QueriesAnswerEmpty) sfServer.getDispatcher()).writes).isEqualTo(4); // token + 3 collections
  }
}
