package io.ledgerbridge.workflows.reconcile;

import java.util.List;

/**
 * One record a reconciliation classified, as an example of its class.
 *
 * @param quickBooksId the QuickBooks id, or null when the record has none
 * @param salesforceId the Salesforce id, or null when the record has none
 * @param fields the mapped fields that differ (Salesforce names, or QuickBooks paths for objects
 *     that only sync to QuickBooks); empty for the other classes
 */
public record RecordSample(RecordClass recordClass, String quickBooksId, String salesforceId, List<String> fields) {
  public RecordSample {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
