package io.ledgerbridge.sandbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.intuit.ipp.core.Context;
import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.core.ServiceType;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.EmailAddress;
import com.intuit.ipp.data.EntityStatusEnum;
import com.intuit.ipp.data.Error;
import com.intuit.ipp.data.Fault;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Item;
import com.intuit.ipp.data.Line;
import com.intuit.ipp.data.LineDetailTypeEnum;
import com.intuit.ipp.data.LinkedTxn;
import com.intuit.ipp.data.OperationEnum;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.data.ReferenceType;
import com.intuit.ipp.data.SalesItemLineDetail;
import com.intuit.ipp.exception.AuthenticationException;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.interceptors.HTTPURLConnectionInterceptor;
import com.intuit.ipp.security.OAuth2Authorizer;
import com.intuit.ipp.services.BatchOperation;
import com.intuit.ipp.services.CDCQueryResult;
import com.intuit.ipp.services.DataService;
import com.intuit.ipp.services.QueryResult;
import com.intuit.ipp.util.Config;
import com.intuit.oauth2.client.OAuth2PlatformClient;
import com.intuit.oauth2.config.OAuth2Config;
import com.intuit.oauth2.config.Scope;
import com.intuit.oauth2.data.BearerTokenResponse;
import com.intuit.oauth2.data.PlatformResponse;
import com.intuit.oauth2.exception.OAuthException;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intuit's official Java SDK ({@code ipp-v3-java-devkit} with {@code oauth2-platform-api}), unchanged, pointed at
 * the sandbox: the OAuth client through the discovery document, the DataService through
 * {@code Config.BASE_URL_QBO}. Everything else (gzip request bodies, the {@code requestid} and
 * {@code minorversion} the SDK appends, its JSON deserialisers and fault mapping) is the SDK's own.
 *
 * <p>The SDK's default transport (Apache HttpClient) drops the port of the base URL and always connects to
 * the scheme's default port, as it can afford to against Intuit's hosts. So the sandbox's QBO side listens on
 * port 80 of a loopback address of its own (127.x.y.z, so parallel runs do not collide). Where port 80 cannot
 * be bound (no root), the test takes an ephemeral port and the SDK's other transport, {@code HttpURLConnection},
 * chosen through the SDK's own {@code Config.HTTP_TRANSPORT} setting, which keeps the port.
 */
class IntuitJavaSdkConformanceTest {
  private static final String REDIRECT_URI = "http://localhost:8080/oauth/qbo/callback";
  private static final int CUSTOMERS = 60;
  private static final MutableClock clock = new MutableClock(Instant.now());
  private static Sandbox sandbox;
  /** Null for the SDK's default transport. */
  private static String httpTransport;
  private static OAuth2PlatformClient oauth;
  private static OAuth2Config oauthConfig;
  private static String accessToken;
  private static String realmId;

  @BeforeAll
  static void connect() throws Exception {
    // Throttles off: the SDK calls in quick bursts here and QBO's 10/s would answer some with 429.
    sandbox = startReachableBySdk(SandboxOptions.defaults().withSeedCustomers(CUSTOMERS).withClock(clock)
        .withoutQboRateLimits());
    oauthConfig = new OAuth2Config.OAuth2ConfigBuilder(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET)
        .callDiscoveryAPI(sandbox.quickBooksUrl() + "/.well-known/openid_sandbox_configuration/")
        .buildConfig();
    oauth = new OAuth2PlatformClient(oauthConfig);
    Map<String, String> callback = consent(oauthConfig.prepareUrl(List.of(Scope.Accounting), REDIRECT_URI, "csrf-1"));
    realmId = callback.get("realmId");
    accessToken = oauth.retrieveBearerTokens(callback.get("code"), REDIRECT_URI).getAccessToken();
  }

  /** Port 80 on a loopback address of its own, or else an ephemeral port and the HttpURLConnection transport. */
  private static Sandbox startReachableBySdk(SandboxOptions options) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String host = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    try {
      return Sandbox.start(options.withHost(host).withPorts(80, 0));
    } catch (UncheckedIOException cannotBind) {
      Sandbox started = Sandbox.start(options.withPorts(0, 0));
      httpTransport = HTTPURLConnectionInterceptor.HTTP_URL_CONNECTION;
      System.out.println("IntuitJavaSdkConformanceTest: port 80 unavailable (" + cannotBind.getCause()
          + "); using the SDK's HttpURLConnection transport on " + started.quickBooksUrl());
      return started;
    }
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Config is per thread in the SDK; JUnit runs each test on the thread that ran this. */
  @BeforeEach
  void pointTheSdkAtTheSandbox() {
    Config.setProperty(Config.BASE_URL_QBO, sandbox.quickBooksUrl() + "/v3/company");
    if (httpTransport != null) {
      Config.setProperty(Config.HTTP_TRANSPORT, httpTransport);
    }
  }

