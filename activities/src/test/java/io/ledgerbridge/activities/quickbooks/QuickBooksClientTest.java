package io.ledgerbridge.activities.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.errors.FreshTokenRejectedException;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.OAuthConnection;
import io.ledgerbridge.activities.store.RateBudgetStore;
import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.activities.testing.TestRetries;
import io.ledgerbridge.workflows.sync.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The QBO client against MockWebServer answering with the bodies Intuit sends. */
class QuickBooksClientTest {
  static final String REALM = "9130357766001001";
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  static final String TOKEN_RESPONSE =
      """
      {"access_token":"access-2","refresh_token":"refresh-2","token_type":"bearer","expires_in":3600,"x_refresh_token_expires_in":8726400}""";
  static final String EXPIRED_TOKEN_401 =
      """
      {"warnings":null,"intuitObject":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: AB01730024136mqEofYN9fldzIcxH6lsAcqOYIbafE5z6ZdjPc","code":"3200","element":null}],"type":"AUTHENTICATION"},"report":null,"queryResponse":null,"batchItemResponse":[],"attachableResponse":[],"syncErrorResponse":null,"requestId":null,"time":1730024394085,"status":null,"cdcresponse":[]}""";
  static final String AMY =
      """
      {"domain":"QBO","FamilyName":"Lauterbach","DisplayName":"Amy's Bird Sanctuary","PrimaryPhone":{"FreeFormNumber":"(650) 555-3311"},"Active":true,
       "MetaData":{"CreateTime":"2014-09-11T16:48:43-07:00","LastUpdatedTime":"2015-07-01T10:14:15-07:00"},
       "BillAddr":{"City":"Bayshore","Line1":"4581 Finch St.","PostalCode":"94326","CountrySubDivisionCode":"CA","Id":"2"},
       "SyncToken":"5","sparse":false,"Id":"1"}""";

  static final ObjectMapper JSON = new ObjectMapper();

