package io.ledgerbridge.worker.config;

/** Where a browser starts connecting the Salesforce org (web-server flow), and where Salesforce sends it back. */
public final class SalesforceOAuthPaths {
  /** Opens the admin page's connect step, which (for an admin) goes on to Salesforce's consent. */
  public static final String CONNECT = "/connect/salesforce";
  /** The connected app's callback URL, with {@code LEDGERBRIDGE_PUBLIC_URL} in front. */
  public static final String CALLBACK = "/connect/salesforce/callback";

  private SalesforceOAuthPaths() {}
}
