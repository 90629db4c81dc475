package io.ledgerbridge.activities.salesforce;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How LedgerBridge gets the org's access tokens: one OAuth 2.0 flow of Salesforce's, chosen in the configuration. */
public enum SalesforceAuthFlow {
  /** The connected app's consumer key and secret, acting as the app's run-as user; nothing stored. */
  CLIENT_CREDENTIALS("client-credentials"),
  /**
   * An admin approves the connected app in the browser once (authorization code); the refresh token it yields is
   * stored encrypted and gets every access token after that.
   */
  WEB_SERVER("web-server"),
  /** An RS256 assertion signed with the private key of the certificate uploaded to the connected app, for a user. */
  JWT_BEARER("jwt-bearer");

  private final String configName;

  SalesforceAuthFlow(String configName) {
    this.configName = configName;
  }

  /** As the configuration spells it, e.g. {@code web-server}. */
  public String configName() {
    return configName;
  }

  /** @throws IllegalArgumentException naming the values that are accepted */
  public static SalesforceAuthFlow parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(flow -> flow.configName.equals(wanted) || flow.name().equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the Salesforce auth flow must be one of "
            + Arrays.stream(values()).map(SalesforceAuthFlow::configName).collect(Collectors.joining(", "))
            + ", not '" + value + "'"));
  }
}
