package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rules of name-list entities named by {@code Name} (Item, Account), each type a list of its own: active rows
 * only in queries that do not name Active, and a Name unique among the active rows (an inactive row's name is free
 * again, as QBO renames what it deactivates).
 */
abstract class UniqueNameKind implements EntityKind {

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
}
