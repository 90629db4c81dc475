package io.ledgerbridge.sandbox.quickbooks;

import io.ledgerbridge.sandbox.http.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * QBO OAuth state: authorization codes, access tokens and rotating refresh tokens, each bound to a realm.
 * Tokens of one connection share a connection id, so revoking any of them ends the connection, as
 * Intuit's revoke endpoint does.
 */
final class QboTokenStore {
  /** Authorization codes are single-use and short-lived (Intuit's exact lifetime is UNCONFIRMED). */
  private static final Duration CODE_TTL = Duration.ofMinutes(10);
  /** Expired entries are kept this long so an old token still reads as "expired", then dropped. */
  private static final Duration RETENTION_AFTER_EXPIRY = Duration.ofDays(1);

  private final Clock clock;
  private final Duration accessTokenTtl;
  private final Duration refreshTokenTtl;
  private final Duration rotatedRefreshTokenGrace;
  private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();

  record AuthorizationCode(String clientId, String redirectUri, String realmId, Instant expiresAt) {}

  record AccessToken(String connectionId, String realmId, Instant expiresAt) {}

  /** {@code diesAt} is the end of the rolling lifetime, or earlier once a newer token was issued from it. */
  record RefreshToken(String connectionId, String clientId, String realmId, Instant diesAt) {}

  record Issued(String accessToken, String refreshToken, long expiresInSeconds, long refreshExpiresInSeconds) {}

  enum AccessCheck { VALID, EXPIRED, UNKNOWN, OTHER_REALM }

  /** Thrown for a code or refresh token that is unknown, used, expired, rotated out, or not this client's. */
  static final class InvalidGrant extends RuntimeException {
    InvalidGrant(String description) {
      super(description, null, false, false);
    }
  }

  QboTokenStore(Clock clock, Duration accessTokenTtl, Duration refreshTokenTtl, Duration rotatedRefreshTokenGrace) {
    this.clock = clock;
    this.accessTokenTtl = accessTokenTtl;
    this.refreshTokenTtl = refreshTokenTtl;
    this.rotatedRefreshTokenGrace = rotatedRefreshTokenGrace;
  }

  String issueAuthorizationCode(String clientId, String redirectUri, String realmId) {
    String code = "AB11" + Tokens.alphanumeric(46);
    codes.put(code, new AuthorizationCode(clientId, redirectUri, realmId, clock.instant().plus(CODE_TTL)));
    return code;
  }

  /** Exchanges a code once; the redirect URI must be the one the code was issued for. */
  Issued redeemCode(String code, String clientId, String redirectUri) {
    AuthorizationCode grant = code == null ? null : codes.remove(code);
    if (grant == null || grant.expiresAt().isBefore(clock.instant()) || !grant.clientId().equals(clientId)) {
      throw new InvalidGrant("Invalid authorization code");
    }
    if (redirectUri == null || !redirectUri.equals(grant.redirectUri())) {
      throw new InvalidGrant("Invalid redirect_uri");
    }
    return issue(Tokens.uuid(), clientId, grant.realmId());
  }

  /**
   * Rotates a refresh token: a new pair is issued and the presented token dies after the configured grace
   * (Intuit: 24 h; default here: at once). Refreshing extends the connection's rolling lifetime.
   */
  Issued refresh(String presented, String clientId) {
    Instant now = clock.instant();
    synchronized (this) {
      RefreshToken current = presented == null ? null : refreshTokens.get(presented);
      if (current == null || !current.diesAt().isAfter(now) || !current.clientId().equals(clientId)) {
        throw new InvalidGrant("Incorrect or invalid refresh token");
      }
      Instant rotatedOutAt = now.plus(rotatedRefreshTokenGrace);
      if (rotatedOutAt.isBefore(current.diesAt())) {
        if (rotatedRefreshTokenGrace.isZero()) {
          refreshTokens.remove(presented);
        } else {
          refreshTokens.put(presented, new RefreshToken(current.connectionId(), clientId, current.realmId(), rotatedOutAt));
        }
      }
      return issue(current.connectionId(), clientId, current.realmId());
    }
  }

  AccessCheck check(String accessToken, String realmId) {
    AccessToken token = accessToken == null ? null : accessTokens.get(accessToken);
    if (token == null) {
      return AccessCheck.UNKNOWN;
    }
    if (!token.expiresAt().isAfter(clock.instant())) {
      return AccessCheck.EXPIRED;
    }
    return token.realmId().equals(realmId) ? AccessCheck.VALID : AccessCheck.OTHER_REALM;
  }

  /** Ends a live access token's lifetime now, as if it had run out; false when it is unknown or already over. */
  boolean expire(String accessToken) {
    Instant now = clock.instant();
    AccessToken token = accessTokens.get(accessToken);
    if (token == null || !token.expiresAt().isAfter(now)) {
      return false;
    }
    accessTokens.put(accessToken, new AccessToken(token.connectionId(), token.realmId(), now));
    return true;
  }

  /** Revokes the connection a refresh or access token belongs to; false when the token is unknown. */
  boolean revoke(String token) {
    String connectionId = null;
    RefreshToken refresh = refreshTokens.get(token);
    if (refresh != null) {
      connectionId = refresh.connectionId();
    } else {
      AccessToken access = accessTokens.get(token);
      if (access != null) {
        connectionId = access.connectionId();
      }
    }
    if (connectionId == null) {
      return false;
    }
    String revoked = connectionId;
    refreshTokens.values().removeIf(t -> t.connectionId().equals(revoked));
    accessTokens.values().removeIf(t -> t.connectionId().equals(revoked));
    return true;
  }

  /** Ends every connection, as if the user disconnected the app everywhere. */
  void revokeAll() {
    codes.clear();
    accessTokens.clear();
    refreshTokens.clear();
  }

  private Issued issue(String connectionId, String clientId, String realmId) {
    Instant now = clock.instant();
    purgeExpired(now);
    String access = "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0.." + Tokens.alphanumeric(120);
    String refresh = "AB11" + Tokens.alphanumeric(46);
    accessTokens.put(access, new AccessToken(connectionId, realmId, now.plus(accessTokenTtl)));
    refreshTokens.put(refresh, new RefreshToken(connectionId, clientId, realmId, now.plus(refreshTokenTtl)));
    return new Issued(access, refresh, accessTokenTtl.toSeconds(), refreshTokenTtl.toSeconds());
  }

  private void purgeExpired(Instant now) {
    Instant cutoff = now.minus(RETENTION_AFTER_EXPIRY);
    accessTokens.values().removeIf(t -> t.expiresAt().isBefore(cutoff));
    refreshTokens.values().removeIf(t -> t.diesAt().isBefore(now));
    codes.values().removeIf(c -> c.expiresAt().isBefore(now));
  }
}
