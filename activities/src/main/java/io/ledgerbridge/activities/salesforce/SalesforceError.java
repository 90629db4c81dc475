package io.ledgerbridge.activities.salesforce;

import java.util.List;

/**
 * One Salesforce error: {@code errorCode} in REST error arrays, {@code statusCode} in sObject
 * Collections results; both land in {@link #code()}.
 */
public record SalesforceError(String code, String message, List<String> fields) {
  public SalesforceError {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  @Override
  public String toString() {
    return code + ": " + message + (fields.isEmpty() ? "" : " " + fields);
  }
}
