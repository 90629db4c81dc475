package io.ledgerbridge.sandbox.salesforce;

import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Router;
import io.ledgerbridge.sandbox.http.SimulatorServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Salesforce simulator: login (OAuth) and instance (REST API) on one port. */
public final class SalesforceSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SalesforceSimulator.class);

  private final SalesforceSessions sessions;
  private final SalesforceOrg org;
  private final QueryCursors cursors;
  private final ApiUsage usage;
  private final SimulatorServer server;

  private SalesforceSimulator(SandboxOptions options, List<Filter> outerFilters) {
    this.sessions = new SalesforceSessions(options.clock(), options.salesforceSessionTtl());
    this.org = new SalesforceOrg(new SalesforceSchema(), options.clock());
    this.cursors = new QueryCursors(options.clock());
    this.usage = new ApiUsage(options.clock(), options.salesforceDailyApiLimit());
    AtomicReference<String> baseUrl = new AtomicReference<>();
    Router router = new Router();
    new SalesforceOAuthEndpoints(sessions, options.clock(), baseUrl::get).register(router);
    new SalesforceRestEndpoints(org, cursors, options.clock(), usage).register(router);
    List<Filter> filters = new ArrayList<>(outerFilters);
    filters.add(new SalesforceRestFilter(sessions, usage));
    this.server = SimulatorServer.start("Salesforce", options.host(), options.salesforcePort(), router, filters,
        (request, otherMethod) -> (otherMethod
            ? new SalesforceException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + request.method() + "' not allowed.", null)
            : SalesforceException.notFound()).toResponse());
    baseUrl.set(server.baseUrl());
  }

  /**
   * Starts the simulator with an empty org.
   *
   * @param outerFilters filters run before Salesforce's own (fault injection, counters)
   */
  public static SalesforceSimulator start(SandboxOptions options, List<Filter> outerFilters) {
    return new SalesforceSimulator(options, outerFilters);
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** Ends every session and refresh token: callers get INVALID_SESSION_ID / invalid_grant. */
  public void revokeAllTokens() {
    sessions.revokeAll();
    log.info("Salesforce: all sessions revoked");
  }

  /** Empties the org and its cursors and resets API usage; sessions stay valid. */
  public void reset() {
    org.clear();
    cursors.clear();
    usage.reset();
  }

  /** Changes the daily API allocation ({@code DailyApiRequests.Max}). */
  public void setDailyApiLimit(long limit) {
    usage.setLimit(limit);
  }

  @Override
  public void close() {
    server.close();
  }
}
