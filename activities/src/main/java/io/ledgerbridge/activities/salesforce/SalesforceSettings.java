package io.ledgerbridge.activities.salesforce;

import java.net.URI;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Salesforce org's login host and the connected app, for one of three OAuth 2.0 flows ({@link
 * SalesforceAuthFlow}); tokens come from {@code loginUrl + /services/oauth2/token} and the REST API base is the
 * token answer's {@code instance_url}. {@link #toString()} masks the client secret and the private key.
 *
 * @param loginUrl production {@code https://login.salesforce.com}, a sandbox org's {@code https://test.salesforce.com},
 *     or the org's My Domain URL, e.g. {@code https://acme.my.salesforce.com} (the client credentials flow needs it)
 * @param clientSecret the consumer secret; the JWT bearer flow does without
 * @param redirectUri the web-server flow's callback URL, registered on the connected app; null for the other flows
 * @param username the JWT bearer flow's user ({@code sub}); null for the other flows
 * @param privateKey the JWT bearer flow's RSA key, whose certificate is uploaded to the connected app
 * @param apiVersion e.g. {@code v62.0} ({@code 62.0} is accepted too); upsert via sObject Collections needs 46.0+
 */
public record SalesforceSettings(
    SalesforceAuthFlow authFlow,
    String loginUrl,
    String clientId,
    String clientSecret,
    String redirectUri,
    String username,
    PrivateKey privateKey,
    String apiVersion) {
  private static final Pattern VERSION = Pattern.compile("v?(\\d{2,3})\\.0");
  public static final String PRODUCTION_LOGIN_URL = "https://login.salesforce.com";
  public static final String SANDBOX_LOGIN_URL = "https://test.salesforce.com";

  public SalesforceSettings {
    Objects.requireNonNull(authFlow, "authFlow");
    loginUrl = url("loginUrl", loginUrl);
    clientId = required("clientId", clientId);
    switch (authFlow) {
      case CLIENT_CREDENTIALS -> clientSecret = required("clientSecret", clientSecret);
      case WEB_SERVER -> {
        clientSecret = required("clientSecret", clientSecret);
        redirectUri = url("redirectUri", redirectUri);
      }
      case JWT_BEARER -> {
        username = required("username", username);
        if (privateKey == null) {
          throw new IllegalArgumentException("salesforce.privateKey is required for the JWT bearer flow");
        }
        if (!(privateKey instanceof RSAKey)) {
          throw new IllegalArgumentException("salesforce.privateKey must be an RSA key (Salesforce verifies RS256),"
              + " not " + privateKey.getAlgorithm());
        }
      }
    }
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

  /** The client credentials flow, at the org's My Domain URL. */
  public SalesforceSettings(String loginUrl, String clientId, String clientSecret, String apiVersion) {
    this(SalesforceAuthFlow.CLIENT_CREDENTIALS, loginUrl, clientId, clientSecret, null, null, null, apiVersion);
  }

  /** The web-server (authorization code) flow: an admin connects the org in the browser, Salesforce calls back. */
  public static SalesforceSettings webServer(
      String loginUrl, String clientId, String clientSecret, String redirectUri, String apiVersion) {
    return new SalesforceSettings(
        SalesforceAuthFlow.WEB_SERVER, loginUrl, clientId, clientSecret, redirectUri, null, null, apiVersion);
  }

  /** The JWT bearer flow: {@code username}'s sessions, asserted with {@code privateKey}. */
  public static SalesforceSettings jwtBearer(
      String loginUrl, String clientId, String username, PrivateKey privateKey, String apiVersion) {
    return new SalesforceSettings(
        SalesforceAuthFlow.JWT_BEARER, loginUrl, clientId, null, null, username, privateKey, apiVersion);
  }

  /**
   * The org as the connections view names it: its login host (e.g. {@code acme.my.salesforce.com}), at most
   * 64 characters, as one LedgerBridge talks to one org.
   */
  public String accountId() {
    String host = URI.create(loginUrl).getHost();
    return host.length() <= 64 ? host : host.substring(0, 64);
  }

  /**
   * The JWT's {@code aud}: Salesforce wants its login server, {@code https://test.salesforce.com} for sandbox orgs
   * (also when logging in at a sandbox's My Domain) and {@code https://login.salesforce.com} for the others; any
   * other host (an Experience Cloud site, the local sandbox) is its own audience.
   */
  public String jwtAudience() {
    String host = URI.create(loginUrl).getHost();
    if (host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")) {
      return SANDBOX_LOGIN_URL;
    }
    if (host.equals("salesforce.com") || host.endsWith(".salesforce.com")) {
      return PRODUCTION_LOGIN_URL;
    }
    return loginUrl;
  }

  @Override
  public String toString() {
    return "SalesforceSettings[authFlow=" + authFlow.configName() + ", loginUrl=" + loginUrl + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret == null ? "null" : "****") + ", redirectUri=" + redirectUri
        + ", username=" + username + ", privateKey=" + (privateKey == null ? "null" : "****")
        + ", apiVersion=" + apiVersion + "]";
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("salesforce." + name + " is required");
    }
    return value.trim();
  }

  private static String url(String name, String value) {
    String trimmed = required(name, value);
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("salesforce." + name + " is not a URL: " + trimmed);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("salesforce." + name + " must be an http(s) URL: " + trimmed);
    }
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
