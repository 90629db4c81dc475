package io.ledgerbridge.sandbox;

import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.oidc.OidcProviderSimulator;
import io.ledgerbridge.sandbox.quickbooks.QuickBooksSimulator;
import io.ledgerbridge.sandbox.salesforce.SalesforceSimulator;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local QuickBooks Online and Salesforce simulators, speaking the real wire formats, with demo data, and an
 * OpenID Connect provider for signing in to LedgerBridge (on a free port).
 * Binds the host of {@link SandboxOptions} (loopback by default). Thread-safe.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0))) {
 *   String qbo = sandbox.quickBooksUrl();   // OAuth: /connect/oauth2, /oauth2/v1/tokens/bearer; API: /v3/company/...
 *   String sf = sandbox.salesforceUrl();    // OAuth: /services/oauth2/token; API: /services/data/v62.0/...
 *   sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withRate(FaultKind.THROTTLED, 0.2));
 * }
 * }</pre>
 *
 * Each port also serves the admin API described in {@link AdminEndpoints} under {@code /__sandbox/}.
 */
public final class Sandbox implements AutoCloseable {
  public static final String DEMO_REALM_ID = "9130357766001001";
  public static final String QBO_CLIENT_ID = "ledgerbridge-demo-qbo";
  public static final String QBO_CLIENT_SECRET = "demo-qbo-secret";
  public static final String SALESFORCE_CLIENT_ID = "ledgerbridge-demo-sf";
  public static final String SALESFORCE_CLIENT_SECRET = "demo-sf-secret";
  public static final String SALESFORCE_API_VERSION = "v62.0";
  /** The demo org's one user, whom the JWT bearer flow's {@code sub} must name. */
  public static final String SALESFORCE_USERNAME = "integration@ledgerbridge-sandbox.example.com";
  /** The demo QuickBooks app's webhooks verifier token: the key of each webhook's {@code intuit-signature}. */
  public static final String QBO_WEBHOOK_VERIFIER_TOKEN = "demo-qbo-webhook-verifier";
  /** The secret the demo org's outbound messages carry in their URL, as an admin sets them up. */
  public static final String SALESFORCE_NOTIFICATION_TOKEN = "demo-sf-notification-token";

  private final SandboxOptions options;
  private final QuickBooksSimulator quickBooks;
  private final SalesforceSimulator salesforce;
  private final Map<SandboxApi, FaultInjectionFilter> faults;
  private final OidcProviderSimulator oidcProvider;

  private Sandbox(SandboxOptions options, QuickBooksSimulator quickBooks, SalesforceSimulator salesforce,
      Map<SandboxApi, FaultInjectionFilter> faults, OidcProviderSimulator oidcProvider) {
    this.options = options;
    this.quickBooks = quickBooks;
    this.salesforce = salesforce;
    this.faults = faults;
    this.oidcProvider = oidcProvider;
  }

  /** Starts the simulators; if a later one cannot bind, the earlier ones are stopped again. */
  public static Sandbox start(SandboxOptions options) {
    // The filters are built before the simulators they run in front of; no fault is injected before both
    // have started (injection starts switched off), so the simulators are always there when one is.
    AtomicReference<QuickBooksSimulator> startedQuickBooks = new AtomicReference<>();
    AtomicReference<SalesforceSimulator> startedSalesforce = new AtomicReference<>();
    Map<SandboxApi, FaultInjectionFilter> faults = new EnumMap<>(SandboxApi.class);
    faults.put(SandboxApi.QUICKBOOKS, new FaultInjectionFilter("QBO",
        (kind, injection, request) -> startedQuickBooks.get().injectedFault(kind, injection.retryAfter(), request)));
    faults.put(SandboxApi.SALESFORCE, new FaultInjectionFilter("Salesforce",
        (kind, injection, request) -> startedSalesforce.get().injectedFault(kind, request)));
    AdminEndpoints quickBooksAdmin = new AdminEndpoints(faults.get(SandboxApi.QUICKBOOKS));
    AdminEndpoints salesforceAdmin = new AdminEndpoints(faults.get(SandboxApi.SALESFORCE));
    QuickBooksSimulator quickBooks = QuickBooksSimulator.start(options,
        List.<Filter>of(quickBooksAdmin, faults.get(SandboxApi.QUICKBOOKS)));
    SalesforceSimulator salesforce = null;
    try {
      salesforce = SalesforceSimulator.start(options,
          List.<Filter>of(salesforceAdmin, faults.get(SandboxApi.SALESFORCE)));
      OidcProviderSimulator oidcProvider = OidcProviderSimulator.start(options.host(), 0, options.clock());
      startedQuickBooks.set(quickBooks);
      startedSalesforce.set(salesforce);
      NotificationAdmin.register(quickBooksAdmin, quickBooks);
      NotificationAdmin.register(salesforceAdmin, salesforce);
      ConnectedAppAdmin.register(salesforceAdmin, salesforce);
      CurrencyAndTaxAdmin.register(quickBooksAdmin, quickBooks, salesforceAdmin, salesforce);
      quickBooksAdmin.bind(quickBooks);
      salesforceAdmin.bind(salesforce);
      return new Sandbox(options, quickBooks, salesforce, faults, oidcProvider);
    } catch (RuntimeException e) {
      if (salesforce != null) {
        salesforce.close();
      }
      quickBooks.close();
      throw e;
    }
  }

