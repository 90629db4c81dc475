package io.ledgerbridge.sandbox;

import java.util.Locale;

/** Failures the sandbox can inject into API calls, each answered in the simulated API's own way. */
public enum FaultKind {
  /** HTTP 500: QBO SystemFault 10000, Salesforce UNKNOWN_EXCEPTION. */
  SERVER_ERROR("500"),
  /** HTTP 503: the service is unavailable. */
  UNAVAILABLE("503"),
  /** Throttled: QBO 429 with fault 3001, Salesforce 403 REQUEST_LIMIT_EXCEEDED. */
  THROTTLED("429"),
  /** The request is held past any sensible client timeout, then the connection is closed unanswered. */
  TIMEOUT("timeout"),
  /** The connection is closed without any response. */
  DROPPED_CONNECTION("drop");

  private final String alias;

  FaultKind(String alias) {
    this.alias = alias;
  }

  /** The short name used by the admin HTTP API: 500, 503, 429, timeout, drop. */
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
    throw new IllegalArgumentException("unknown fault kind '" + text + "'; use one of 500, 503, 429, timeout, drop");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
