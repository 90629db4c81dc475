package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Demo rows of one entity that are built on demand instead of stored: row {@code index} has Id
 * {@code index + 1}. Seeded rows are active. Lets a company hold a million demo customers in a few
 * megabytes.
 */
interface SeededRows {

  int count();

  /** The full row, the same every time it is asked for. */
  ObjectNode row(int index);

  /** The row's MetaData.LastUpdatedTime in epoch seconds, without building the row. */
  long lastUpdatedEpochSecond(int index);

  /** The id of the seeded row holding a unique key (lowercase), or null. */
  default Long idOfUniqueKey(String lowercaseKey) {
    return null;
  }
}
