package io.ledgerbridge.worker.config;

/** Where Intuit sends the admin back after they connect a QuickBooks company, and back into connecting it. */
public final class QuickBooksOAuthPaths {
  public static final String CALLBACK = "/oauth/quickbooks/callback";
  /** Intuit's "Reconnect URL": where QuickBooks sends a person whose company must be connected again. */
  public static final String RECONNECT = "/connect/quickbooks/reconnect";

  private QuickBooksOAuthPaths() {}
}
