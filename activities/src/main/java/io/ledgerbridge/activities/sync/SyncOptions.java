package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import java.time.Clock;

/**
 * Tuning the tests change: the clock, page sizes, whether a job's first run of an object checks the
 * Salesforce fields first, and from how many records a run writes Salesforce in bulk jobs.
 *
 * @param qboPageSize QBO query page, at most 1000
 * @param salesforcePageSize records per page of a SOQL query ({@code Sforce-Query-Options: batchSize}, 200 to 2,000)
 * @param salesforceBulkThreshold a sync to Salesforce of at least this many records writes them in Bulk API
 *     2.0 ingest jobs; 0 never does
 */
record SyncOptions(Clock clock, int qboPageSize, int salesforcePageSize, boolean preflightBeforeFirstRun,
    int salesforceBulkThreshold) {
  /** Salesforce's own advice: Bulk API 2.0 from about 2,000 records, collections below. */
  static final int DEFAULT_SALESFORCE_BULK_THRESHOLD = 2_000;

  SyncOptions {
    if (salesforceBulkThreshold < 0) {
      throw new IllegalArgumentException("the Salesforce bulk threshold is a number of records (0 turns bulk jobs off),"
          + " not " + salesforceBulkThreshold);
    }
  }

  SyncOptions(Clock clock, int qboPageSize, int salesforcePageSize, boolean preflightBeforeFirstRun) {
    this(clock, qboPageSize, salesforcePageSize, preflightBeforeFirstRun, DEFAULT_SALESFORCE_BULK_THRESHOLD);
  }

  static SyncOptions defaults() {
    return new SyncOptions(Clock.systemUTC(), QuickBooksClient.MAX_PAGE_SIZE, SalesforceClient.MAX_QUERY_PAGE_SIZE, true);
  }

  SyncOptions withPageSizes(int qbo, int salesforce) {
    return new SyncOptions(clock, qbo, salesforce, preflightBeforeFirstRun, salesforceBulkThreshold);
  }

  SyncOptions withoutPreflight() {
    return new SyncOptions(clock, qboPageSize, salesforcePageSize, false, salesforceBulkThreshold);
  }

  SyncOptions withSalesforceBulkThreshold(int records) {
    return new SyncOptions(clock, qboPageSize, salesforcePageSize, preflightBeforeFirstRun, records);
  }
}
