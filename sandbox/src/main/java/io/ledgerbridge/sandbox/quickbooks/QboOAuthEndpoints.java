package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intuit's OAuth 2.0 endpoints (reference §6) on the sandbox port: authorize (approves at once, no login
 * page), the token endpoint with code and refresh grants, revoke, and the discovery document that Intuit's
 * OAuth clients read those URLs from.
 */
final class QboOAuthEndpoints {
  private static final Logger log = LoggerFactory.getLogger(QboOAuthEndpoints.class);
  static final String ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

  private final QboTokenStore tokens;
  private final QboCompanies companies;
  private final Supplier<String> baseUrl;

  QboOAuthEndpoints(QboTokenStore tokens, QboCompanies companies, Supplier<String> baseUrl) {
    this.tokens = tokens;
    this.companies = companies;
    this.baseUrl = baseUrl;
  }

  void register(Router router) {
    router.add("GET", "/connect/oauth2", this::authorize);
    router.add("POST", "/oauth2/v1/tokens/bearer", this::token);
    router.add("POST", "/v2/oauth2/tokens/revoke", this::revoke);
    // Intuit serves these on developer.api.intuit.com (reference §6); the sandbox has one host for all.
    router.add("GET", "/.well-known/openid_configuration", this::discovery);
    router.add("GET", "/.well-known/openid_sandbox_configuration", this::discovery);
  }

  /**
   * The OpenID discovery document with the sandbox's own URLs, which Intuit's SDKs read the endpoints from
   * ({@code OAuth2ConfigBuilder.callDiscoveryAPI}). Intuit's document also names a userinfo endpoint and a
   * JWKS; the sandbox issues no OpenID tokens, so it leaves them out rather than name URLs it does not serve.
   */
  private Response discovery(Request request) {
    String base = baseUrl.get();
    ObjectNode body = Json.object();
    body.put("issuer", base + "/op/v1");
    body.put("authorization_endpoint", base + "/connect/oauth2");
    body.put("token_endpoint", base + "/oauth2/v1/tokens/bearer");
    body.put("revocation_endpoint", base + "/v2/oauth2/tokens/revoke");
    body.putArray("response_types_supported").add("code");
    body.putArray("subject_types_supported").add("public");
    body.putArray("scopes_supported").add(ACCOUNTING_SCOPE);
    // Intuit also lists client_secret_post; the sandbox token endpoint takes HTTP Basic only (reference §6).
    body.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic");
    return Response.json(200, body);
  }

  /**
   * The consent screen, auto-approved: redirects with a code for the demo company, or for the company
   * named by the sandbox-only {@code realmId} hint (created empty if new).
   */
  private Response authorize(Request request) {
    String clientId = request.query("client_id");
    String redirectUri = request.query("redirect_uri");
    if (!Sandbox.QBO_CLIENT_ID.equals(clientId) || redirectUri == null || redirectUri.isBlank()) {
      // Intuit shows an error page rather than redirecting when the client or redirect URI is wrong.
      return Response.text(400, "text/plain", "invalid_client: unknown client_id or missing redirect_uri");
    }
    String state = request.query("state");
    if (!"code".equals(request.query("response_type"))) {
      return Response.redirect(withParameters(redirectUri, Map.of("error", "unsupported_response_type"), state));
    }
    String scope = request.query("scope");
    if (scope == null || !java.util.Arrays.asList(scope.split("[ +]")).contains(ACCOUNTING_SCOPE)) {
      return Response.redirect(withParameters(redirectUri, Map.of("error", "invalid_scope"), state));
    }
    String realmHint = request.query("realmId");
    String realmId = realmHint == null || realmHint.isBlank() ? Sandbox.DEMO_REALM_ID : realmHint.trim();
    if (!realmId.chars().allMatch(Character::isDigit)) {
      return Response.text(400, "text/plain", "realmId must be numeric");
    }
    companies.getOrCreate(realmId);
    String code = tokens.issueAuthorizationCode(clientId, redirectUri, realmId);
    log.info("QBO consent auto-approved for realm {}", realmId);
    return Response.redirect(withParameters(redirectUri, Map.of("code", code, "realmId", realmId), state));
  }

  private Response token(Request request) {
    BasicAuth client = BasicAuth.from(request);
    if (client == null || !Sandbox.QBO_CLIENT_ID.equals(client.clientId())
        || !Sandbox.QBO_CLIENT_SECRET.equals(client.clientSecret())) {
      return tokenError(401, "invalid_client", null);
    }
    Map<String, String> form = request.formBody();
    String grantType = form.get("grant_type");
    try {
      QboTokenStore.Issued issued;
      if ("authorization_code".equals(grantType)) {
        issued = tokens.redeemCode(form.get("code"), client.clientId(), form.get("redirect_uri"));
      } else if ("refresh_token".equals(grantType)) {
        issued = tokens.refresh(form.get("refresh_token"), client.clientId());
      } else if (grantType == null) {
        return tokenError(400, "invalid_request", "grant_type is missing");
      } else {
        return tokenError(400, "unsupported_grant_type", null);
      }
      ObjectNode body = Json.object();
      body.put("access_token", issued.accessToken());
      body.put("refresh_token", issued.refreshToken());
      body.put("token_type", "bearer");
      body.put("expires_in", issued.expiresInSeconds());
      body.put("x_refresh_token_expires_in", issued.refreshExpiresInSeconds());
      return Response.json(200, body).header("Cache-Control", "no-cache, no-store").header("Pragma", "no-cache");
    } catch (QboTokenStore.InvalidGrant e) {
      return tokenError(400, "invalid_grant", e.getMessage());
    }
  }

  /** Body {@code {"token": "..."}} (JSON, as Intuit's SDKs send it) or form {@code token=...}. */
  private Response revoke(Request request) {
    BasicAuth client = BasicAuth.from(request);
    if (client == null || !Sandbox.QBO_CLIENT_ID.equals(client.clientId())
        || !Sandbox.QBO_CLIENT_SECRET.equals(client.clientSecret())) {
      return tokenError(401, "invalid_client", null);
    }
    String token;
    String contentType = request.header("Content-Type");
    if (contentType != null && contentType.contains("json")) {
      try {
        JsonNode body = Json.parse(request.body());
        token = body.path("token").asText(null);
      } catch (Json.MalformedJsonException e) {
        token = null;
      }
    } else {
      token = request.formBody().get("token");
    }
    if (token == null || token.isBlank()) {
      return tokenError(400, "invalid_request", "token is missing");
    }
    tokens.revoke(token);
    return Response.empty(200);
  }

  private static Response tokenError(int status, String error, String description) {
    ObjectNode body = Json.object();
    if (description != null) {
      body.put("error_description", description);
    }
    body.put("error", error);
    return Response.json(status, body).header("Cache-Control", "no-cache, no-store");
  }

  private static String withParameters(String redirectUri, Map<String, String> parameters, String state) {
    StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
    java.util.List<String> pairs = new java.util.ArrayList<>();
    parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> pairs.add(encode(e.getKey()) + "=" + encode(e.getValue())));
    if (state != null) {
      pairs.add("state=" + encode(state));
    }
    return url.append(String.join("&", pairs)).toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
