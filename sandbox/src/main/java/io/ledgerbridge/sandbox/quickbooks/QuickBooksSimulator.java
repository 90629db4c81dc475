package io.ledgerbridge.sandbox.quickbooks;

import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.FaultKind;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.sandbox.SimulatorControl;
import io.ledgerbridge.sandbox.http.DeliveryQueue;
import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import io.ledgerbridge.sandbox.http.SimulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The QuickBooks Online simulator: OAuth and the Accounting API v3 on one port. */
public final class QuickBooksSimulator implements SimulatorControl, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuickBooksSimulator.class);

  private final Clock clock;
  private final QboTime time;
  private final QboCompanies companies;
  private final QboTokenStore tokens;
  private final QboWebhooks webhooks;
  private final QboThrottle throttle;
  private final QboIdempotency idempotency;
  private final QboMetering metering;
  /** Planned once: a reset brings back exactly the data the sandbox started with. */
  private final QboDemoData demo;
  private final SimulatorServer server;

  private QuickBooksSimulator(SandboxOptions options, List<Filter> outerFilters) {
    this.clock = options.clock();
    this.time = new QboTime(options.clock());
    this.webhooks = new QboWebhooks(options.notificationRetryDelays());
    this.companies = new QboCompanies(time, QuickBooksSimulator::entityKinds, webhooks::changed);
    this.tokens = new QboTokenStore(options.clock(), options.qboAccessTokenTtl(), options.qboRefreshTokenTtl(),
        options.qboRotatedRefreshTokenGrace());
    this.throttle = new QboThrottle(options.clock(), options.qboRequestsPerMinute(), options.qboRequestsPerSecond(),
        options.qboBatchRequestsPerMinute());
    this.idempotency = new QboIdempotency(time);
    this.metering = new QboMetering(options.clock());
    this.demo = new QboDemoData(options.seed(), time.now(), options.seedCustomers());
    seedDemoCompany();
    Router router = new Router();
    new QboOAuthEndpoints(tokens, companies, this::baseUrl).register(router);
    new QboApiEndpoints(companies, time).register(router);
    List<Filter> filters = new ArrayList<>(outerFilters);
    filters.add(QuickBooksSimulator::addTransactionId);
    filters.add(new QboAuthenticationFilter(tokens, options.clock()));
    filters.add(throttle);
    filters.add(metering);
    filters.add(idempotency);
    this.server = SimulatorServer.start("QBO", options.host(), options.quickBooksPort(), router, filters,
        (request, otherMethod) -> Response.text(otherMethod ? 405 : 404, "text/plain",
            (otherMethod ? "Method not allowed: " : "Not found: ") + request.method() + " " + request.path()));
  }

  /**
   * Starts the simulator with the demo company seeded.
   *
   * @param outerFilters filters run before QBO's own (fault injection, counters)
   */
  public static QuickBooksSimulator start(SandboxOptions options, List<Filter> outerFilters) {
    return new QuickBooksSimulator(options, outerFilters);
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** Invalidates every token and authorization code: clients must reconnect (invalid_grant) or get 401s. */
  @Override
  public void revokeAllTokens() {
    tokens.revokeAll();
    log.info("QBO: all tokens revoked");
  }

  /** Drops all companies, kept requestid responses and throttle windows, and re-seeds the demo company; tokens stay valid. */
  @Override
  public void reset() {
    companies.clear();
    idempotency.reset();
    throttle.reset();
    seedDemoCompany();
  }

  @Override
  /** Besides calls per endpoint and status, Intuit's metered classes: {@code "class CorePlus"}, per company and month too. */
  public java.util.Map<String, Long> callCounts() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>(server.callCounts());
    counts.putAll(metering.counts());
    return counts;
  }

  @Override
  public void resetCallCounts() {
    server.resetCallCounts();
    metering.reset();
  }

  /**
   * Gives a company (made if new) what it would get at sign-up: its country, which picks its tax model and
   * TaxCodes, its home currency, multi-currency on or off, and for a US company automated sales tax.
   */
  public void configureCompany(String realmId, io.ledgerbridge.sandbox.QboCompanyProfile profile) {
    companies.getOrCreate(realmId).configure(profile.country(), profile.homeCurrency(), profile.multiCurrency(),
        profile.automatedSalesTax());
  }

  /** Starts (or, with null, stops) sending webhooks for changes in every company. */
  public void subscribeWebhooks(io.ledgerbridge.sandbox.QboWebhookSubscription subscription) {
    webhooks.subscribe(subscription);
  }

  public io.ledgerbridge.sandbox.QboWebhookSubscription webhookSubscription() {
    return webhooks.subscription();
  }

  /** Webhook messages sent, acknowledged, attempted and abandoned. */
  public DeliveryQueue.Stats webhookStats() {
    return webhooks.stats();
  }

  @Override
  public void close() {
    server.close();
    webhooks.close();
  }

  /**
   * How QBO answers an injected fault: SystemFault 10000 for a 500, the gateway's plain 503, the throttle
   * fault with {@code Retry-After} for THROTTLED, and for EXPIRED_TOKEN the gateway's 401 for an expired
   * token, after expiring the token presented. Null for an EXPIRED_TOKEN on a call that carries no API token
   * (OAuth endpoints), which then goes through.
   */
  public Response injectedFault(FaultKind kind, Duration retryAfter, Request request) {
    return switch (kind) {
      case SERVER_ERROR -> QboApiEndpoints.faultResponse(QboFault.systemFault(), time);
      case UNAVAILABLE -> Response.text(503, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>");
      case THROTTLED -> QboThrottle.throttled(clock, retryAfter);
      case EXPIRED_TOKEN -> expireToken(request);
      default -> throw new IllegalArgumentException(kind + " has no response");
    };
  }

  private Response expireToken(Request request) {
    String token = BasicAuth.bearerToken(request);
    if (!QboAuthenticationFilter.isApiCall(request) || token == null || !tokens.expire(token)) {
      return null;
    }
    return QboAuthenticationFilter.tokenExpired(token, clock);
  }

  static List<EntityKind> entityKinds() {
    return List.of(new AccountKind(), new CustomerKind(), new ItemKind(), new InvoiceKind(), new PaymentKind(), new VendorKind(),
        new CreditMemoKind(), new SalesReceiptKind(), new EstimateKind(), new PreferencesKind(), new CompanyInfoKind(),
        new TaxCodeKind());
  }

  private void seedDemoCompany() {
    QboCompany company = companies.getOrCreate(Sandbox.DEMO_REALM_ID);
    company.attachSeeded(company.table("Item"), demo.items());
    company.attachSeeded(company.table("Customer"), demo.customers());
    company.attachSeeded(company.table("Invoice"), demo.invoices());
    company.attachSeeded(company.table("Payment"), demo.payments());
    company.attachSeeded(company.table("CreditMemo"), demo.creditMemos());
    company.attachSeeded(company.table("SalesReceipt"), demo.salesReceipts());
    company.attachSeeded(company.table("Estimate"), demo.estimates());
    company.attachSeeded(company.table("Vendor"), demo.vendors());
    company.noteDocNumber(QboDemoData.FIRST_DOC_NUMBER + demo.invoiceCount());
    company.noteAddressId(demo.customerCount() + demo.vendorCount());
    log.info("QBO: seeded realm {} with {} customers, {} items, {} invoices, {} payments, {} credit memos, {} sales receipts, {} estimates, {} vendors",
        Sandbox.DEMO_REALM_ID, demo.customerCount(), demo.itemCount(), demo.invoiceCount(), demo.paymentCount(),
        demo.formCount(QboDemoData.CREDIT_MEMOS), demo.formCount(QboDemoData.SALES_RECEIPTS),
        demo.formCount(QboDemoData.ESTIMATES), demo.vendorCount());
  }

  /** Every QBO response carries an {@code intuit_tid} to quote to Intuit support. */
  private static Response addTransactionId(io.ledgerbridge.sandbox.http.Request request,
      io.ledgerbridge.sandbox.http.Handler next) {
    byte[] random = new byte[16];
    ThreadLocalRandom.current().nextBytes(random);
    String hex = HexFormat.of().formatHex(random);
    return next.handle(request).header("intuit_tid", "1-" + hex.substring(0, 8) + "-" + hex.substring(8));
  }
}
