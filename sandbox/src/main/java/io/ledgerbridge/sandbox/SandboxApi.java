package io.ledgerbridge.sandbox;

/** The two simulated APIs, for the per-API admin methods of {@link Sandbox}. */
public enum SandboxApi {
  QUICKBOOKS,
  SALESFORCE
}