  public SandboxOptions options() {
    return options;
  }

  /** Base URL of the QBO API and its OAuth endpoints, e.g. {@code http://127.0.0.1:9101}. */
  public String quickBooksUrl() {
    return quickBooks.baseUrl();
  }

  /** Base URL of Salesforce login and instance, e.g. {@code http://127.0.0.1:9102}. */
  public String salesforceUrl() {
    return salesforce.baseUrl();
  }

  /** The OpenID Connect provider people can sign in to LedgerBridge with; its issuer is its base URL. */
  public OidcProviderSimulator oidcProvider() {
    return oidcProvider;
  }

  /** Invalidates every QBO and Salesforce token, as if each user disconnected the app. */
  public void revokeTokens() {
    quickBooks.revokeAllTokens();
    salesforce.revokeAllTokens();
  }

  /**
   * Back to the seeded state: QBO and Salesforce demo data re-seeded, counters zeroed, faults cleared,
   * webhook and outbound-message subscriptions removed; tokens stay valid.
   */
  public void reset() {
    quickBooks.subscribeWebhooks(null);
    salesforce.unsubscribeOutboundMessages();
    for (SandboxApi api : SandboxApi.values()) {
      control(api).reset();
      control(api).resetCallCounts();
      faults.get(api).set(FaultInjection.none());
    }
  }

  /** Replaces the fault injection of one API; {@link FaultInjection#none()} switches it off. */
  public void injectFaults(SandboxApi api, FaultInjection injection) {
    faults.get(api).set(injection);
  }

  public FaultInjection faults(SandboxApi api) {
    return faults.get(api).current();
  }

  /** Calls received per endpoint and per status since start or the last reset; see {@link SimulatorControl#callCounts()}. */
  public Map<String, Long> callCounts(SandboxApi api) {
    return control(api).callCounts();
  }

  public void resetCallCounts() {
    quickBooks.resetCallCounts();
    salesforce.resetCallCounts();
  }

  /** Sends QBO webhooks for every change from now on; null stops them. */
  public void subscribeQboWebhooks(QboWebhookSubscription subscription) {
    quickBooks.subscribeWebhooks(subscription);
  }

  /** Adds or replaces the Salesforce outbound message of one object. */
  public void subscribeOutboundMessages(OutboundMessageSubscription subscription) {
    salesforce.subscribeOutboundMessages(subscription);
  }

  public void unsubscribeOutboundMessages() {
    salesforce.unsubscribeOutboundMessages();
  }

  /**
   * Registers the public key of the certificate on the demo connected app (Salesforce: "Use digital signatures"),
   * which verifies JWT bearer assertions; until then every assertion is refused as {@code invalid assertion}.
   */
  public void useSalesforceJwtCertificateKey(PublicKey key) {
    salesforce.useJwtCertificateKey(key);
  }

  /** Changes the Salesforce daily API allocation at run time (403 REQUEST_LIMIT_EXCEEDED once used up). */
  public void setSalesforceDailyApiLimit(long limit) {
    salesforce.setDailyApiLimit(limit);
  }

  /**
   * Sets up a QuickBooks company (made if new) as at sign-up: country, home currency, multi-currency, automated
   * sales tax. Every company starts as {@link QboCompanyProfile#us()}, and a reset brings that back.
   */
  public void configureQboCompany(String realmId, QboCompanyProfile profile) {
    quickBooks.configureCompany(realmId, profile);
  }

  /**
   * Turns the Salesforce org's multi-currency on with these ISO codes, the first its corporate currency: every
   * object then has {@code CurrencyIsoCode}, a picklist of them. An empty list turns it off (no object has the
   * field), as every org starts and a reset brings back.
   */
  public void setSalesforceCurrencies(java.util.List<String> isoCodes) {
    salesforce.setCurrencies(isoCodes);
  }

  @Override
  public void close() {
    try {
      oidcProvider.close();
      salesforce.close();
    } finally {
      quickBooks.close();
    }
  }

  private SimulatorControl control(SandboxApi api) {
    return api == SandboxApi.QUICKBOOKS ? quickBooks : salesforce;
  }
}
