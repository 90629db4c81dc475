package io.ledgerbridge.activities.salesforce;

import io.ledgerbridge.activities.store.ConnectionStore.Reauthorization;

/**
 * Salesforce refused the stored refresh token earlier, so nothing is sent to the org until an admin connects it
 * again: each call fails at once with the first refusal's reason instead of asking Salesforce again.
 */
public final class SalesforceReauthorizationNeededException extends RuntimeException {
  SalesforceReauthorizationNeededException(String accountId, Reauthorization reauthorization) {
    super(
        "Salesforce org "
            + accountId
            + " needs re-authorization since "
            + reauthorization.since()
            + ": "
            + reauthorization.reason()
            + ". Nothing is sent to it until an admin connects it again (Connections in the admin page: Connect"
            + " Salesforce); its jobs then run again by themselves",
        null,
        false,
        false);
  }
}
