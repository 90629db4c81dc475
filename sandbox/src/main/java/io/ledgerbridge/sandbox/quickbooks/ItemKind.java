package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Item rules (reference §3.2): Name required and unique, Type required, the account references each type
 * needs. The sandbox keeps no chart of accounts, so account references are required but not resolved.
 */
final class ItemKind implements EntityKind {
  private static final Set<String> TYPES = Set.of("Service", "NonInventory", "Inventory", "Category", "Group");
  private static final int NAME_MAX = 100;

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
  public boolean queriesActiveOnlyByDefault() {
    return true;
  }

  @Override
  public String uniqueKeyProperty() {
    return "name";
  }

  @Override
  public String uniqueKey(ObjectNode node) {
    return node.path("Active").asBoolean(true) ? node.path("Name").asText(null) : null;
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
    List<String> needed = switch (type) {
      case "Service" -> List.of("IncomeAccountRef");
      case "Inventory" -> List.of("IncomeAccountRef", "AssetAccountRef", "ExpenseAccountRef", "InvStartDate", "QtyOnHand");
      default -> List.of();
    };
    if (type.equals("Group")) {
      bundleItems(company, item);
    }
    for (String field : needed) {
      JsonNode value = item.get(field);
      if (value == null || value.isNull() || value.isObject() && value.path("value").asText("").isBlank()) {
        throw QboFault.requiredParameter(field);
      }
    }
    item.put("FullyQualifiedName", name);
    item.put("TrackQtyOnHand", type.equals("Inventory") || item.path("TrackQtyOnHand").asBoolean(false));
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
