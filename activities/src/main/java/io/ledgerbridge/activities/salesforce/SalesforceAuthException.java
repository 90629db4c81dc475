package io.ledgerbridge.activities.salesforce;

/**
 * The org's token endpoint refused the connected app ({@code invalid_client}, {@code invalid_grant},
 * client credentials flow not enabled, no run-as user). Only an admin can fix it.
 */
public final class SalesforceAuthException extends RuntimeException {
  private final int httpStatus;
  private final String error;

  SalesforceAuthException(int httpStatus, String error, String description) {
    super(
        "Salesforce refused LedgerBridge's connected app (HTTP "
            + httpStatus
            + ", "
            + error
            + (description == null || description.isBlank() ? "" : ": " + description)
            + "); check the client id and secret, that the client credentials flow is enabled"
            + " and that it has a run-as user");
    this.httpStatus = httpStatus;
    this.error = error;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The OAuth {@code error}, e.g. {@code invalid_client}. */
  public String error() {
    return error;
  }
}
