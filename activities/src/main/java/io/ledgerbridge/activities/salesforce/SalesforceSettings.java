package io.ledgerbridge.activities.salesforce;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The Salesforce org's login host and the connected app used with the OAuth 2.0 client
 * credentials flow ({@code loginUrl + /services/oauth2/token}); the REST API base is the token
 * response's {@code instance_url}. {@link #toString()} masks the client secret.
 *
 * @param loginUrl the org's My Domain URL, e.g. {@code https://acme.my.salesforce.com}
 * @param apiVersion e.g. {@code v62.0} ({@code 62.0} is accepted too); upsert via sObject Collections needs 46.0+
 */
public record SalesforceSettings(String loginUrl, String clientId, String clientSecret, String apiVersion) {
  private static final Pattern VERSION = Pattern.compile("v?(\\d{2,3})\\.0");

  public SalesforceSettings {
    loginUrl = url(loginUrl);
    clientId = required("clientId", clientId);
    clientSecret = required("clientSecret", clientSecret);
    String version = required("apiVersion", apiVersion);
    var m = VERSION.matcher(version);
    if (!m.matches()) {
      throw new IllegalArgumentException("salesforce.apiVersion must look like v62.0: " + version);
    }
    if (Integer.parseInt(m.group(1)) < 46) {
      throw new IllegalArgumentException(
          "salesforce.apiVersion must be v46.0 or later (upsert with sObject Collections): " + version);
    }
    apiVersion = "v" + m.group(1) + ".0";
  }

  /**
   * The org as the connections view names it: its login host (e.g. {@code acme.my.salesforce.com}), at most
   * 64 characters, as one LedgerBridge talks to one org.
   */
  public String accountId() {
    String host = URI.create(loginUrl).getHost();
    return host.length() <= 64 ? host : host.substring(0, 64);
  }

  @Override
  public String toString() {
    return "SalesforceSettings[loginUrl="
        + loginUrl
        + ", clientId="
        + clientId
        + ", clientSecret=****, apiVersion="
        + apiVersion
        + "]";
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("salesforce." + name + " is required");
    }
    return value.trim();
  }

  private static String url(String value) {
    String trimmed = required("loginUrl", value);
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("salesforce.loginUrl is not a URL: " + trimmed);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("salesforce.loginUrl must be an http(s) URL: " + trimmed);
    }
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