  MockWebServer server;
  MutableClock clock;
  ConnectionStore connections;
  RateBudgetStore budgets;
  QuickBooksClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    clock = new MutableClock(NOW);
    JdbcTemplate jdbc = TestDatabase.H2.freshJdbc();
    connections = new ConnectionStore(jdbc, new SecretCipher(SecretCipher.newBase64Key()));
    budgets = new RateBudgetStore(jdbc);
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(500)).build();
    client =
        new QuickBooksClient(
            http,
            QuickBooksSettings.at(server.url("/").toString(), "client-id", "client-secret", "https://app.example/callback"),
            connections,
            unpaced(),
            clock,
            TestRetries.none());
  }

  /** Turns are taken but not waited for: these tests are about what is sent and answered (QuickBooksPacingTest: turns). */
  QuickBooksPacing unpaced() {
    return new QuickBooksPacing(budgets, Clock.systemUTC(), wait -> { });
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  void connected(String accessToken, Instant accessExpiry) {
    connections.save(
        new OAuthConnection(
            ConnectedSystem.QUICKBOOKS, REALM, accessToken, accessExpiry, "refresh-1", NOW.plus(Duration.ofDays(100)), null, null));
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setHeader("intuit_tid", "1-69f0a24d-abc").setBody(body);
  }

  static String customers(int from, int count) {
    StringBuilder body = new StringBuilder("{\"QueryResponse\":{\"Customer\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(AMY.replace("\"Id\":\"1\"", "\"Id\":\"" + (from + i) + "\""));
    }
    return body.append("],\"startPosition\":").append(from).append(",\"maxResults\":").append(count).append("},\"time\":\"2026-11-26T02:00:00.000-08:00\"}").toString();
  }

  static String query(RecordedRequest request) {
    return request.getRequestUrl().queryParameter("query");
  }

  @Test
  void queryAllPagesWithStartPositionUntilAShortPage() throws Exception {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(200, customers(1, 1000)));
    server.enqueue(json(200, customers(1001, 2)));

    List<ObjectNode> all = client.queryAll(REALM, "Customer", "WHERE Active = true");

    assertThat(all).hasSize(1002);
    assertThat(all.get(1001).get("Id").asText()).isEqualTo("1002");
    assertThat(query(server.takeRequest())).isEqualTo("SELECT * FROM Customer WHERE Active = true STARTPOSITION 1 MAXRESULTS 1000");
    assertThat(query(server.takeRequest())).isEqualTo("SELECT * FROM Customer WHERE Active = true STARTPOSITION 1001 MAXRESULTS 1000");
  }

  @Test
  void everyCallCarriesBearerTokenJsonAndMinorVersion75() throws Exception {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(200, "{\"Customer\":" + AMY + ",\"time\":\"2015-07-01T10:14:15.000-07:00\"}"));

    ObjectNode amy = client.read(REALM, "Customer", "1");

    RecordedRequest request = server.takeRequest();
    assertThat(amy.get("DisplayName").asText()).isEqualTo("Amy's Bird Sanctuary");
    assertThat(request.getPath()).startsWith("/v3/company/" + REALM + "/customer/1?");
    assertThat(request.getRequestUrl().queryParameter("minorversion")).isEqualTo("75");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer access-1");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
  }

  @Test
  void emptyQueryResponseIsAnEmptyLastPage() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(200, "{\"QueryResponse\":{},\"time\":\"2026-11-26T02:00:00.000-08:00\"}"));

    QueryPage page = client.queryPage(REALM, "Customer", "", 1, 1000);

    assertThat(page.records()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void accessTokenAboutToExpireIsRefreshedBeforeTheCallAndTheRotatedRefreshTokenSaved() throws Exception {
    connected("access-1", NOW.plus(Duration.ofSeconds(30)));
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(200, customers(1, 1)));

    client.queryPage(REALM, "Customer", "", 1, 10);

    RecordedRequest refresh = server.takeRequest();
    assertThat(refresh.getPath()).isEqualTo("/oauth2/v1/tokens/bearer");
    assertThat(refresh.getHeader("Authorization")).isEqualTo(okhttp3.Credentials.basic("client-id", "client-secret"));
    assertThat(form(refresh)).isEqualTo("grant_type=refresh_token&refresh_token=refresh-1");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-2");
    OAuthConnection stored = connections.find(ConnectedSystem.QUICKBOOKS, REALM).orElseThrow();
    assertThat(stored.accessToken()).isEqualTo("access-2");
    assertThat(stored.refreshToken()).isEqualTo("refresh-2");
    assertThat(stored.accessTokenExpiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(stored.refreshTokenExpiresAt()).isEqualTo(NOW.plusSeconds(8726400));
  }

  @Test
  void unauthorizedCallRefreshesOnceRetriesOnceAndSavesTheRotatedToken() throws Exception {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(401, EXPIRED_TOKEN_401));
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(200, customers(1, 1)));

    QueryPage page = client.queryPage(REALM, "Customer", "", 1, 10);

    assertThat(page.records()).hasSize(1);
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-1");
    assertThat(server.takeRequest().getPath()).isEqualTo("/oauth2/v1/tokens/bearer");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-2");
    assertThat(connections.find(ConnectedSystem.QUICKBOOKS, REALM).orElseThrow().refreshToken()).isEqualTo("refresh-2");
  }

  @Test
  void aFreshTokenRefusedAtOnceIsAPassingFailureWithoutTheTokenText() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(401, EXPIRED_TOKEN_401));
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(401, EXPIRED_TOKEN_401));

    Throwable thrown = catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10));

    assertThat(thrown).isInstanceOf(FreshTokenRejectedException.class);
    assertThat(thrown.getMessage()).doesNotContain("AB01730024136mqEof").contains("Token expired: ****")
        .contains("refused the access token it had just issued");
    ApplicationFailure failure = asFailure(thrown);
    assertThat(failure.getType()).as("the refresh proved the credentials good").isEqualTo(FailureType.REMOTE_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aFreshTokenRefusedAtOnceIsSentAgainAndTheCallCompletes() throws Exception {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    List<Duration> waits = new ArrayList<>();
    server.enqueue(json(401, EXPIRED_TOKEN_401));
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(401, EXPIRED_TOKEN_401));
    server.enqueue(json(200, customers(1, 1)));

    QueryPage page = retrying(waits).queryPage(REALM, "Customer", "", 1, 10);

    assertThat(page.records()).hasSize(1);
    assertThat(waits).hasSize(1);
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-2");
    assertThat(server.takeRequest().getHeader("Authorization")).as("the stored fresh token, sent again").isEqualTo("Bearer access-2");
  }

  @Test
  void invalidGrantOnRefreshIsAuthFailureTellingTheAdminToReconnect() {
    connected("access-1", NOW.minusSeconds(1));
    server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Incorrect or invalid refresh token\"}"));

    Throwable thrown = catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10));

    assertThat(thrown).isInstanceOf(QuickBooksAuthException.class);
    ApplicationFailure failure = asFailure(thrown);
    assertThat(failure.getType()).isEqualTo("AUTH");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("reconnect the company")
        .contains(REALM)
        .contains("invalid_grant")
        .doesNotContain("refresh-1");
  }

  @Test
  void refreshRefusedBecauseAnotherWorkerRotatedFirstUsesThatWorkersTokens() throws Exception {
    connected("access-1", NOW.minusSeconds(1));
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getPath().startsWith("/oauth2/")) {
              // Another worker refreshed with the same token a moment earlier and stored its result.
              OAuthConnection current = connections.find(ConnectedSystem.QUICKBOOKS, REALM).orElseThrow();
              connections.replaceTokens(
                  current,
                  new OAuthConnection(ConnectedSystem.QUICKBOOKS, REALM, "access-other", NOW.plusSeconds(3600), "refresh-other", null, null, null));
              return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Incorrect or invalid refresh token\"}");
            }
            return json(200, customers(1, 1));
          }
        });

    client.queryPage(REALM, "Customer", "", 1, 10);

    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-other");
    assertThat(connections.find(ConnectedSystem.QUICKBOOKS, REALM).orElseThrow().refreshToken()).isEqualTo("refresh-other");
  }

  @Test
  void companyWithoutConnectionIsConfigurationFailureSayingHowToConnect() {
    Throwable thrown = catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10));

    ApplicationFailure failure = asFailure(thrown);
    assertThat(failure.getType()).isEqualTo("CONFIGURATION");
    assertThat(failure.getOriginalMessage()).contains("Connect QuickBooks").contains(REALM);
    assertThat(client.isConnected(REALM)).isFalse();
  }

  @Test
  void duplicateNameFaultIsParsedAndNotRetried() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(
        json(
            400,
            """
            {"Fault":{"Error":[{"Message":"Duplicate Name Exists Error","Detail":"The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.","code":"6240","element":""}],"type":"ValidationFault"},"time":"2017-09-29T09:17:31.892-07:00"}"""));

    Throwable thrown = catchThrowable(() -> client.save(REALM, "Customer", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("DisplayName", "Amy"), "req-1"));

    QuickBooksException fault = (QuickBooksException) thrown;
    assertThat(fault.httpStatus()).isEqualTo(400);
    assertThat(fault.code()).isEqualTo("6240");
    assertThat(fault.faultType()).isEqualTo("ValidationFault");
    assertThat(fault.faultMessage()).isEqualTo("Duplicate Name Exists Error");
    assertThat(fault.detail()).startsWith("The name supplied already exists");
    assertThat(fault.intuitTid()).isEqualTo("1-69f0a24d-abc");
    ApplicationFailure failure = asFailure(thrown);
    assertThat(failure.getType()).isEqualTo("DUPLICATE");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void createCarriesTheRequestIdForSafeRetries() throws Exception {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(200, "{\"Customer\":" + AMY + ",\"time\":\"2015-07-01T10:14:15.000-07:00\"}"));

    client.save(REALM, "Customer", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("DisplayName", "Amy"), "lb-req-1");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    HttpUrl url = request.getRequestUrl();
    assertThat(url.encodedPath()).isEqualTo("/v3/company/" + REALM + "/customer");
    assertThat(url.queryParameter("requestid")).isEqualTo("lb-req-1");
    assertThat(url.queryParameter("minorversion")).isEqualTo("75");
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"DisplayName\":\"Amy\"}");
  }

  @Test
  void requiredParameterFaultIsValidation() {
    assertThat(failureFor(400, """
        {"Fault":{"Error":[{"Message":"Required param missing, need to supply the required value for the API","Detail":"Required parameter Line is missing in the request","code":"2020","element":""}],"type":"ValidationFault"},"time":"2017-09-29T09:17:31.892-07:00"}""").getType())
        .isEqualTo("VALIDATION");
  }

  @Test
  void staleSyncTokenIsConflictAndInvalidReferenceIsMissingParent() {
    assertThat(failureFor(400, """
        {"Fault":{"Error":[{"Message":"Stale Object Error","Detail":"Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.","code":"5010","element":""}],"type":"ValidationFault"},"time":"2016-04-15T09:01:18.141-07:00"}""").getType())
        .isEqualTo("CONFLICT");
    ApplicationFailure missingParent = failureFor(400, """
        {"Fault":{"Error":[{"Message":"Invalid Reference Id","Detail":"Invalid Reference Id : Something you're trying to use has been made inactive","code":"2500","element":""}],"type":"ValidationFault"},"time":"2016-04-15T09:01:18.141-07:00"}""");
    assertThat(missingParent.getType()).isEqualTo("MISSING_PARENT");
    assertThat(missingParent.isNonRetryable()).isFalse();
  }

  @Test
  void throttleXmlFaultIsRateLimitRetriedAfterSixtySeconds() {
    String xml =
        """
        <IntuitResponse time="2017-07-30T22:45:22.933-07:00" xmlns="http://schema.intuit.com/finance/v3">
          <Fault type="SERVICE"><Error code="3001">
            <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
            <Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>""";
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/xml").setBody(xml));

    Throwable thrown = catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10));

    QuickBooksException fault = (QuickBooksException) thrown;
    assertThat(fault.code()).isEqualTo("3001");
    assertThat(fault.faultType()).isEqualTo("SERVICE");
    assertThat(fault.detail()).isEqualTo("The request limit was reached.  Try again later");
    ApplicationFailure failure = asFailure(thrown);
    assertThat(failure.getType()).isEqualTo("RATE_LIMIT");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void throttleWithRetryAfterWaitsWhatTheServerSays() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(
        json(429, "{\"Fault\":{\"Error\":[{\"Message\":\"message=ThrottleExceeded; errorCode=003001; statusCode=429\",\"Detail\":\"The request limit was reached.\",\"code\":\"3001\"}],\"type\":\"SERVICE\"}}")
            .setHeader("Retry-After", "7"));

    ApplicationFailure failure = asFailure(catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10)));

    assertThat(failure.getType()).isEqualTo("RATE_LIMIT");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void systemFaultAndUnavailableAreRetriedAsRemoteUnavailable() {
    ApplicationFailure system = failureFor(500, """
        {"Fault":{"Error":[{"Message":"An application error has occurred while processing your request","Detail":"System Failure Error: Something went wrong","code":"10000","element":""}],"type":"SystemFault"},"time":"2017-09-29T09:17:31.892-07:00"}""");
    assertThat(system.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(system.isNonRetryable()).isFalse();

    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "30").setBody("<html>Service Unavailable</html>"));
    ApplicationFailure unavailable = asFailure(catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10)));
    assertThat(unavailable.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(unavailable.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void faultInsideA200IsStillAFault() {
    assertThat(failureFor(200, """
        {"Fault":{"Error":[{"Message":"Object Not Found","Detail":"Object Not Found : Something you're trying to use has been made inactive.","code":"610","element":""}],"type":"ValidationFault"},"time":"2016-04-15T09:01:18.141-07:00"}""").getType())
        .isEqualTo("VALIDATION");
  }

  @Test
  void timeoutIsRetriedAsRemoteUnavailable() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    ApplicationFailure failure = asFailure(catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10)));

    assertThat(failure.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(failure.isNonRetryable()).isFalse();
  }

  /** The client of these tests, but sending calls again as production does, with its waits recorded. */
  private QuickBooksClient retrying(List<Duration> waits) {
    return new QuickBooksClient(
        new OkHttpClient.Builder().readTimeout(Duration.ofMillis(500)).build(),
        QuickBooksSettings.at(server.url("/").toString(), "client-id", "client-secret", "https://app.example/callback"),
        connections, unpaced(), clock, TestRetries.recordingInto(waits));
  }

  @Test
  void passingFailuresAreSentAgainWithinTheCallWaitingWhatTheServerAsks() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    List<Duration> waits = new ArrayList<>();
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "3").setBody("<html>Service Unavailable</html>"));
    server.enqueue(json(500, """
        {"Fault":{"Error":[{"Message":"An application error has occurred","Detail":"System Failure Error","code":"10000"}],"type":"SystemFault"}}"""));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, customers(1, 2)));

    QueryPage page = retrying(waits).queryPage(REALM, "Customer", "", 1, 10);

    assertThat(page.records()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(waits).hasSize(4);
    assertThat(waits.get(0)).as("the server's Retry-After").isEqualTo(Duration.ofSeconds(3));
    assertThat(waits.subList(1, 4)).as("a growing backoff otherwise")
        .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(400), Duration.ofMillis(9_600)));
    assertThat(waits.get(3)).isGreaterThan(waits.get(1));
  }

  @Test
  void aFaultThatOutlastsEveryAttemptGoesToTemporal() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < CallRetries.STANDARD.attempts(); i++) {
      server.enqueue(new MockResponse().setResponseCode(503).setBody("<html>Service Unavailable</html>"));
    }

    ApplicationFailure failure = asFailure(catchThrowable(() -> retrying(waits).queryPage(REALM, "Customer", "", 1, 10)));

    assertThat(failure.getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(server.getRequestCount()).isEqualTo(CallRetries.STANDARD.attempts());
    assertThat(waits).hasSize(CallRetries.STANDARD.attempts() - 1);
  }

  @Test
  void aThrottleAskingForMoreThanACallMayWaitGoesToTemporalAtOnce() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    List<Duration> waits = new ArrayList<>();
    server.enqueue(json(429, "{\"Fault\":{\"Error\":[{\"Message\":\"message=ThrottleExceeded\",\"code\":\"3001\"}],\"type\":\"SERVICE\"}}")
        .setHeader("Retry-After", "120"));

    ApplicationFailure failure = asFailure(catchThrowable(() -> retrying(waits).queryPage(REALM, "Customer", "", 1, 10)));

    assertThat(failure.getType()).isEqualTo("RATE_LIMIT");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(120));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void aCreateWithoutRequestIdIsSentAgainOnlyWhenQuickBooksCertainlyDidNotActOnIt() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    List<Duration> waits = new ArrayList<>();
    QuickBooksClient retrying = retrying(waits);
    ObjectNode amy = JsonNodeFactory.instance.objectNode().put("DisplayName", "Amy's Bird Sanctuary");
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    assertThat(catchThrowable(() -> retrying.save(REALM, "Customer", amy, null)))
        .as("the answer was lost: QuickBooks may have created it").isNotNull();
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(new MockResponse().setResponseCode(503).setBody("<html>Service Unavailable</html>"));
    server.enqueue(json(200, "{\"Customer\":" + AMY + "}"));
    assertThat(retrying.save(REALM, "Customer", amy, null).path("Id").asText()).isEqualTo("1");
    assertThat(server.getRequestCount()).as("503: nothing was created, so it is sent again").isEqualTo(3);
  }

  @Test
  void authorizationUrlAsksForAccountingScopeWithStateAndRedirect() {
    HttpUrl url = HttpUrl.get(client.authorizationUrl("state-123"));

    assertThat(url.encodedPath()).isEqualTo("/connect/oauth2");
    assertThat(url.queryParameter("client_id")).isEqualTo("client-id");
    assertThat(url.queryParameter("response_type")).isEqualTo("code");
    assertThat(url.queryParameter("scope")).isEqualTo("com.intuit.quickbooks.accounting");
    assertThat(url.queryParameter("redirect_uri")).isEqualTo("https://app.example/callback");
    assertThat(url.queryParameter("state")).isEqualTo("state-123");
  }

  @Test
  void completedAuthorizationExchangesTheCodeAndStoresTheTokens() throws Exception {
    server.enqueue(json(200, TOKEN_RESPONSE));

    client.completeAuthorization("code-abc", REALM);

    RecordedRequest exchange = server.takeRequest();
    assertThat(form(exchange))
        .isEqualTo("grant_type=authorization_code&code=code-abc&redirect_uri=https://app.example/callback");
    assertThat(client.isConnected(REALM)).isTrue();
    assertThat(connections.find(ConnectedSystem.QUICKBOOKS, REALM).orElseThrow().refreshToken()).isEqualTo("refresh-2");
  }

  @Test
  void refusedCodeExchangeIsAnAuthException() {
    server.enqueue(json(400, "{\"error_description\":\"Token invalid\",\"error\":\"invalid_grant\"}"));

    assertThatThrownBy(() -> client.completeAuthorization("bad-code", REALM))
        .isInstanceOf(QuickBooksAuthException.class)
        .hasMessageContaining("invalid_grant");
    assertThat(client.isConnected(REALM)).isFalse();
  }

  @Test
  void settingsMaskTheClientSecret() {
    assertThat(QuickBooksSettings.production("id", "very-secret", "https://app.example/cb").toString())
        .doesNotContain("very-secret")
        .contains("https://quickbooks.api.intuit.com");
  }

  @Test
  void queryLiteralsEscapeQuotes() {
    assertThat(QuickBooksClient.quote("Amy's")).isEqualTo("'Amy\\'s'");
  }

  ApplicationFailure failureFor(int status, String body) {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(status, body));
    return asFailure(catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10)));
  }

  static ApplicationFailure asFailure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(RuntimeException.class);
    RuntimeException mapped = RemoteFailures.toActivityFailure((RuntimeException) thrown);
    assertThat(mapped).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) mapped;
  }

  static String form(RecordedRequest request) {
    return URLDecoder.decode(request.getBody().readUtf8(), StandardCharsets.UTF_8);
  }

  @Test
  void aBatchSendsEachItemWithItsBIdUnderTheRequestIdAndAnswersEachOnItsOwn() throws Exception {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(200, """
        {"BatchItemResponse":[
         {"Fault":{"type":"ValidationFault","Error":[{"Message":"Stale Object Error","code":"5010","Detail":"Stale Object Error : You and root were working on this at the same time.","element":""}]},"bId":"2"},
         {"Fault":{"type":"ValidationFault","Error":[{"Message":"Duplicate Name Exists Error","code":"6240","Detail":"The name supplied already exists.","element":""}]},"bId":"3"},
         {"Customer":{"Id":"58","SyncToken":"0","DisplayName":"Amy's Bird Sanctuary"},"bId":"1"},
         {"Fault":{"type":"SystemFault","Error":[{"Message":"An application error has occurred","code":"10000"}]},"bId":"4"}],
         "time":"2016-04-15T09:01:18.141-07:00"}"""));
    ObjectNode amy = JSON.createObjectNode().put("DisplayName", "Amy's Bird Sanctuary");
    ObjectNode update = JSON.createObjectNode().put("Id", "7").put("SyncToken", "2").put("sparse", true);

    Map<String, BatchAnswer> answers = client.batch(REALM, "0f8fad5b-d9cb-469f-a165-70867728950e", List.of(
        BatchItem.create("1", "Customer", amy), BatchItem.update("2", "Customer", update),
        BatchItem.create("3", "Customer", amy), BatchItem.create("4", "Customer", amy), BatchItem.create("5", "Customer", amy)));

    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getRequestUrl().encodedPath()).isEqualTo("/v3/company/" + REALM + "/batch");
    assertThat(sent.getRequestUrl().queryParameter("requestid")).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
    JsonNode items = JSON.readTree(sent.getBody().readUtf8()).get("BatchItemRequest");
    assertThat(items).hasSize(5);
    assertThat(items.get(1).get("bId").asText()).isEqualTo("2");
    assertThat(items.get(1).get("operation").asText()).isEqualTo("update");
    assertThat(items.get(1).get("Customer").get("SyncToken").asText()).isEqualTo("2");
    assertThat(answers.get("1").saved().get("Id").asText()).isEqualTo("58");
    assertThat(answers.get("2").fault().code()).isEqualTo("5010");
    assertThat(asFailure(answers.get("2").fault()).getType()).isEqualTo("CONFLICT");
    assertThat(asFailure(answers.get("3").fault()).getType()).as("a fault of one item means what it means alone")
        .isEqualTo("DUPLICATE");
    assertThat(answers.get("3").fault().getMessage()).contains("batch item 3").contains("The name supplied already exists");
    assertThat(asFailure(answers.get("4").fault()).getType()).isEqualTo("REMOTE_UNAVAILABLE");
    assertThat(asFailure(answers.get("5").fault()).getType()).as("an item QuickBooks did not answer is worth sending again")
        .isEqualTo("REMOTE_UNAVAILABLE");
  }

  @Test
  void aBatchRefusesWhatIntuitWouldRefuseBeforeSendingIt() {
    ObjectNode amy = JSON.createObjectNode().put("DisplayName", "Amy");
    List<BatchItem> thirtyOne = new ArrayList<>();
    for (int i = 1; i <= 31; i++) {
      thirtyOne.add(BatchItem.create(Integer.toString(i), "Customer", amy));
    }
    assertThat(catchThrowable(() -> client.batch(REALM, "r-1", thirtyOne))).hasMessageContaining("1..30 items");
    assertThat(catchThrowable(() -> client.batch(REALM, "r".repeat(37), List.of(BatchItem.create("1", "Customer", amy)))))
        .hasMessageContaining("at most 36 characters");
    assertThat(catchThrowable(() -> client.batch(REALM, "r-1",
        List.of(BatchItem.create("1", "Customer", amy), BatchItem.create("1", "Customer", amy)))))
        .hasMessageContaining("share the bId 1");
    assertThat(catchThrowable(() -> BatchItem.create("12345678901", "Customer", amy))).hasMessageContaining("1..10 characters");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aThrottledAnswerHoldsTheCompanysTurnsForEveryProcess() {
    connected("access-1", NOW.plus(Duration.ofHours(1)));
    server.enqueue(json(429, "{\"Fault\":{\"Error\":[{\"Message\":\"message=ThrottleExceeded\",\"code\":\"3001\"}],\"type\":\"SERVICE\"}}")
        .setHeader("Retry-After", "20"));
    Instant before = Instant.now();

    catchThrowable(() -> client.queryPage(REALM, "Customer", "", 1, 10));

    Instant nextTurn = budgets.takeTurn(REALM, QuickBooksPacing.CALLS, QuickBooksPacing.CALL_SPACING,
        QuickBooksPacing.CALL_TOLERANCE, Instant.now());
    assertThat(nextTurn).isAfterOrEqualTo(before.plusSeconds(20));
    assertThat(budgets.takeTurn("another-company", QuickBooksPacing.CALLS, QuickBooksPacing.CALL_SPACING,
        QuickBooksPacing.CALL_TOLERANCE, before)).as("other companies do not wait").isEqualTo(before);
  }
}
