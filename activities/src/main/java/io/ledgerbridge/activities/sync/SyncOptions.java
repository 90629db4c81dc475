package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import java.time.Clock;

/**
 * Tuning the tests change: the clock, page sizes, and whether a job's first run of an object
 * checks the Salesforce fields first.
 *
 * @param qboPageSize QBO query page, at most 1000
 * @param salesforcePageSize SOQL LIMIT per page
 */
record SyncOptions(Clock clock, int qboPageSize, int salesforcePageSize, boolean preflightBeforeFirstRun) {
  static SyncOptions defaults() {
    return new SyncOptions(Clock.systemUTC(), QuickBooksClient.MAX_PAGE_SIZE, 200, true);
  }

  SyncOptions withPageSizes(int qbo, int salesforce) {
    return new SyncOptions(clock, qbo, salesforce, preflightBeforeFirstRun);
  }

  SyncOptions withoutPreflight() {
    return new SyncOptions(clock, qboPageSize, salesforcePageSize, false);
  }
}