  @Test
  void oauthClientDiscoversTheEndpointsExchangesTheCodeAndRefreshes() throws Exception {
    assertThat(oauthConfig.getIntuitAuthorizationEndpoint()).isEqualTo(sandbox.quickBooksUrl() + "/connect/oauth2");
    assertThat(oauthConfig.getIntuitBearerTokenEndpoint()).isEqualTo(sandbox.quickBooksUrl() + "/oauth2/v1/tokens/bearer");

    Map<String, String> callback = consent(oauthConfig.prepareUrl(List.of(Scope.Accounting), REDIRECT_URI, "csrf-2"));
    assertThat(callback).containsEntry("state", "csrf-2").containsEntry("realmId", Sandbox.DEMO_REALM_ID);
    BearerTokenResponse tokens = oauth.retrieveBearerTokens(callback.get("code"), REDIRECT_URI);
    assertThat(tokens.getTokenType()).isEqualToIgnoringCase("bearer");
    assertThat(tokens.getExpiresIn()).isEqualTo(3600L);
    assertThat(tokens.getXRefreshTokenExpiresIn()).isPositive();
    assertThat(tokens.getIntuit_tid()).isNotBlank();

    BearerTokenResponse refreshed = oauth.refreshToken(tokens.getRefreshToken());
    assertThat(refreshed.getAccessToken()).isNotBlank().isNotEqualTo(tokens.getAccessToken());
    assertThat(refreshed.getRefreshToken()).isNotEqualTo(tokens.getRefreshToken());
    Customer one = new Customer();
    one.setId("1");
    assertThat(service(refreshed.getAccessToken()).findById(one).getId()).isEqualTo("1");

    // Rotation: the refresh token just used is dead (the sandbox's default grace is zero).
    OAuthException dead = catchThrowableOfType(OAuthException.class, () -> oauth.refreshToken(tokens.getRefreshToken()));
    assertThat(dead.getStatusCode()).isEqualTo("400");
    assertThat(dead.getResponseContent()).contains("invalid_grant");

    // A used authorization code cannot be exchanged again.
    OAuthException reused = catchThrowableOfType(OAuthException.class,
        () -> oauth.retrieveBearerTokens(callback.get("code"), REDIRECT_URI));
    assertThat(reused.getStatusCode()).isEqualTo("400");

    PlatformResponse revoked = oauth.revokeToken(refreshed.getRefreshToken());
    assertThat(revoked.getStatus()).isEqualTo("SUCCESS");
    OAuthException afterRevoke = catchThrowableOfType(OAuthException.class,
        () -> oauth.refreshToken(refreshed.getRefreshToken()));
    assertThat(afterRevoke.getStatusCode()).isEqualTo("400");
  }

  @Test
  void findAllAndExecuteQueryPageThroughTheCompany() throws Exception {
    DataService service = service(accessToken);

    // Other tests add customers, so the count comes from the company itself.
    QueryResult count = service.executeQuery("SELECT COUNT(*) FROM Customer");
    int total = count.getTotalCount();
    assertThat(total).isBetween(CUSTOMERS, 99);

    List<Customer> all = service.findAll(new Customer());
    assertThat(all).hasSize(total);
    assertThat(all).allSatisfy(customer -> {
      assertThat(customer.getId()).matches("\\d+");
      assertThat(customer.getSyncToken()).isNotBlank();
      assertThat(customer.getDisplayName()).isNotBlank();
      assertThat(customer.getMetaData().getLastUpdatedTime()).isNotNull();
    });
    assertThat(service.findAll(new Item())).isNotEmpty().allSatisfy(item -> assertThat(item.getName()).isNotBlank());

    Set<String> seen = new HashSet<>();
    List<Integer> pageSizes = new ArrayList<>();
    int start = 1;
    while (true) {
      QueryResult page = service.executeQuery("SELECT * FROM Customer ORDERBY Id STARTPOSITION " + start + " MAXRESULTS 25");
      List<? extends IEntity> entities = page.getEntities();
      if (entities == null || entities.isEmpty()) {
        break;
      }
      assertThat(page.getStartPosition()).isEqualTo(start);
      assertThat(page.getMaxResults()).isEqualTo(entities.size());
      pageSizes.add(entities.size());
      entities.forEach(entity -> seen.add(((Customer) entity).getId()));
      start += entities.size();
    }
    assertThat(pageSizes).hasSize((total + 24) / 25);
    assertThat(pageSizes.subList(0, pageSizes.size() - 1)).containsOnly(25);
    assertThat(seen).hasSize(total);

    // A query over 200 characters goes as POST with the text as body (application/text).
    String longQuery = "SELECT * FROM Customer WHERE Active = true AND DisplayName LIKE '%' "
        + "AND Id IN ('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', "
        + "'19', '20') ORDERBY Id MAXRESULTS 5";
    assertThat(longQuery).hasSizeGreaterThan(200);
    assertThat(service.executeQuery(longQuery).getEntities()).hasSize(5);
  }

