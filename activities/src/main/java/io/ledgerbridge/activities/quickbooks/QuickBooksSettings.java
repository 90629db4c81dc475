package io.ledgerbridge.activities.quickbooks;

import java.net.URI;

/**
 * Where the QuickBooks Online API and Intuit's OAuth endpoints are, and this app's OAuth client.
 * {@link #toString()} masks the client secret.
 *
 * @param apiBaseUrl e.g. {@code https://quickbooks.api.intuit.com}; paths {@code /v3/company/{realmId}/...}
 * @param revokeUrl where a company's refresh token is revoked when an admin disconnects it
 * @param redirectUri the callback registered for the app, where Intuit sends {@code code}, {@code state}, {@code realmId}
 */
public record QuickBooksSettings(
    String apiBaseUrl,
    String authorizeUrl,
    String tokenUrl,
    String revokeUrl,
    String clientId,
    String clientSecret,
    String redirectUri) {

  static final String PRODUCTION_API = "https://quickbooks.api.intuit.com";
  static final String DEVELOPMENT_API = "https://sandbox-quickbooks.api.intuit.com";
  static final String INTUIT_AUTHORIZE = "https://appcenter.intuit.com/connect/oauth2";
  static final String INTUIT_TOKEN = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer";
  static final String INTUIT_REVOKE = "https://developer.api.intuit.com/v2/oauth2/tokens/revoke";

  public QuickBooksSettings {
    apiBaseUrl = url("apiBaseUrl", apiBaseUrl);
    authorizeUrl = url("authorizeUrl", authorizeUrl);
    tokenUrl = url("tokenUrl", tokenUrl);
    revokeUrl = url("revokeUrl", revokeUrl);
    clientId = required("clientId", clientId);
    clientSecret = required("clientSecret", clientSecret);
    redirectUri = url("redirectUri", redirectUri);
  }

  /** Intuit's production API and OAuth endpoints. */
  public static QuickBooksSettings production(String clientId, String clientSecret, String redirectUri) {
    return new QuickBooksSettings(
        PRODUCTION_API, INTUIT_AUTHORIZE, INTUIT_TOKEN, INTUIT_REVOKE, clientId, clientSecret, redirectUri);
  }

  /** Intuit's development ("sandbox company") API; OAuth endpoints are the production ones. */
  public static QuickBooksSettings intuitDevelopment(String clientId, String clientSecret, String redirectUri) {
    return new QuickBooksSettings(
        DEVELOPMENT_API, INTUIT_AUTHORIZE, INTUIT_TOKEN, INTUIT_REVOKE, clientId, clientSecret, redirectUri);
  }

  /**
   * Everything on one host, as the LedgerBridge sandbox serves it: the API at {@code baseUrl},
   * authorize at {@code baseUrl/connect/oauth2}, tokens at {@code baseUrl/oauth2/v1/tokens/bearer}, revoke
   * at {@code baseUrl/v2/oauth2/tokens/revoke}.
   */
  public static QuickBooksSettings at(String baseUrl, String clientId, String clientSecret, String redirectUri) {
    String base = url("baseUrl", baseUrl);
    return new QuickBooksSettings(
        base, base + "/connect/oauth2", base + "/oauth2/v1/tokens/bearer", base + "/v2/oauth2/tokens/revoke", clientId, clientSecret, redirectUri);
  }

  @Override
  public String toString() {
    return "QuickBooksSettings[apiBaseUrl="
        + apiBaseUrl
        + ", authorizeUrl="
        + authorizeUrl
        + ", tokenUrl="
        + tokenUrl
        + ", revokeUrl="
        + revokeUrl
        + ", clientId="
        + clientId
        + ", clientSecret=****, redirectUri="
        + redirectUri
        + "]";
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("quickbooks." + name + " is required");
    }
    return value.trim();
  }

  private static String url(String name, String value) {
    String trimmed = required(name, value);
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("quickbooks." + name + " is not a URL: " + trimmed);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("quickbooks." + name + " must be an http(s) URL: " + trimmed);
    }
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
