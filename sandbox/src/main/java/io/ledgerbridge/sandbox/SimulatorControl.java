package io.ledgerbridge.sandbox;

import java.util.Map;

/** What the admin API and {@link Sandbox} can do to a running simulator. */
public interface SimulatorControl {

  /** Invalidates every token and code, as if every user disconnected the app. */
  void revokeAllTokens();

  /** Back to the seeded data; tokens stay valid. */
  void reset();

  /** Calls received per endpoint, keyed {@code "GET /v3/company/{realmId}/query"}, plus per-status keys {@code "status 200"}. */
  Map<String, Long> callCounts();

  void resetCallCounts();
}