  @Test
  void addUpdateWithSyncTokenAndTheStaleTokenFault() throws Exception {
    DataService service = service(accessToken);
    Customer draft = new Customer();
    draft.setDisplayName("Conformance Kites " + System.nanoTime());
    draft.setGivenName("Kit");
    draft.setFamilyName("Flyer");
    EmailAddress email = new EmailAddress();
    email.setAddress("kit@kites.example.com");
    draft.setPrimaryEmailAddr(email);

    Customer created = service.add(draft);
    assertThat(created.getId()).matches("\\d+");
    assertThat(created.getSyncToken()).isEqualTo("0");
    assertThat(created.getPrimaryEmailAddr().getAddress()).isEqualTo("kit@kites.example.com");
    assertThat(created.isActive()).isTrue();

    created.setCompanyName("Kites Unlimited");
    Customer updated = service.update(created);
    assertThat(updated.getSyncToken()).isEqualTo("1");
    assertThat(updated.getCompanyName()).isEqualTo("Kites Unlimited");

    Customer byId = new Customer();
    byId.setId(created.getId());
    Customer read = service.findById(byId);
    assertThat(read.getSyncToken()).isEqualTo("1");
    assertThat(read.getCompanyName()).isEqualTo("Kites Unlimited");
    assertThat(read.getGivenName()).isEqualTo("Kit");

    // A sparse update changes only what it sends.
    Customer sparse = new Customer();
    sparse.setId(created.getId());
    sparse.setSyncToken(updated.getSyncToken());
    sparse.setSparse(true);
    sparse.setNotes("Prefers email");
    Customer afterSparse = service.update(sparse);
    assertThat(afterSparse.getSyncToken()).isEqualTo("2");
    assertThat(afterSparse.getNotes()).isEqualTo("Prefers email");
    assertThat(afterSparse.getCompanyName()).isEqualTo("Kites Unlimited");
    assertThat(afterSparse.getPrimaryEmailAddr().getAddress()).isEqualTo("kit@kites.example.com");

    created.setSyncToken("1");
    created.setCompanyName("Too Late Ltd");
    FMSException stale = catchThrowableOfType(FMSException.class, () -> service.update(created));
    assertThat(codes(stale)).containsExactly("5010");
    assertThat(service.findById(byId).getCompanyName()).isEqualTo("Kites Unlimited");
  }

  @Test
  void duplicateDisplayNameIsFault6240() throws Exception {
    DataService service = service(accessToken);
    Customer first = service.findAll(new Customer()).get(0);
    Customer twin = new Customer();
    twin.setDisplayName(first.getDisplayName());

    FMSException duplicate = catchThrowableOfType(FMSException.class, () -> service.add(twin));
    assertThat(codes(duplicate)).containsExactly("6240");
    assertThat(duplicate.getErrorList().get(0).getMessage()).isEqualTo("Duplicate Name Exists Error");
  }

