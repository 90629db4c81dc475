package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salesforce's OAuth endpoints (reference §1) on the sandbox port, which is both login host and My Domain:
 * the client-credentials flow, the web-server flow (authorize approves at once), refresh, the JWT bearer flow
 * ({@link JwtBearerGrant}, the sandbox's own URL being the audience), and revoke.
 */
final class SalesforceOAuthEndpoints {
  private final SalesforceSessions sessions;
  private final JwtBearerGrant jwtBearer;
  private final Clock clock;
  private final Supplier<String> baseUrl;

  SalesforceOAuthEndpoints(SalesforceSessions sessions, JwtBearerGrant jwtBearer, Clock clock, Supplier<String> baseUrl) {
    this.sessions = sessions;
    this.jwtBearer = jwtBearer;
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  void register(Router router) {
    router.add("GET", "/services/oauth2/authorize", this::authorize);
    router.add("POST", "/services/oauth2/token", this::token);
    router.add("POST", "/services/oauth2/revoke", this::revoke);
  }

  private Response authorize(Request request) {
    String redirectUri = request.query("redirect_uri");
    if (!Sandbox.SALESFORCE_CLIENT_ID.equals(request.query("client_id")) || redirectUri == null) {
      return Response.text(400, "text/plain", "error=invalid_client_id&error_description=client identifier invalid");
    }
    StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
    if (!"code".equals(request.query("response_type"))) {
      location.append("error=unsupported_response_type&error_description=response%20type%20not%20supported");
    } else {
      location.append("code=").append(encode(sessions.newAuthorizationCode(Sandbox.SALESFORCE_CLIENT_ID, redirectUri)));
    }
    String state = request.query("state");
    if (state != null) {
      location.append("&state=").append(encode(state));
    }
    return Response.redirect(location.toString());
  }

  private Response token(Request request) {
    Map<String, String> form = request.formBody();
    BasicAuth basic = BasicAuth.from(request);
    String clientId = basic != null ? basic.clientId() : form.get("client_id");
    String clientSecret = basic != null ? basic.clientSecret() : form.get("client_secret");
    String grantType = form.get("grant_type");
    if (grantType == null) {
      return error("invalid_request", "grant type is missing");
    }
    if (JwtBearerGrant.GRANT_TYPE.equals(grantType)) {
      // The assertion names the client (iss) and is its credential: no client id or secret is sent.
      JwtBearerGrant.Refusal refused = jwtBearer.check(form.get("assertion"), baseUrl.get());
      return refused != null ? error(refused.error(), refused.description()) : success(null, null);
    }
    if (!Sandbox.SALESFORCE_CLIENT_ID.equals(clientId)) {
      return error("invalid_client_id", "client identifier invalid");
    }
    switch (grantType) {
      case "client_credentials" -> {
        if (!Sandbox.SALESFORCE_CLIENT_SECRET.equals(clientSecret)) {
          return error("invalid_client", "invalid client credentials");
        }
        return success(null, null);
      }
      case "authorization_code" -> {
        if (!Sandbox.SALESFORCE_CLIENT_SECRET.equals(clientSecret)) {
          return error("invalid_client", "invalid client credentials");
        }
        if (!sessions.redeemCode(form.get("code"), clientId, form.get("redirect_uri"))) {
          return error("invalid_grant", "authentication failure");
        }
        String refreshToken = sessions.newRefreshToken(clientId);
        return success(refreshToken, refreshToken);
      }
      case "refresh_token" -> {
        // The secret is optional for refresh when the connected app does not require it; when sent it must match.
        if (clientSecret != null && !Sandbox.SALESFORCE_CLIENT_SECRET.equals(clientSecret)) {
          return error("invalid_client", "invalid client credentials");
        }
        if (!sessions.acceptsRefreshToken(form.get("refresh_token"), clientId)) {
          return error("invalid_grant", "expired access/refresh token");
        }
        return success(null, form.get("refresh_token"));
      }
      default -> {
        return error("unsupported_grant_type", "grant type not supported");
      }
    }
  }

  private Response revoke(Request request) {
    String token = request.formBody().get("token");
    if (token == null) {
      token = request.query("token");
    }
    if (token == null) {
      return error("unsupported_token_type", "this token type is not supported");
    }
    sessions.revoke(token);
    return Response.empty(200);
  }

  /**
   * The token response; {@code refresh_token} only for the web-server flow. No expires_in, as in Salesforce.
   *
   * @param refreshToken the new refresh token to hand out, or null
   * @param sessionOf the refresh token whose revocation ends this session too, or null
   */
  private Response success(String refreshToken, String sessionOf) {
    String issuedAt = Long.toString(clock.millis());
    String id = SalesforceIdentity.url(baseUrl.get());
    ObjectNode body = Json.object();
    body.put("access_token", sessions.newSession(sessionOf));
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    body.put("signature", signature(id + issuedAt));
    body.put("scope", refreshToken != null ? "refresh_token api" : "api");
    body.put("instance_url", baseUrl.get());
    body.put("id", id);
    body.put("token_type", "Bearer");
    body.put("issued_at", issuedAt);
    return Response.json(200, body).header("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
  }

  /** Base64 HMAC-SHA256 of id + issued_at keyed with the client secret (per client libraries; UNCONFIRMED officially). */
  private static String signature(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Sandbox.SALESFORCE_CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static Response error(String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return Response.json(400, body);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
