package io.ledgerbridge.worker.config;

/** Where Intuit sends the admin back after they connect a QuickBooks company. */
public final class QuickBooksOAuthPaths {
  public static final String CALLBACK = "/oauth/quickbooks/callback";

  private QuickBooksOAuthPaths() {}
}
