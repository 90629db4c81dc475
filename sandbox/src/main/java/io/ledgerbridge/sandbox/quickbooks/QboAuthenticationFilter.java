package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.time.Clock;

/** Guards {@code /v3/company/{realmId}/...}: a live access token issued for that realm is required. */
final class QboAuthenticationFilter implements Filter {
  private final QboTokenStore tokens;
  private final Clock clock;
  private final QboTime time;

  QboAuthenticationFilter(QboTokenStore tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
    this.time = new QboTime(clock);
  }

  /** Calls under {@code /v3/company/{realmId}/}, which need an access token. */
  static boolean isApiCall(Request request) {
    return request.segments().size() >= 3 && request.segments().get(0).equals("v3")
        && request.segments().get(1).equals("company");
  }

  /** The gateway's answer to a token past its lifetime. */
  static Response tokenExpired(String token, Clock clock) {
    return gatewayUnauthorized("Token expired: " + abbreviate(token), clock);
  }

  @Override
  public Response apply(Request request, Handler next) {
    if (!isApiCall(request)) {
      return next.handle(request);
    }
    String realmId = request.segments().get(2);
    String token = BasicAuth.bearerToken(request);
    return switch (tokens.check(token, realmId)) {
      case VALID -> next.handle(request);
      case EXPIRED -> tokenExpired(token, clock);
      case UNKNOWN -> gatewayUnauthorized(token == null ? "Authorization header missing" : "Token invalid: " + abbreviate(token), clock);
      case OTHER_REALM -> otherRealm();
    };
  }

  /**
   * The gateway's 401 (reference §4.3): lower-camel keys, {@code time} in epoch millis, and all the empty
   * members the gateway serialises.
   */
  private static Response gatewayUnauthorized(String detail, Clock clock) {
    ObjectNode body = Json.object();
    body.putNull("warnings");
    body.putNull("intuitObject");
    ObjectNode fault = body.putObject("fault");
    ArrayNode errors = fault.putArray("error");
    ObjectNode error = errors.addObject();
    error.put("message", "message=AuthenticationFailed; errorCode=003200; statusCode=401");
    error.put("detail", detail);
    error.put("code", "3200");
    error.putNull("element");
    fault.put("type", "AUTHENTICATION");
    body.putNull("report");
    body.putNull("queryResponse");
    body.putArray("batchItemResponse");
    body.putArray("attachableResponse");
    body.putNull("syncErrorResponse");
    body.putNull("requestId");
    body.put("time", clock.millis());
    body.putNull("status");
    body.putArray("cdcresponse");
    return Response.json(401, body);
  }

  /** A valid token used against another company: AuthenticationFault 100 (reference §4.2). */
  private Response otherRealm() {
    QboFault fault = new QboFault(401, QboFault.AUTHENTICATION, "100", "General Authentication Error",
        "AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401", "");
    return QboApiEndpoints.faultResponse(fault, time);
  }

  private static String abbreviate(String token) {
    return token.length() > 50 ? token.substring(0, 50) : token;
  }
}
