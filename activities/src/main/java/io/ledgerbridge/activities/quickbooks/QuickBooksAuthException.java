package io.ledgerbridge.activities.quickbooks;

/**
 * Intuit's token endpoint refused our credentials ({@code invalid_grant}: the refresh token was
 * revoked or expired; {@code invalid_client}: wrong client id or secret). Only an admin can fix
 * it, by reconnecting the company or correcting the app's settings.
 */
public final class QuickBooksAuthException extends RuntimeException {
  private final String realmId;
  private final int httpStatus;
  private final String error;

  QuickBooksAuthException(String realmId, int httpStatus, String error, String description) {
    super(describe(realmId, httpStatus, error, description));
    this.realmId = realmId;
    this.httpStatus = httpStatus;
    this.error = error;
  }

  /** The company whose tokens were refused; null for a failed code exchange before it was known. */
  public String realmId() {
    return realmId;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The OAuth {@code error}, e.g. {@code invalid_grant}. */
  public String error() {
    return error;
  }

  private static String describe(String realmId, int httpStatus, String error, String description) {
    String what = "invalid_client".equals(error)
        ? "Intuit rejected LedgerBridge's QuickBooks client id or secret; correct the app settings"
        : "Intuit no longer accepts the stored authorization for QuickBooks company "
            + realmId
            + "; an admin must reconnect the company (Connect QuickBooks)";
    return what
        + " (HTTP "
        + httpStatus
        + ", "
        + error
        + (description == null || description.isBlank() ? "" : ": " + description)
        + ")";
  }
}
