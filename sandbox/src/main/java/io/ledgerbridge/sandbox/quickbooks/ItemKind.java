package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Item rules (reference §3.2): Name required and unique, Type required, and the accounts each type posts to,
 * resolved in the company's chart of accounts: Service and NonInventory items need an income account
 * (IncomeAccountRef, an Income or Other Income account); Inventory items also need their cost of goods sold
 * (ExpenseAccountRef, a Cost of Goods Sold account), their asset account (AssetAccountRef, an Other Current
 * Asset) and the stock they start with (TrackQtyOnHand true, QtyOnHand, InvStartDate). A missing reference is
 * 2020, an unknown one 2500, an inactive one 610 and one of the wrong type 6000.
 */
final class ItemKind extends UniqueNameKind {
  private static final Set<String> TYPES = Set.of("Service", "NonInventory", "Inventory", "Category", "Group");
  private static final int NAME_MAX = 100;
  private static final Set<String> INCOME_TYPES = Set.of("Income", "Other Income");
  private static final Set<String> EXPENSE_TYPES = Set.of("Expense", "Other Expense", "Cost of Goods Sold");

  @Override
  public String name() {
    return "Item";
  }

  @Override
  public Set<String> readOnlyFields() {
    return Set.of("FullyQualifiedName", "Level");
  }

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "name", "type", "active", "sku", "fullyqualifiedname", "unitprice", "metadata.createtime",
        "metadata.lastupdatedtime");
  }

  @Override
  public ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    ObjectNode item = candidate.deepCopy();
    String name = item.path("Name").asText("").trim();
    if (name.isEmpty()) {
      throw QboFault.requiredParameter("Name");
    }
    if (name.length() > NAME_MAX) {
      throw QboFault.stringLength("Name", NAME_MAX, name.length());
    }
    if (name.indexOf(':') >= 0 || name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0) {
      throw QboFault.businessValidation("The Name cannot contain a colon (:), tab or newline.");
    }
    item.put("Name", name);
    String type = item.path("Type").asText("");
    if (type.isEmpty()) {
      throw QboFault.requiredParameter("Type");
    }
    if (!TYPES.contains(type)) {
      throw QboFault.businessValidation("Type " + type + " is not one of " + TYPES + ".");
    }
    if (type.equals("Group")) {
      bundleItems(company, item);
    }
    checkAccounts(company, item, type);
    item.put("FullyQualifiedName", name);
    putDefault(item, "TrackQtyOnHand", false);
    putDefault(item, "Active", true);
    putDefault(item, "Taxable", false);
    if (!item.hasNonNull("UnitPrice")) {
      item.put("UnitPrice", 0);
    }
    if (!item.hasNonNull("PurchaseCost")) {
      item.put("PurchaseCost", 0);
    }
    return item;
  }

  private static void checkAccounts(QboCompany company, ObjectNode item, String type) {
    if (type.equals("Category") || type.equals("Group")) {
      // A category posts nothing, and a bundle posts through the items it holds.
      return;
    }
    account(company, item, "IncomeAccountRef", INCOME_TYPES, "an Income or Other Income account");
    if (type.equals("Inventory")) {
      account(company, item, "ExpenseAccountRef", Set.of("Cost of Goods Sold"), "a Cost of Goods Sold account");
      account(company, item, "AssetAccountRef", Set.of("Other Current Asset"), "an Other Current Asset account");
      if (!item.hasNonNull("TrackQtyOnHand")) {
        throw QboFault.requiredParameter("TrackQtyOnHand");
      }
      if (!item.path("TrackQtyOnHand").asBoolean()) {
        throw QboFault.businessValidation("TrackQtyOnHand must be true for an Inventory item.");
      }
      if (QboRefs.number(item.get("QtyOnHand"), "QtyOnHand") == null) {
        throw QboFault.requiredParameter("QtyOnHand");
      }
      if (QboRefs.date(item, "InvStartDate", null) == null) {
        throw QboFault.requiredParameter("InvStartDate");
      }
    } else if (item.hasNonNull("ExpenseAccountRef")) {
      // A service or product the company also buys: what it pays goes to an expense account.
      account(company, item, "ExpenseAccountRef", EXPENSE_TYPES, "an Expense, Other Expense or Cost of Goods Sold account");
    }
  }

  /** Resolves an account reference, refusing one of a type the field does not take; the ref gets the account's name. */
  private static void account(QboCompany company, ObjectNode item, String field, Set<String> types, String expected) {
    ObjectNode account = QboRefs.require(company, item.get(field), "Account", field);
    if (!types.contains(account.path("AccountType").asText())) {
      throw QboFault.invalidAccountType(field, expected + " (account " + account.get("Id").asText() + " is "
          + account.path("AccountType").asText() + ")");
    }
    item.set(field, QboRefs.refTo(account, "FullyQualifiedName"));
  }

  /** A bundle (Type Group) lists its items, each an existing item that is no bundle itself, with a quantity. */
  private static void bundleItems(QboCompany company, ObjectNode bundle) {
    JsonNode items = bundle.at("/ItemGroupDetail/ItemGroupLine");
    if (!items.isArray() || items.isEmpty()) {
      throw QboFault.requiredParameter("ItemGroupDetail.ItemGroupLine");
    }
    for (JsonNode entry : items) {
      ObjectNode item = QboRefs.require(company, entry.get("ItemRef"), "Item", "ItemGroupLine.ItemRef");
      if (item.path("Type").asText().equals("Group")) {
        throw QboFault.businessValidation("A bundle cannot hold another bundle (" + item.path("Name").asText() + ").");
      }
      ((ObjectNode) entry).set("ItemRef", QboRefs.refTo(item, "Name"));
    }
  }

  private static void putDefault(ObjectNode node, String field, boolean value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
