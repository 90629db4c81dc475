package io.ledgerbridge.worker.observability;

import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Which remote system an HTTP call went to, told by its path (the same on the real APIs and the
 * sandbox) or host, and a coarse operation name for metrics that keeps tag values few.
 */
enum RemoteSystem {
  QUICKBOOKS,
  SALESFORCE,
  OTHER;

  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]{0,30}");

  static RemoteSystem of(HttpUrl url) {
    String path = url.encodedPath();
    String host = url.host().toLowerCase(Locale.ROOT);
    if (path.startsWith("/v3/company/")
        || path.startsWith("/oauth2/v1/tokens")
        || path.startsWith("/v2/oauth2/tokens")
        || path.startsWith("/connect/oauth2")
        || host.endsWith(".intuit.com")) {
      return QUICKBOOKS;
    }
    if (path.startsWith("/services/") || host.endsWith(".salesforce.com") || host.endsWith(".force.com")) {
      return SALESFORCE;
    }
    return OTHER;
  }

  /**
   * {@code query}, {@code customer}, {@code batch}, {@code composite}, {@code sobjects},
   * {@code oauth}...: the path segment after the realm id or API version.
   */
  String operation(HttpUrl url) {
    var segments = url.pathSegments();
    if (segments.contains("oauth2") || segments.contains("tokens")) {
      return "oauth";
    }
    String candidate = null;
    if (this == QUICKBOOKS && segments.size() >= 4 && segments.get(0).equals("v3")) {
      candidate = segments.get(3); // /v3/company/{realmId}/{operation}
    } else if (this == SALESFORCE && segments.size() >= 4 && segments.get(1).equals("data")) {
      candidate = segments.get(3); // /services/data/vXX.X/{operation}
    }
    if (candidate == null) {
      return "other";
    }
    String lower = candidate.toLowerCase(Locale.ROOT);
    return WORD.matcher(lower).matches() ? lower : "other";
  }

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
