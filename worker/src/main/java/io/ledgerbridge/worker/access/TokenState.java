package io.ledgerbridge.worker.access;

import java.time.Instant;

/** Whether an API token opens the API now. */
public enum TokenState {
  ACTIVE,
  EXPIRED,
  REVOKED;

  static TokenState of(ApiTokenStore.StoredToken token, Instant now) {
    return token.revokedAt() != null ? REVOKED : token.expiresAt().isAfter(now) ? ACTIVE : EXPIRED;
  }
}
