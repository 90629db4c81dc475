package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.time.Instant;
import java.util.List;

/**
 * The chart of accounts every company starts with, like a new QuickBooks Online company's: the default
 * accounts Intuit creates (Services, Sales of Product Income, Cost of Goods Sold, Inventory Asset,
 * Undeposited Funds, ...). Ids follow Intuit's sandbox company where clients and docs quote them (1 Services,
 * 4 Undeposited Funds, 79 Sales of Product Income, 80 Cost of Goods Sold, 81 Inventory Asset); accounts made
 * through the API number on from the highest.
 */
final class QboChartOfAccounts {
  /** One default account: its Id, Name, AccountType and AccountSubType. */
  record DefaultAccount(long id, String name, String type, String subType) {}

  static final List<DefaultAccount> DEFAULTS = List.of(
      new DefaultAccount(1, "Services", "Income", "ServiceFeeIncome"),
      new DefaultAccount(2, "Opening Balance Equity", "Equity", "OpeningBalanceEquity"),
      new DefaultAccount(3, "Retained Earnings", "Equity", "RetainedEarnings"),
      new DefaultAccount(4, "Undeposited Funds", "Other Current Asset", "UndepositedFunds"),
      new DefaultAccount(5, "Uncategorized Income", "Income", "OtherPrimaryIncome"),
      new DefaultAccount(6, "Uncategorized Expense", "Expense", "OtherMiscellaneousServiceCost"),
      new DefaultAccount(7, "Uncategorized Asset", "Other Current Asset", "OtherCurrentAssets"),
      new DefaultAccount(33, "Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"),
      new DefaultAccount(35, "Checking", "Bank", "Checking"),
      new DefaultAccount(79, "Sales of Product Income", "Income", "SalesOfProductIncome"),
      new DefaultAccount(80, "Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"),
      new DefaultAccount(81, "Inventory Asset", "Other Current Asset", "Inventory"),
      new DefaultAccount(84, "Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"));

  private QboChartOfAccounts() {}

  /** Gives a new company its default accounts, created at {@code when}; no webhook is sent for them. */
  static QboCompany opened(QboCompany company, Instant when) {
    EntityTable accounts = company.table("Account");
    for (DefaultAccount account : DEFAULTS) {
      ObjectNode candidate = Json.object();
      candidate.put("Name", account.name());
      candidate.put("AccountType", account.type());
      candidate.put("AccountSubType", account.subType());
      ObjectNode normalized = accounts.kind().normalize(company, candidate, null);
      accounts.put(account.id(), QboCompany.withSystemFields(normalized, account.id(), 0, when, when));
    }
    return company;
  }

  /** A reference to a default account by its name, as an item row carries it. */
  static ObjectNode refTo(String name) {
    DefaultAccount account = DEFAULTS.stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no default account " + name));
    ObjectNode ref = Json.object();
    ref.put("value", Long.toString(account.id()));
    ref.put("name", account.name());
    return ref;
  }
}
