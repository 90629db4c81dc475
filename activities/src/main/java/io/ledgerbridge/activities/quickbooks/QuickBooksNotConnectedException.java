package io.ledgerbridge.activities.quickbooks;

/** No OAuth connection is stored for a QuickBooks company, so nothing can be read from it. */
public final class QuickBooksNotConnectedException extends RuntimeException {
  private final String realmId;

  QuickBooksNotConnectedException(String realmId) {
    super(
        "QuickBooks company "
            + realmId
            + " is not connected: an admin must connect it first (Connect QuickBooks in the admin"
            + " page, sign in to Intuit and choose this company)");
    this.realmId = realmId;
  }

  public String realmId() {
    return realmId;
  }
}
