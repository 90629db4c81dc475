package io.ledgerbridge.sandbox;

import java.util.Locale;

/** Failures the sandbox can inject into API calls, each answered in the simulated API's own way. */
public enum FaultKind {
  /** HTTP 500: QBO SystemFault 10000, Salesforce UNKNOWN_EXCEPTION. */
  SERVER_ERROR("500"),
  /** HTTP 503: the service is unavailable. */
  UNAVAILABLE("503"),
  /**
   * Throttled: QBO 429 with fault 3001 and a {@code Retry-After} of {@link FaultInjection#retryAfter()};
   * Salesforce, which never answers 429, 403 REQUEST_LIMIT_EXCEEDED.
   */
  THROTTLED("429"),
  /**
   * The access token expired just before the call: QBO 401 AuthenticationFailed (3200), Salesforce 401
   * INVALID_SESSION_ID. The token presented really is expired from then on, so only a client that gets a
   * new one gets through. Only API calls that carry a token are affected; OAuth endpoints never are.
   */
  EXPIRED_TOKEN("401"),
  /** The request is held past any sensible client timeout, then the connection is closed unanswered. */
  TIMEOUT("timeout"),
  /** The connection is closed without any response. */
  DROPPED_CONNECTION("drop");

  private final String alias;

  FaultKind(String alias) {
    this.alias = alias;
  }

  /** The short name used by the admin HTTP API: 500, 503, 429, 401, timeout, drop. */
  public String alias() {
    return alias;
  }

  /** Parses an alias or an enum name, ignoring case. */
  public static FaultKind parse(String text) {
    for (FaultKind kind : values()) {
      if (kind.alias.equalsIgnoreCase(text) || kind.name().equalsIgnoreCase(text.replace('-', '_'))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown fault kind '" + text + "'; use one of 500, 503, 429, 401, timeout, drop");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
