package io.ledgerbridge.sandbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.force.api.ApiConfig;
import com.force.api.ApiException;
import com.force.api.ApiSession;
import com.force.api.Auth;
import com.force.api.AuthorizationRequest;
import com.force.api.AuthorizationResponse;
import com.force.api.CreateOrUpdateResult;
import com.force.api.DescribeGlobal;
import com.force.api.DescribeSObject;
import com.force.api.ExtendedApiVersion;
import com.force.api.ForceApi;
import com.force.api.Identity;
import com.force.api.QueryResult;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * force-rest-api ({@code com.frejo:force-rest-api}, the Java REST client that started as Salesforce's own
 * {@code com.force.api}), unchanged, pointed at the sandbox through {@code ApiConfig.setLoginEndpoint}: the
 * web-server OAuth flow and refresh-token login (and its silent renewal of an expired session), SOQL with
 * {@code nextRecordsUrl} paging, create, read, update, delete, queryAll, upsert by External ID, describe, the
 * version list and the Identity URL, and REST errors surfacing as the library's {@link ApiException}.
 */
class ForceRestApiConformanceTest {
  private static final String REDIRECT_URI = "http://localhost:8080/oauth/salesforce/callback";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MutableClock clock = new MutableClock(Instant.now());
  private static Sandbox sandbox;
  private static ApiConfig config;
  private static ForceApi api;

