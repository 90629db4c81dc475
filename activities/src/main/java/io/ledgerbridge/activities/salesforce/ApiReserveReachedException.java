package io.ledgerbridge.activities.salesforce;

import java.time.Instant;

/**
 * What is left of the Salesforce org's daily API allowance is down to the reserve LedgerBridge leaves
 * to the org's other integrations and people: the call was not sent.
 */
public final class ApiReserveReachedException extends RuntimeException {
  public ApiReserveReachedException(int left, int limit, int reserve, Instant observedAt, Instant checkAgainAt) {
    super("Salesforce's daily API allowance is down to its reserve: " + left + " of " + limit + " calls left at "
        + observedAt + ", and LedgerBridge keeps " + reserve + " for the org's other users"
        + " (LEDGERBRIDGE_SALESFORCE_API_RESERVE_PERCENT); no Salesforce call is sent until " + checkAgainAt
        + ", when one call looks again (Salesforce counts the last 24 hours)");
  }
}
