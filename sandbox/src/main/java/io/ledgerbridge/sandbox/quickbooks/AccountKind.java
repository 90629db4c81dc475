package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Account rules, Intuit's Account entity (the chart of accounts): a Name unique among the active accounts
 * (6240), an AccountType from Intuit's list (or one an AccountSubType implies), the Classification the type
 * belongs to, and read-only balances that stay 0 as the sandbox posts nothing. Sub-accounts (ParentRef) are
 * not simulated: every account is top-level, so its FullyQualifiedName is its Name.
 */
final class AccountKind extends UniqueNameKind {
  /** AccountType to its Classification, as Intuit's Account reference lists them. */
  static final Map<String, String> CLASSIFICATIONS = Map.ofEntries(
      Map.entry("Bank", "Asset"), Map.entry("Other Current Asset", "Asset"), Map.entry("Fixed Asset", "Asset"),
      Map.entry("Other Asset", "Asset"), Map.entry("Accounts Receivable", "Asset"), Map.entry("Equity", "Equity"),
      Map.entry("Expense", "Expense"), Map.entry("Other Expense", "Expense"), Map.entry("Cost of Goods Sold", "Expense"),
      Map.entry("Accounts Payable", "Liability"), Map.entry("Credit Card", "Liability"),
      Map.entry("Long Term Liability", "Liability"), Map.entry("Other Current Liability", "Liability"),
      Map.entry("Income", "Revenue"), Map.entry("Other Income", "Revenue"));
  /** The AccountSubType an account of a type gets when the client names none. */
  private static final Map<String, String> DEFAULT_SUBTYPES = Map.ofEntries(
      Map.entry("Bank", "Checking"), Map.entry("Other Current Asset", "OtherCurrentAssets"),
      Map.entry("Fixed Asset", "OtherFixedAssets"), Map.entry("Other Asset", "OtherLongTermAssets"),
      Map.entry("Accounts Receivable", "AccountsReceivable"), Map.entry("Equity", "OwnersEquity"),
      Map.entry("Expense", "OtherMiscellaneousServiceCost"), Map.entry("Other Expense", "OtherMiscellaneousExpense"),
      Map.entry("Cost of Goods Sold", "SuppliesMaterialsCogs"), Map.entry("Accounts Payable", "AccountsPayable"),
      Map.entry("Credit Card", "CreditCard"), Map.entry("Long Term Liability", "OtherLongTermLiabilities"),
      Map.entry("Other Current Liability", "OtherCurrentLiabilities"), Map.entry("Income", "OtherPrimaryIncome"),
      Map.entry("Other Income", "OtherMiscellaneousIncome"));
  /** Subtypes that name their type, so a client may send the subtype alone (Intuit: type or subtype). */
  private static final Map<String, String> TYPE_OF_SUBTYPE = Map.ofEntries(
      Map.entry("Checking", "Bank"), Map.entry("Savings", "Bank"), Map.entry("UndepositedFunds", "Other Current Asset"),
      Map.entry("Inventory", "Other Current Asset"), Map.entry("OtherCurrentAssets", "Other Current Asset"),
      Map.entry("AccountsReceivable", "Accounts Receivable"), Map.entry("AccountsPayable", "Accounts Payable"),
      Map.entry("OpeningBalanceEquity", "Equity"), Map.entry("RetainedEarnings", "Equity"),
      Map.entry("OwnersEquity", "Equity"), Map.entry("SalesOfProductIncome", "Income"),
      Map.entry("ServiceFeeIncome", "Income"), Map.entry("OtherPrimaryIncome", "Income"),
      Map.entry("DiscountsRefundsGiven", "Income"), Map.entry("SuppliesMaterialsCogs", "Cost of Goods Sold"),
      Map.entry("CostOfLaborCos", "Cost of Goods Sold"), Map.entry("OtherMiscellaneousServiceCost", "Expense"),
      Map.entry("AdvertisingPromotional", "Expense"), Map.entry("OfficeGeneralAdministrativeExpenses", "Expense"));
  private static final int NAME_MAX = 100;

  @Override
  public String name() {
    return "Account";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("FullyQualifiedName", "Classification", "CurrentBalance", "CurrentBalanceWithSubAccounts");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "name", "fullyqualifiedname", "accounttype", "accountsubtype", "classification", "active",
        "currentbalance", "metadata.createtime", "metadata.lastupdatedtime");
  }

  /** Intuit: inactive accounts are excluded from search results unless the query names Active. */
  @Override
  public QboFault duplicateFault() {
    return QboFault.duplicateAccountName();
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode account = candidate.deepCopy();
    String name = NameListKind.text(account, "Name");
    if (name == null) {
      throw QboFault.requiredParameter("Name");
    }
    if (name.length() > NAME_MAX) {
      throw QboFault.stringLength("Name", NAME_MAX, name.length());
    }
    if (name.indexOf(':') >= 0 || name.indexOf('"') >= 0) {
      throw QboFault.businessValidation("The account name cannot contain a colon (:) or double quote (\").");
    }
    account.put("Name", name);
    String subType = NameListKind.text(account, "AccountSubType");
    String type = NameListKind.text(account, "AccountType");
    if (type == null) {
      type = subType == null ? null : TYPE_OF_SUBTYPE.get(subType);
      if (type == null) {
        throw QboFault.requiredParameter("AccountType");
      }
    }
    if (!CLASSIFICATIONS.containsKey(type)) {
      throw QboFault.businessValidation("AccountType " + type + " is not one of "
          + new java.util.TreeSet<>(CLASSIFICATIONS.keySet()) + ".");
    }
    if (subType != null && TYPE_OF_SUBTYPE.containsKey(subType) && !TYPE_OF_SUBTYPE.get(subType).equals(type)) {
      throw QboFault.businessValidation("AccountSubType " + subType + " is not a subtype of AccountType " + type + ".");
    }
    account.put("AccountType", type);
    account.put("AccountSubType", subType != null ? subType : DEFAULT_SUBTYPES.get(type));
    account.put("Classification", CLASSIFICATIONS.get(type));
    account.put("FullyQualifiedName", name);
    account.put("SubAccount", false);
    NameListKind.putDefault(account, "Active", true);
    if (!account.has("CurrencyRef")) {
      account.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    }
    account.put("CurrentBalance", 0);
    account.put("CurrentBalanceWithSubAccounts", 0);
    return account;
  }
}
