package io.ledgerbridge.sandbox.salesforce;

import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.util.List;

/**
 * What every REST call under {@code /services/data/vXX.X} goes through: the method override
 * ({@code ?_HttpMethod=PATCH} on a POST), the session check (401 INVALID_SESSION_ID), the daily allocation
 * (403 REQUEST_LIMIT_EXCEEDED), and the {@code Sforce-Limit-Info} header. The version list
 * {@code /services/data/} needs no session and carries no usage header.
 */
final class SalesforceRestFilter implements Filter {
  private final SalesforceSessions sessions;
  private final ApiUsage usage;

  SalesforceRestFilter(SalesforceSessions sessions, ApiUsage usage) {
    this.sessions = sessions;
    this.usage = usage;
  }

  /** Calls under {@code /services/data/vXX.X/}, which need a session. */
  static boolean isRestCall(Request request) {
    List<String> segments = request.segments();
    return segments.size() >= 3 && segments.get(0).equals("services") && segments.get(1).equals("data");
  }

  static Response invalidSession() {
    return new SalesforceException(401, "INVALID_SESSION_ID", "Session expired or invalid", null).toResponse();
  }

  @Override
  public Response apply(Request request, Handler next) {
    if (!isRestCall(request)) {
      return next.handle(request);
    }
    String override = request.query("_HttpMethod");
    Request effective = "POST".equals(request.method()) && override != null ? request.withMethod(override.toUpperCase(java.util.Locale.ROOT)) : request;
    if (!sessions.isLive(BasicAuth.bearerToken(request))) {
      return invalidSession();
    }
    if (!usage.tryAcquire()) {
      return new SalesforceException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", null).toResponse()
          .header("Sforce-Limit-Info", limitInfo());
    }
    return next.handle(effective).header("Sforce-Limit-Info", limitInfo());
  }

  private String limitInfo() {
    return "api-usage=" + usage.used() + "/" + usage.limit();
  }
}
