package io.ledgerbridge.sandbox.salesforce;

import io.ledgerbridge.sandbox.http.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Salesforce OAuth state: sessions (access tokens) that end after the session timeout, refresh tokens that
 * live until revoked (and with them the sessions they opened, as in Salesforce), and single-use authorization codes. The timeout is counted from issue; Salesforce
 * extends active sessions, which the sandbox leaves out so expiry is predictable in tests.
 */
final class SalesforceSessions {
  private static final Duration CODE_TTL = Duration.ofMinutes(15);

  private final Clock clock;
  private final Duration sessionTtl;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokenClients = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();

  private record Code(String clientId, String redirectUri, Instant expiresAt) {}

  /** @param refreshToken the refresh token the session was opened with or beside; null for the other grants */
  private record Session(Instant expiresAt, String refreshToken) {}

  SalesforceSessions(Clock clock, Duration sessionTtl) {
    this.clock = clock;
    this.sessionTtl = sessionTtl;
  }

  /**
   * A new session id in Salesforce's shape: org id, '!', opaque part.
   *
   * @param refreshToken the refresh token it belongs to, whose revocation ends it too; null for none
   */
  String newSession(String refreshToken) {
    Instant now = clock.instant();
    sessions.values().removeIf(session -> session.expiresAt().isBefore(now));
    String token = SalesforceOrg.ORG_ID.substring(0, 15) + "!AQ" + Tokens.alphanumeric(94);
    sessions.put(token, new Session(now.plus(sessionTtl), refreshToken));
    return token;
  }

  boolean isLive(String token) {
    Session session = token == null ? null : sessions.get(token);
    return session != null && session.expiresAt().isAfter(clock.instant());
  }

  String newRefreshToken(String clientId) {
    String token = "5Aep861" + Tokens.alphanumeric(80);
    refreshTokenClients.put(token, clientId);
    return token;
  }

  /** True when the refresh token is live and was issued to this client. */
  boolean acceptsRefreshToken(String token, String clientId) {
    return token != null && clientId.equals(refreshTokenClients.get(token));
  }

  String newAuthorizationCode(String clientId, String redirectUri) {
    String code = "aPrx" + Tokens.alphanumeric(60);
    codes.put(code, new Code(clientId, redirectUri, clock.instant().plus(CODE_TTL)));
    return code;
  }

  /** Redeems a code once; false for an unknown, used, expired or mismatched one. */
  boolean redeemCode(String code, String clientId, String redirectUri) {
    Code grant = code == null ? null : codes.remove(code);
    return grant != null && grant.expiresAt().isAfter(clock.instant()) && grant.clientId().equals(clientId)
        && grant.redirectUri().equals(redirectUri);
  }

  /** Revokes a session, or a refresh token and every session it opened. */
  void revoke(String token) {
    sessions.remove(token);
    if (refreshTokenClients.remove(token) != null) {
      sessions.values().removeIf(session -> token.equals(session.refreshToken()));
    }
  }

  void revokeAll() {
    sessions.clear();
    refreshTokenClients.clear();
    codes.clear();
  }
}
