package io.ledgerbridge.activities.salesforce;

/**
 * The Salesforce user LedgerBridge acts as, as its identity URL names it.
 *
 * @param name the user's display name, e.g. {@code LedgerBridge Integration}
 * @param username the login, e.g. {@code integration@acme.com}
 */
public record SalesforceUser(String name, String username) {}