  @BeforeAll
  static void login() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(60).withClock(clock)
        .withSalesforceSessionTtl(Duration.ofHours(2)));
    config = new ApiConfig()
        .setLoginEndpoint(sandbox.salesforceUrl())
        .setClientId(Sandbox.SALESFORCE_CLIENT_ID)
        .setClientSecret(Sandbox.SALESFORCE_CLIENT_SECRET)
        .setRedirectURI(REDIRECT_URI)
        .setApiVersionString(Sandbox.SALESFORCE_API_VERSION);
    api = new ForceApi(config, webServerFlow("login"));
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void webServerFlowThenRefreshTokenLoginAndSilentRenewalOfAnExpiredSession() throws Exception {
    ApiSession session = webServerFlow("state-1");
    assertThat(session.getAccessToken()).isNotBlank();
    assertThat(session.getRefreshToken()).isNotBlank();
    assertThat(session.getApiEndpoint()).isEqualTo(sandbox.salesforceUrl());

    ApiSession refreshed = Auth.refreshOauthTokenFlow(config, session.getRefreshToken());
    assertThat(refreshed.getAccessToken()).isNotBlank().isNotEqualTo(session.getAccessToken());
    assertThat(refreshed.getApiEndpoint()).isEqualTo(sandbox.salesforceUrl());

    AtomicReference<ApiSession> renewed = new AtomicReference<>();
    ApiConfig listening = config.clone().setApiVersionString(Sandbox.SALESFORCE_API_VERSION)
        .setSessionRefreshListener(renewed::set);
    ForceApi client = new ForceApi(listening, refreshed);
    assertThat(client.query("SELECT COUNT() FROM Account").getTotalSize()).isPositive();

    // Past the session timeout Salesforce answers 401 INVALID_SESSION_ID; the library refreshes once and retries.
    clock.advance(Duration.ofHours(3));
    try {
      assertThat(client.query("SELECT COUNT() FROM Account").getTotalSize()).isPositive();
      assertThat(renewed.get()).isNotNull();
      assertThat(renewed.get().getAccessToken()).isNotEqualTo(refreshed.getAccessToken());
    } finally {
      api = new ForceApi(config, webServerFlow("after-expiry"));
    }

    assertThat(catchThrowableOfType(RuntimeException.class,
        () -> Auth.refreshOauthTokenFlow(config, "5Aep-not-a-refresh-token")))
        .hasMessageContaining("invalid_grant");

    Auth.revokeToken(config, session.getRefreshToken());
    assertThat(catchThrowableOfType(RuntimeException.class,
        () -> Auth.refreshOauthTokenFlow(config, session.getRefreshToken())))
        .hasMessageContaining("invalid_grant");
  }

  @Test
  void soqlPagesThroughNextRecordsUrlWithQueryMore() {
    // More Accounts than one page (2,000 by default), made with sObject Collections through the library's post().
    String marker = "Paging " + System.nanoTime();
    for (int batch = 0; batch < 11; batch++) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        records.add(Map.of("attributes", Map.of("type", "Account"), "Name", marker + " " + (batch * 200 + i)));
      }
      JsonNode results = JSON.valueToTree(api.post("/composite/sobjects", Map.of("allOrNone", true, "records", records))
          .as(List.class));
      assertThat(results).hasSize(200);
      assertThat(results.findValuesAsText("success")).containsOnly("true");
    }

    QueryResult<Map> page = api.query("SELECT Id, Name FROM Account WHERE Name LIKE '" + marker + "%' ORDER BY Name");
    assertThat(page.getTotalSize()).isEqualTo(2200);
    assertThat(page.isDone()).isFalse();
    assertThat(page.getNextRecordsUrl()).startsWith("/services/data/" + Sandbox.SALESFORCE_API_VERSION + "/query/");
    Set<Object> ids = new HashSet<>();
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      sizes.add(page.getRecords().size());
      page.getRecords().forEach(record -> ids.add(record.get("Id")));
      if (page.isDone()) {
        break;
      }
      page = api.queryMore(page.getNextRecordsUrl());
    }
    assertThat(sizes).containsExactly(2000, 200);
    assertThat(ids).hasSize(2200);
  }

  @Test
  void createReadUpdateAndDelete() {
    String id = api.createSObject("Account", Map.of("Name", "Conformance Traders", "Phone", "(415) 555-0100"));
    assertThat(id).startsWith("001").hasSize(18);

    Map<?, ?> read = api.getSObject("Account", id).as(Map.class);
    assertThat(read.get("Name")).isEqualTo("Conformance Traders");
    assertThat(read.get("Id")).isEqualTo(id);

    api.updateSObject("Account", id, Map.of("Phone", "(415) 555-0199", "BillingCity", "Oakland"));
    Map<?, ?> updated = api.getSObject("Account", id).as(Map.class);
    assertThat(updated.get("Phone")).isEqualTo("(415) 555-0199");
    assertThat(updated.get("BillingCity")).isEqualTo("Oakland");

    QueryResult<Map> byQuery = api.query("SELECT Id, Name, Phone FROM Account WHERE Id = '" + id + "'");
    assertThat(byQuery.getTotalSize()).isEqualTo(1);
    assertThat(byQuery.getRecords().get(0).get("Phone")).isEqualTo("(415) 555-0199");

    api.deleteSObject("Account", id);
    ApiException gone = catchThrowableOfType(ApiException.class, () -> api.getSObject("Account", id));
    assertThat(gone.getCode()).isEqualTo(404);
    assertThat(api.queryAll("SELECT Id, IsDeleted FROM Account WHERE Id = '" + id + "'", Map.class)
        .getRecords().get(0).get("IsDeleted")).isEqualTo(true);
  }

  @Test
  void upsertByExternalIdCreatesThenUpdates() {
    String qboId = "conformance-" + System.nanoTime();
    assertThat(api.createOrUpdateSObject("Account", "QBO_Id__c", qboId, Map.of("Name", "Upsert Foods")))
        .isEqualTo(CreateOrUpdateResult.CREATED);
    assertThat(api.createOrUpdateSObject("Account", "QBO_Id__c", qboId, Map.of("Name", "Upsert Foods Inc")))
        .isEqualTo(CreateOrUpdateResult.UPDATED);

    Map<?, ?> record = api.get("/sobjects/Account/QBO_Id__c/" + qboId).as(Map.class);
    assertThat(record.get("Name")).isEqualTo("Upsert Foods Inc");
    assertThat(api.query("SELECT Id FROM Account WHERE QBO_Id__c = '" + qboId + "'").getTotalSize()).isEqualTo(1);
  }

  @Test
  void supportedVersionsAndIdentity() {
    assertThat(api.getSupportedVersions()).extracting(ExtendedApiVersion::getVersionString)
        .contains(Sandbox.SALESFORCE_API_VERSION);
    // getIdentity reads "identity" from the resource directory, then GETs that URL with the session.
    Identity me = api.getIdentity();
    assertThat(me.getUserId()).startsWith("005").hasSize(18);
    assertThat(me.getOrganizationId()).startsWith("00D").hasSize(18);
    assertThat(me.getUsername()).contains("@");
    assertThat(me.getUrls()).containsKey("rest");
  }

  @Test
  void describeAndDescribeGlobal() {
    DescribeGlobal global = api.describeGlobal();
    assertThat(global.getSObjects()).extracting(com.force.api.DescribeSObjectBasic::getName)
        .contains("Account", "Product2", "Opportunity", "Invoice__c");

    DescribeSObject account = api.describeSObject("Account");
    assertThat(account.getName()).isEqualTo("Account");
    assertThat(account.getKeyPrefix()).isEqualTo("001");
    DescribeSObject.Field qboId = account.getFields().stream().filter(f -> f.getName().equals("QBO_Id__c")).findFirst()
        .orElseThrow();
    assertThat(qboId.isExternalId()).isTrue();
    assertThat(account.getRequiredFieldsForCreateUpdate()).extracting(DescribeSObject.Field::getName).contains("Name");
  }

  @Test
  void restErrorsSurfaceAsApiExceptionWithSalesforcesErrorCode() throws Exception {
    ApiException missing = catchThrowableOfType(ApiException.class,
        () -> api.createSObject("Account", Map.of("Phone", "(415) 555-0111")));
    assertThat(missing.getCode()).isEqualTo(400);
    JsonNode errors = JSON.readTree(missing.getMessage());
    assertThat(errors.get(0).get("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(errors.get(0).get("fields")).extracting(JsonNode::asText).containsExactly("Name");

    ApiException malformed = catchThrowableOfType(ApiException.class, () -> api.query("SELECT Id FORM Account"));
    assertThat(malformed.getCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.getMessage()).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");

    ApiException unknownField = catchThrowableOfType(ApiException.class,
        () -> api.createSObject("Account", Map.of("Name", "X", "Nonexistent__c", "y")));
    assertThat(unknownField.getCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknownField.getMessage()).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
  }

  /** The library builds the authorize URL; the sandbox approves at once; the library exchanges the code. */
  private static ApiSession webServerFlow(String state) throws Exception {
    String authorizeUrl = Auth.startOAuthWebServerFlow(new AuthorizationRequest().apiConfig(config).state(state));
    HttpResponse<String> consent = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(consent.statusCode()).as(consent.body()).isEqualTo(302);
    String location = consent.headers().firstValue("Location").orElseThrow();
    Map<String, String> callback = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      callback.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    assertThat(callback).containsEntry("state", state);
    return Auth.completeOAuthWebServerFlow(new AuthorizationResponse().apiConfig(config).code(callback.get("code")));
  }
}
