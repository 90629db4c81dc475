package io.ledgerbridge.sandbox.salesforce;

import io.ledgerbridge.sandbox.FaultKind;
import io.ledgerbridge.sandbox.OutboundMessageSubscription;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.sandbox.SimulatorControl;
import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import io.ledgerbridge.sandbox.http.SimulatorServer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Salesforce simulator: login (OAuth) and instance (REST API) on one port. */
public final class SalesforceSimulator implements SimulatorControl, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SalesforceSimulator.class);

  private final SalesforceSessions sessions;
  private final JwtBearerGrant jwtBearer;
  private final SalesforceOrg org;
  private final QueryCursors cursors;
  private final ApiUsage usage;
  private final SalesforceDemoData demo;
  private final SimulatorServer server;
  private final OutboundMessages outboundMessages;
  private final SalesforceRestEndpoints rest;

  private SalesforceSimulator(SandboxOptions options, List<Filter> outerFilters) {
    this.sessions = new SalesforceSessions(options.clock(), options.salesforceSessionTtl());
    this.jwtBearer = new JwtBearerGrant(options.clock());
    this.org = new SalesforceOrg(new SalesforceSchema(), options.clock());
    this.cursors = new QueryCursors(options.clock());
    this.usage = new ApiUsage(options.clock(), options.salesforceDailyApiLimit());
    this.demo = new SalesforceDemoData(options.seed(), options.clock().instant(), options.seedCustomers());
    demo.seed(org);
    AtomicReference<String> baseUrl = new AtomicReference<>();
    Router router = new Router();
    new SalesforceOAuthEndpoints(sessions, jwtBearer, options.clock(), baseUrl::get).register(router);
    new SalesforceIdentity(sessions, baseUrl::get).register(router);
    this.rest = new SalesforceRestEndpoints(org, cursors, options.clock(), usage, baseUrl::get);
    rest.register(router);
    List<Filter> filters = new ArrayList<>(outerFilters);
    filters.add(new SalesforceRestFilter(sessions, usage));
    this.server = SimulatorServer.start("Salesforce", options.host(), options.salesforcePort(), router, filters,
        (request, otherMethod) -> (otherMethod
            ? new SalesforceException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + request.method() + "' not allowed.", null)
            : SalesforceException.notFound()).toResponse());
    baseUrl.set(server.baseUrl());
    this.outboundMessages = new OutboundMessages(options.notificationRetryDelays(), baseUrl::get);
    org.onSave(outboundMessages::saved);
  }

  /**
   * Starts the simulator with the seeded org.
   *
   * @param outerFilters filters run before Salesforce's own (fault injection, counters)
   */
  public static SalesforceSimulator start(SandboxOptions options, List<Filter> outerFilters) {
    return new SalesforceSimulator(options, outerFilters);
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * Registers the public key of the certificate uploaded to the demo connected app for the JWT bearer flow,
   * replacing any earlier one; assertions it does not verify are refused.
   */
  public void useJwtCertificateKey(PublicKey key) {
    jwtBearer.useCertificateKey(key);
  }

  /** Ends every session and refresh token: callers get INVALID_SESSION_ID / invalid_grant. */
  @Override
  public void revokeAllTokens() {
    sessions.revokeAll();
    log.info("Salesforce: all sessions revoked");
  }

  /** Back to the seeded org (standard price book, demo prospects), no cursors, bulk jobs or API usage; sessions stay valid. */
  @Override
  public void reset() {
    // Seeding is not an edit anyone made: no outbound messages for it.
    org.onSave(record -> { });
    org.clear();
    org.schema().multiCurrency(java.util.List.of());
    demo.seed(org);
    org.onSave(outboundMessages::saved);
    cursors.clear();
    rest.reset();
    usage.reset();
  }

  /**
   * How Salesforce answers an injected fault: UNKNOWN_EXCEPTION for a 500, SERVER_UNAVAILABLE for a 503,
   * since Salesforce does not send 429, 403 REQUEST_LIMIT_EXCEEDED (without Retry-After, as Salesforce) for
   * THROTTLED, and for EXPIRED_TOKEN 401 INVALID_SESSION_ID after ending the session presented. Null for an
   * EXPIRED_TOKEN on a call that carries no live session (OAuth endpoints), which then goes through.
   */
  public Response injectedFault(FaultKind kind, Request request) {
    return switch (kind) {
      case SERVER_ERROR -> new SalesforceException(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please "
          + "include this ErrorId if you contact support: 1848295021-18765 (-1183727381)", null).toResponse();
      case UNAVAILABLE -> new SalesforceException(503, "SERVER_UNAVAILABLE", "maintenance", null).toResponse();
      case THROTTLED -> new SalesforceException(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.",
          null).toResponse();
      case EXPIRED_TOKEN -> endSession(request);
      default -> throw new IllegalArgumentException(kind + " has no response");
    };
  }

  private Response endSession(Request request) {
    String session = BasicAuth.bearerToken(request);
    if (!SalesforceRestFilter.isRestCall(request) || !sessions.isLive(session)) {
      return null;
    }
    sessions.revoke(session);
    return SalesforceRestFilter.invalidSession();
  }

  /** Changes the daily API allocation ({@code DailyApiRequests.Max}). */
  public void setDailyApiLimit(long limit) {
    usage.setLimit(limit);
  }

  /** Multi-currency on with these ISO codes (the first the corporate currency), or off when there are none. */
  public void setCurrencies(java.util.List<String> isoCodes) {
    org.schema().multiCurrency(isoCodes);
  }

  @Override
  public java.util.Map<String, Long> callCounts() {
    return server.callCounts();
  }

  @Override
  public void resetCallCounts() {
    server.resetCallCounts();
  }

  /** Adds or replaces the outbound message of the subscription's object. */
  public void subscribeOutboundMessages(OutboundMessageSubscription subscription) {
    SObjectType type = org.schema().type(subscription.objectName());
    if (type == null) {
      throw new IllegalArgumentException("No object " + subscription.objectName());
    }
    outboundMessages.subscribe(type, subscription);
  }

  public void unsubscribeOutboundMessages() {
    outboundMessages.unsubscribeAll();
  }

  public java.util.Collection<OutboundMessageSubscription> outboundMessageSubscriptions() {
    return outboundMessages.subscriptions();
  }

  /** Outbound messages sent, acknowledged, attempted and abandoned. */
  public io.ledgerbridge.sandbox.http.DeliveryQueue.Stats outboundMessageStats() {
    return outboundMessages.stats();
  }

  @Override
  public void close() {
    server.close();
    outboundMessages.close();
  }
}
