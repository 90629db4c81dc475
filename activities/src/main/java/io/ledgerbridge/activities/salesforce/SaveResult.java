package io.ledgerbridge.activities.salesforce;

import java.time.Instant;
import java.util.List;

/**
 * What Salesforce did with one record written (created, updated, upserted or deleted): {@code
 * success} with the record id and whether it was {@code created}, or the errors that rejected it.
 *
 * @param answeredAt when Salesforce answered, by its own clock (the answer's {@code Date} header,
 *     whole seconds): the record's SystemModstamp after the write is no later than the end of that
 *     second, so the sync knows the write's version without reading the record back
 */
public record SaveResult(String id, boolean success, boolean created, List<SalesforceError> errors, Instant answeredAt) {
  public SaveResult {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
