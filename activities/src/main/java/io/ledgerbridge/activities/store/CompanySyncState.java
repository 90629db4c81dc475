package io.ledgerbridge.activities.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What LedgerBridge remembers of a company's sync: cursors, links between records, deferred
 * records. Forgetting it makes the next runs treat every record as new, which is right when both
 * systems were replaced, as the demo's in-memory sandbox is on every start.
 */
public final class CompanySyncState {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public CompanySyncState(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /** Forgets the company's cursors, links and deferred records; run history and errors stay. */
  public void forget(String companyId) {
    transaction.executeWithoutResult(
        status -> {
          jdbc.update("DELETE FROM sync_cursor WHERE company_id = ?", companyId);
          jdbc.update("DELETE FROM record_link WHERE company_id = ?", companyId);
          jdbc.update("DELETE FROM deferred_record WHERE company_id = ?", companyId);
        });
  }
}
