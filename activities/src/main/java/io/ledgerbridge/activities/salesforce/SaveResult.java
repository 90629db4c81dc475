package io.ledgerbridge.activities.salesforce;

import java.util.List;

/**
 * What Salesforce did with one record written (created, updated, upserted or deleted): {@code
 * success} with the record id and whether it was {@code created}, or the errors that rejected it.
 */
public record SaveResult(String id, boolean success, boolean created, List<SalesforceError> errors) {
  public SaveResult {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
