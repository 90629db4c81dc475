package io.ledgerbridge.activities.mapping;

/** How a mapped value is written: as text, a number, a boolean, or a date ({@code yyyy-MM-dd}). */
public enum ValueType {
  TEXT,
  NUMBER,
  BOOLEAN,
  DATE
}
