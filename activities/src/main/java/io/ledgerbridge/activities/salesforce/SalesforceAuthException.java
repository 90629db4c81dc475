package io.ledgerbridge.activities.salesforce;

/**
 * The org's token endpoint refused LedgerBridge ({@code invalid_client}, {@code invalid_grant}, a flow not enabled,
 * a dead refresh token, an assertion it did not accept). Only an admin can fix it; the message says what to check
 * for the flow in use.
 */
public final class SalesforceAuthException extends RuntimeException {
  private final int httpStatus;
  private final String error;

  /** @param whatToCheck what an admin should look at, for the flow and the request that was refused */
  SalesforceAuthException(int httpStatus, String error, String description, String whatToCheck) {
    super(
        "Salesforce refused LedgerBridge's connected app (HTTP "
            + httpStatus
            + ", "
            + error
            + (description == null || description.isBlank() ? "" : ": " + description)
            + "); "
            + whatToCheck);
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
