package io.ledgerbridge.activities.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What QuickBooks answered for one batch item: the entity as saved, or the item's fault (each item
 * succeeds or fails on its own).
 */
public record BatchAnswer(String bId, ObjectNode saved, QuickBooksException fault) {
  public boolean succeeded() {
    return fault == null;
  }
}