  @Test
  void invoicePaymentVoidAndDeleteKeepTheBalance() throws Exception {
    DataService service = service(accessToken);
    Customer customer = new Customer();
    customer.setDisplayName("Conformance Invoicing " + System.nanoTime());
    customer = service.add(customer);
    Item item = service.findAll(new Item()).get(0);

    Invoice invoice = new Invoice();
    invoice.setCustomerRef(reference(customer.getId()));
    Line line = new Line();
    line.setAmount(new BigDecimal("150.00"));
    line.setDetailType(LineDetailTypeEnum.SALES_ITEM_LINE_DETAIL);
    SalesItemLineDetail detail = new SalesItemLineDetail();
    detail.setItemRef(reference(item.getId()));
    detail.setQty(new BigDecimal("3"));
    detail.setUnitPrice(new BigDecimal("50.00"));
    line.setSalesItemLineDetail(detail);
    invoice.setLine(List.of(line));
    Invoice savedInvoice = service.add(invoice);
    assertThat(savedInvoice.getTotalAmt()).isEqualByComparingTo("150.00");
    assertThat(savedInvoice.getBalance()).isEqualByComparingTo("150.00");
    assertThat(savedInvoice.getDocNumber()).isNotBlank();

    Payment payment = new Payment();
    payment.setCustomerRef(reference(customer.getId()));
    payment.setTotalAmt(new BigDecimal("100.00"));
    Line paymentLine = new Line();
    paymentLine.setAmount(new BigDecimal("100.00"));
    LinkedTxn linked = new LinkedTxn();
    linked.setTxnId(savedInvoice.getId());
    linked.setTxnType("Invoice");
    paymentLine.setLinkedTxn(List.of(linked));
    payment.setLine(List.of(paymentLine));
    Payment savedPayment = service.add(payment);
    assertThat(savedPayment.getTotalAmt()).isEqualByComparingTo("100.00");

    Invoice byId = new Invoice();
    byId.setId(savedInvoice.getId());
    Invoice afterPayment = service.findById(byId);
    assertThat(afterPayment.getBalance()).isEqualByComparingTo("50.00");

    // voidRequest posts the entity with include=void; the payment's amount goes back on the invoice.
    Payment voided = service.voidRequest(savedPayment);
    assertThat(voided.getTotalAmt()).isEqualByComparingTo("0");
    assertThat(voided.getPrivateNote()).contains("Voided");
    Invoice afterVoid = service.findById(byId);
    assertThat(afterVoid.getBalance()).isEqualByComparingTo("150.00");

    Invoice deleted = service.delete(afterVoid);
    assertThat(deleted.getStatus()).isEqualTo(EntityStatusEnum.DELETED);
    FMSException gone = catchThrowableOfType(FMSException.class, () -> service.findById(byId));
    assertThat(codes(gone)).containsExactly("610");
  }

  /** Spelled out: OffsetDateTime.toString() drops ":00" seconds, which the SDK then cannot parse. */
  private static String changedSince(OffsetDateTime at) {
    return at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx"));
  }

  @Test
  void batchRunsEachItemOnItsOwn() throws Exception {
    DataService service = service(accessToken);
    String existingName = service.findAll(new Customer()).get(1).getDisplayName();
    String since = changedSince(OffsetDateTime.now(clock).minusHours(1));

    BatchOperation batch = new BatchOperation();
    Customer fresh = new Customer();
    fresh.setDisplayName("Conformance Batch " + System.nanoTime());
    batch.addEntity(fresh, OperationEnum.CREATE, "create");
    Customer twin = new Customer();
    twin.setDisplayName(existingName);
    batch.addEntity(twin, OperationEnum.CREATE, "twin");
    batch.addQuery("SELECT * FROM Customer ORDERBY Id MAXRESULTS 3", "query");
    batch.addCDCQuery(List.of(new Customer()), since, "cdc");
    service.executeBatch(batch);

    assertThat(batch.isEntity("create")).isTrue();
    Customer created = (Customer) batch.getEntity("create");
    assertThat(created.getId()).matches("\\d+");
    assertThat(created.getDisplayName()).isEqualTo(fresh.getDisplayName());

    assertThat(batch.isFault("twin")).isTrue();
    Fault fault = batch.getFault("twin");
    assertThat(fault.getError()).extracting(Error::getCode).containsExactly("6240");

    assertThat(batch.isQuery("query")).isTrue();
    assertThat(batch.getQueryResponse("query").getEntities()).hasSize(3);

    assertThat(batch.isCDCQuery("cdc")).isTrue();
    QueryResult changedCustomers = batch.getCDCQueryResult("cdc").getQueryResults().get("Customer");
    assertThat(changedCustomers).isNotNull();
  }

  @Test
  void changeDataCaptureListsWhatChangedSince() throws Exception {
    DataService service = service(accessToken);
    clock.advance(Duration.ofMinutes(5));
    String since = changedSince(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(-7)));
    clock.advance(Duration.ofSeconds(30));
    Customer customer = new Customer();
    customer.setDisplayName("Conformance CDC " + System.nanoTime());
    Customer created = service.add(customer);

