package io.ledgerbridge.activities.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The OAuth tokens of one connected account (a QBO company by realmId, a Salesforce org), in
 * plain text in memory only: {@link ConnectionStore} encrypts them, {@link #toString()} masks them.
 *
 * @param version the store's row version ({@code updated_at}) when read; {@code null} for a new
 *     connection. {@link ConnectionStore#replaceTokens} uses it to refuse a stale rotation.
 */
public record OAuthConnection(
    ConnectedSystem system,
    String accountId,
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    Instant refreshTokenExpiresAt,
    String instanceUrl,
    Instant version) {

  public OAuthConnection {
    Objects.requireNonNull(system, "system");
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException("accountId is required");
    }
  }

  /** Whether the access token is missing or expires within {@code skewSeconds} of {@code now}. */
  public boolean accessTokenExpiresWithin(Instant now, long skewSeconds) {
    return accessToken == null
        || accessTokenExpiresAt == null
        || !accessTokenExpiresAt.isAfter(now.plusSeconds(skewSeconds));
  }

  @Override
  public String toString() {
    return "OAuthConnection[system="
        + system
        + ", accountId="
        + accountId
        + ", accessToken="
        + (accessToken == null ? "null" : "****")
        + ", accessTokenExpiresAt="
        + accessTokenExpiresAt
        + ", refreshToken="
        + (refreshToken == null ? "null" : "****")
        + ", refreshTokenExpiresAt="
        + refreshTokenExpiresAt
        + ", instanceUrl="
        + instanceUrl
        + ", version="
        + version
        + "]";
  }
}
