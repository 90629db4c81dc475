package io.ledgerbridge.activities.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.activities.http.HttpCalls;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.OAuthConnection;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the org's access tokens by the configured {@link SalesforceAuthFlow}, and for the web-server flow connects
 * and disconnects the org: the refresh token an admin's approval yields is kept encrypted in the {@link
 * ConnectionStore}. A refresh token Salesforce refuses ({@code invalid_grant}) marks the org as needing
 * re-authorization, by one worker only, and from then on nothing is sent to Salesforce for it until an admin
 * connects it again.
 */
public final class SalesforceLogin {
  /** What the web-server flow asks the admin to approve: the REST API, and a refresh token to use it unattended. */
  static final String SCOPE = "api refresh_token";

  private static final Logger log = LoggerFactory.getLogger(SalesforceLogin.class);

  private final OkHttpClient http;
  private final SalesforceSettings settings;
  private final ConnectionStore connections;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Object refreshLock = new Object();

  /** @param connections where the web-server flow keeps the refresh token; unused by the other flows, may be null then */
  public SalesforceLogin(OkHttpClient http, SalesforceSettings settings, ConnectionStore connections, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (settings.authFlow() == SalesforceAuthFlow.WEB_SERVER && connections == null) {
      throw new IllegalArgumentException("the Salesforce web-server flow needs a ConnectionStore for its refresh token");
    }
    this.connections = connections;
  }

  public SalesforceSettings settings() {
    return settings;
  }

  /** An access token and where to use it, from the token endpoint's answer. */
  record Token(String accessToken, String instanceUrl, String identityUrl) {
    @Override
    public String toString() {
      return "Token[instanceUrl=" + instanceUrl + ", accessToken=****]";
    }
  }

  /** A new access token by the configured flow. */
  Token newToken() {
    return switch (settings.authFlow()) {
      case CLIENT_CREDENTIALS -> tokenRequest(new FormBody.Builder()
              .add("grant_type", "client_credentials")
              .add("client_id", settings.clientId())
              .add("client_secret", settings.clientSecret())
              .build(),
          "check the client id and secret, that the client credentials flow is enabled and that it has a run-as user")
          .token();
      case JWT_BEARER -> tokenRequest(new FormBody.Builder()
              .add("grant_type", JwtBearerAssertion.GRANT_TYPE)
              .add("assertion", JwtBearerAssertion.sign(settings, clock.instant()))
              .build(),
          "check the consumer key, that the certificate uploaded to the connected app matches the private key,"
              + " that user " + settings.username() + " exists and is pre-authorized for the app (Admin approved"
              + " users are pre-authorized, with the user's profile or permission set), that the login URL is the"
              + " org's (" + settings.jwtAudience() + " is the audience), and this machine's clock")
          .token();
      case WEB_SERVER -> refreshedToken();
    };
  }

  // ---- the web-server flow ----

  /** Where the admin's "Connect Salesforce" sends the browser; {@code state} comes back on the callback. */
  public String authorizationUrl(String state) {
    requireWebServerFlow();
    return HttpUrl.get(settings.loginUrl() + "/services/oauth2/authorize")
        .newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", settings.clientId())
        .addQueryParameter("redirect_uri", settings.redirectUri())
        .addQueryParameter("scope", SCOPE)
        .addQueryParameter("state", state)
        .build()
        .toString();
  }

