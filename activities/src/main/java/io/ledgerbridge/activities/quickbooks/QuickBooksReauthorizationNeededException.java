package io.ledgerbridge.activities.quickbooks;

import io.ledgerbridge.activities.store.ConnectionStore.Reauthorization;

/**
 * Intuit refused the company's refresh token earlier, so no call is sent for it until an admin
 * reconnects the company: each run fails at once with the first refusal's reason instead of asking
 * Intuit again.
 */
public final class QuickBooksReauthorizationNeededException extends RuntimeException {
  private final String realmId;

  QuickBooksReauthorizationNeededException(String realmId, Reauthorization reauthorization) {
    super(
        "QuickBooks company "
            + realmId
            + " needs re-authorization since "
            + reauthorization.since()
            + ": "
            + reauthorization.reason()
            + ". Nothing is sent for it until an admin reconnects it (Connections in the admin page: Reconnect);"
            + " its jobs then run again by themselves",
        null,
        false,
        false);
    this.realmId = realmId;
  }

  public String realmId() {
    return realmId;
  }
}
