package io.ledgerbridge.activities.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts items created from Salesforce post to, per QuickBooks item type, by their names in the
 * company's chart of accounts (names, because ids differ from company to company): what QuickBooks requires
 * of each type, an income account for Service and NonInventory items, and an income, a cost of goods sold and
 * an asset account for Inventory items.
 *
 * @param byType the accounts of each item type that has some, keyed Service, NonInventory, Inventory
 */
public record ItemAccounts(Map<String, Accounts> byType) {
  /** The item types that post to accounts (a Category posts to none), in the order messages list them. */
  public static final List<String> ITEM_TYPES = List.of("Service", "NonInventory", "Inventory");
  public static final String INVENTORY = "Inventory";

  public ItemAccounts {
    byType = Map.copyOf(byType);
  }

  /** One item type's account names; expense and asset are null when not given. */
  public record Accounts(String income, String expense, String asset) {}

  /** An account's part in an item: the QuickBooks reference it fills and the account types that fit there. */
  public enum Role {
    INCOME("income", "IncomeAccountRef"),
    EXPENSE("expense", "ExpenseAccountRef"),
    ASSET("asset", "AssetAccountRef");

    private final String key;
    private final String qboField;

    Role(String key, String qboField) {
      this.key = key;
      this.qboField = qboField;
    }

    /** The key in the mappings file, e.g. {@code income}. */
    public String key() {
      return key;
    }

    /** The item's reference to the account, e.g. {@code IncomeAccountRef}. */
    public String qboField() {
      return qboField;
    }

    /**
     * The QuickBooks AccountTypes an item of {@code itemType} takes here: an inventory item's cost is its cost of
     * goods sold, while a service or product bought for resale may post its purchases to any expense.
     */
    public Set<String> accountTypes(String itemType) {
      return switch (this) {
        case INCOME -> Set.of("Income", "Other Income");
        case EXPENSE -> itemType.equals(INVENTORY) ? Set.of("Cost of Goods Sold")
            : Set.of("Expense", "Other Expense", "Cost of Goods Sold");
        case ASSET -> Set.of("Other Current Asset");
      };
    }
  }

  /**
   * One account the mapping names.
   *
   * @param itemType the item type it serves, e.g. {@code Inventory}
   * @param name the account's name (or FullyQualifiedName, Parent:Child) in the chart of accounts
   */
  public record Named(String itemType, Role role, String name) {
    /** Where the mappings file names it, e.g. {@code itemAccounts.Inventory.asset}. */
    public String key() {
      return "itemAccounts." + itemType + "." + role.key();
    }

    /** The account types that fit, as a message lists them, e.g. "Income or Other Income". */
    public String typesWanted() {
      List<String> types = role.accountTypes(itemType).stream().sorted().toList();
      return types.size() == 1 ? types.get(0)
          : String.join(", ", types.subList(0, types.size() - 1)) + " or " + types.get(types.size() - 1);
    }
  }

  /** The accounts an item of {@code itemType} posts to, or empty when the mapping names none for that type. */
  public Optional<List<Named>> forType(String itemType) {
    Accounts accounts = byType.get(itemType);
    if (accounts == null) {
      return Optional.empty();
    }
    List<Named> named = new ArrayList<>();
    named.add(new Named(itemType, Role.INCOME, accounts.income()));
    if (accounts.expense() != null) {
      named.add(new Named(itemType, Role.EXPENSE, accounts.expense()));
    }
    if (accounts.asset() != null) {
      named.add(new Named(itemType, Role.ASSET, accounts.asset()));
    }
    return Optional.of(List.copyOf(named));
  }

  /** Every account the mapping names, item type by item type. */
  public List<Named> all() {
    return ITEM_TYPES.stream().flatMap(type -> forType(type).orElse(List.of()).stream()).toList();
  }
}