  /**
   * Exchanges the callback's authorization code for a refresh token and stores it, replacing an earlier
   * connection and ending a need for re-authorization.
   *
   * @throws SalesforceAuthException when Salesforce refuses the code or the connected app
   */
  public void completeAuthorization(String code) {
    requireWebServerFlow();
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("the callback has no 'code'; start again from Connect Salesforce");
    }
    Answer answer = tokenRequest(new FormBody.Builder()
            .add("grant_type", "authorization_code")
            .add("code", code)
            .add("client_id", settings.clientId())
            .add("client_secret", settings.clientSecret())
            .add("redirect_uri", settings.redirectUri())
            .build(),
        "check the consumer key and secret, that " + settings.redirectUri() + " is a callback URL of the connected"
            + " app, and connect again (a code is valid for minutes and once)");
    String refreshToken = answer.refreshToken()
        .orElseThrow(() -> new IllegalStateException("Salesforce gave no refresh token: add the scope 'Perform"
            + " requests at any time (refresh_token, offline_access)' to the connected app, then connect again"));
    connections.save(new OAuthConnection(ConnectedSystem.SALESFORCE, settings.accountId(), null, null, refreshToken,
        null, answer.token().instanceUrl(), null));
    log.info("Salesforce org {} connected (web-server flow, instance {})", settings.accountId(),
        answer.token().instanceUrl());
  }

  /**
   * Disconnects the org: revokes the refresh token at Salesforce, which ends the sessions it opened, then forgets
   * it. A token Salesforce refused already, or no longer knows, is only forgotten.
   *
   * @return whether Salesforce revoked a token
   * @throws SalesforceNotConnectedException when nothing is stored
   * @throws SalesforceException when Salesforce cannot be reached or fails; nothing is forgotten
   */
  public boolean disconnect() {
    requireWebServerFlow();
    synchronized (refreshLock) {
      OAuthConnection stored = connections.find(ConnectedSystem.SALESFORCE, settings.accountId())
          .orElseThrow(() -> new SalesforceNotConnectedException(settings.accountId()));
      boolean revoked = stored.refreshToken() != null && revoke(stored.refreshToken());
      connections.delete(ConnectedSystem.SALESFORCE, settings.accountId());
      log.info("Salesforce org {} disconnected (token revoked at Salesforce: {})", settings.accountId(), revoked);
      return revoked;
    }
  }

  private void requireWebServerFlow() {
    if (settings.authFlow() != SalesforceAuthFlow.WEB_SERVER) {
      throw new IllegalStateException("LedgerBridge reaches Salesforce by the " + settings.authFlow().configName()
          + " flow, which stores no Salesforce token: there is nothing to connect or disconnect here. Set"
          + " LEDGERBRIDGE_SALESFORCE_AUTH_FLOW=web-server to connect the org from the admin page");
    }
  }

  /** @return true when Salesforce revoked the token, false when it no longer knew it */
  private boolean revoke(String refreshToken) {
    Request request = new Request.Builder()
        .url(settings.loginUrl() + "/services/oauth2/revoke")
        .post(new FormBody.Builder().add("token", refreshToken).build())
        .build();
    String operation = "token revocation";
    try (Response response = HttpCalls.execute(http, request, "Salesforce", operation)) {
      String text = HttpCalls.bodyOf(response, "Salesforce", operation);
      if (response.isSuccessful()) {
        return true;
      }
      // Salesforce answers 400 (unsupported_token_type / invalid_token) for a token it does not know: dead already.
      if (response.code() == 400) {
        return false;
      }
      throw Errors.exception(json, operation, response, text, clock);
    }
  }

  private Token refreshedToken() {
    synchronized (refreshLock) {
      OAuthConnection stored = stored();
      Answer answer;
      try {
        answer = tokenRequest(new FormBody.Builder()
                .add("grant_type", "refresh_token")
                .add("refresh_token", stored.refreshToken())
                .add("client_id", settings.clientId())
                .add("client_secret", settings.clientSecret())
                .build(),
            "the stored refresh token no longer works (revoked in Salesforce, expired by the connected app's refresh"
                + " token policy, or its user lost access): an admin must connect Salesforce again");
      } catch (SalesforceAuthException refused) {
        log.warn("Salesforce refused the refresh token of org {}: {}", settings.accountId(), refused.error());
        if ("invalid_grant".equals(refused.error()) && connections.markNeedsReauthorization(stored, refused.getMessage())) {
          log.warn("Salesforce org {} now needs re-authorization; nothing is sent to it until an admin connects it"
              + " again", settings.accountId());
        }
        throw refused;
      }
      // Salesforce rotates refresh tokens only when the connected app asks for it; keep the new one then.
      answer.refreshToken()
          .filter(rotated -> !rotated.equals(stored.refreshToken()))
          .ifPresent(rotated -> connections.replaceTokens(stored, new OAuthConnection(ConnectedSystem.SALESFORCE,
              stored.accountId(), null, null, rotated, null, answer.token().instanceUrl(), null)));
      return answer.token();
    }
  }

  private OAuthConnection stored() {
    String account = settings.accountId();
    OAuthConnection stored = connections.find(ConnectedSystem.SALESFORCE, account)
        .orElseThrow(() -> new SalesforceNotConnectedException(account));
    if (stored.refreshToken() == null) {
      throw connections.reauthorization(ConnectedSystem.SALESFORCE, account)
          .<RuntimeException>map(needed -> new SalesforceReauthorizationNeededException(account, needed))
          .orElseGet(() -> new SalesforceNotConnectedException(account));
    }
    return stored;
  }

  // ---- the token endpoint ----

  /** A token answer: the session, and a refresh token when the flow gives one. */
  private record Answer(Token token, Optional<String> refreshToken) {}

  private Answer tokenRequest(FormBody form, String whatToCheck) {
    Request request = new Request.Builder()
        .url(settings.loginUrl() + "/services/oauth2/token")
        .header("Accept", "application/json")
        .post(form)
        .build();
    String operation = "token request";
    try (Response response = HttpCalls.execute(http, request, "Salesforce", operation)) {
      String text = HttpCalls.bodyOf(response, "Salesforce", operation);
      JsonNode node = null;
      try {
        node = text.isBlank() ? null : json.readTree(text);
      } catch (IOException notJson) {
        // handled below
      }
      if (response.isSuccessful() && node != null && node.hasNonNull("access_token") && node.hasNonNull("instance_url")) {
        String instanceUrl = node.get("instance_url").asText();
        if (instanceUrl.endsWith("/")) {
          instanceUrl = instanceUrl.substring(0, instanceUrl.length() - 1);
        }
        return new Answer(new Token(node.get("access_token").asText(), instanceUrl, textOrNull(node, "id")),
            Optional.ofNullable(textOrNull(node, "refresh_token")));
      }
      if (node != null && node.hasNonNull("error") && response.code() >= 400 && response.code() < 500) {
        throw new SalesforceAuthException(response.code(), node.get("error").asText(),
            textOrNull(node, "error_description"), whatToCheck);
      }
      throw Errors.exception(json, operation, response, text, clock);
    }
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
