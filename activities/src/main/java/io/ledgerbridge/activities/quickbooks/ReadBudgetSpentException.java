package io.ledgerbridge.activities.quickbooks;

import java.time.Instant;

/** The month's budget of metered QuickBooks reads (CorePlus) is spent: the read was not sent. */
public final class ReadBudgetSpentException extends RuntimeException {
  public ReadBudgetSpentException(String realmId, String month, long spent, long budget, Instant resetsAt) {
    super("the QuickBooks read budget of " + month + " is spent (" + spent + " of " + budget
        + " CorePlus calls for all companies); no read of company " + realmId + " is sent until " + resetsAt
        + ", when Intuit's count starts again, or raise LEDGERBRIDGE_QBO_MONTHLY_READS to your Intuit tier's allowance");
  }
}