    List<CDCQueryResult> results = service.executeCDCQuery(List.of(new Customer(), new Invoice()), since);
    assertThat(results).hasSize(1);
    Map<String, QueryResult> byEntity = results.get(0).getQueryResults();
    assertThat(byEntity).containsKey("Customer");
    List<String> ids = new ArrayList<>();
    byEntity.get("Customer").getEntities().forEach(entity -> ids.add(((Customer) entity).getId()));
    assertThat(ids).contains(created.getId());
  }

  @Test
  void expiredAccessTokenSurfacesAsAnSdkException() throws Exception {
    Map<String, String> callback = consent(oauthConfig.prepareUrl(List.of(Scope.Accounting), REDIRECT_URI, "csrf-3"));
    String token = oauth.retrieveBearerTokens(callback.get("code"), REDIRECT_URI).getAccessToken();
    DataService service = service(token);
    clock.advance(Duration.ofHours(2));
    try {
      Customer one = new Customer();
      one.setId("1");
      // The gateway's lower-camel 401 body (reference §4.3) is read by the SDK into its AuthenticationException.
      AuthenticationException expired = catchThrowableOfType(AuthenticationException.class, () -> service.findById(one));
      assertThat(codes(expired)).containsExactly("3200");
      assertThat(expired.getErrorList().get(0).getDetail()).startsWith("Token expired");
    } finally {
      // Later tests connect again with the moved clock; nothing else depends on wall time.
      accessToken = oauth.retrieveBearerTokens(
          consent(oauthConfig.prepareUrl(List.of(Scope.Accounting), REDIRECT_URI, "csrf-4")).get("code"), REDIRECT_URI)
          .getAccessToken();
    }
  }

  @Test
  void throttledRequestsSurfaceAsTheSdksException() throws Exception {
    // QBO's real limits (10 requests a second per realm) on a clock that stands still: the eleventh call is a 429
    // with the gateway's XML fault, which the SDK reads with its JAXB deserialiser.
    try (Sandbox limited = startReachableBySdk(SandboxOptions.defaults().withSeedCustomers(3)
        .withClock(new MutableClock(Instant.parse("2026-03-02T18:00:00Z"))))) {
      OAuth2Config limitedOauth = new OAuth2Config.OAuth2ConfigBuilder(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET)
          .callDiscoveryAPI(limited.quickBooksUrl() + "/.well-known/openid_configuration").buildConfig();
      Map<String, String> callback = consent(limitedOauth.prepareUrl(List.of(Scope.Accounting), REDIRECT_URI, "t"));
      String token = new OAuth2PlatformClient(limitedOauth).retrieveBearerTokens(callback.get("code"), REDIRECT_URI)
          .getAccessToken();
      Config.setProperty(Config.BASE_URL_QBO, limited.quickBooksUrl() + "/v3/company");
      DataService service = new DataService(new Context(new OAuth2Authorizer(token), ServiceType.QBO,
          callback.get("realmId")));
      Customer one = new Customer();
      one.setId("1");
      for (int i = 0; i < 10; i++) {
        assertThat(service.findById(one).getId()).isEqualTo("1");
      }
      FMSException throttled = catchThrowableOfType(FMSException.class, () -> service.findById(one));
      assertThat(codes(throttled)).containsExactly("3001");
      assertThat(throttled.getErrorList().get(0).getMessage()).contains("ThrottleExceeded");
    } finally {
      pointTheSdkAtTheSandbox();
    }
  }

  private static DataService service(String token) throws FMSException {
    return new DataService(new Context(new OAuth2Authorizer(token), ServiceType.QBO, realmId));
  }

  private static ReferenceType reference(String id) {
    ReferenceType ref = new ReferenceType();
    ref.setValue(id);
    return ref;
  }

  private static List<String> codes(FMSException e) {
    assertThat(e).as("the SDK raised no FMSException").isNotNull();
    assertThat(e.getErrorList()).as("FMSException without Intuit errors: " + e).isNotEmpty();
    return e.getErrorList().stream().map(Error::getCode).toList();
  }

  /** The browser's part: open the authorize URL the SDK built, read the code from the redirect (no login page). */
  private static Map<String, String> consent(String authorizeUrl) throws Exception {
    HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(REDIRECT_URI + "?");
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
