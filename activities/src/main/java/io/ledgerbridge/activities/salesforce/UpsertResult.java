package io.ledgerbridge.activities.salesforce;

import java.util.List;

/**
 * What Salesforce did with one upserted record: {@code success} with the record id and whether it
 * was {@code created} (else updated), or the errors that rejected it.
 */
public record UpsertResult(String id, boolean success, boolean created, List<SalesforceError> errors) {
  public UpsertResult {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
