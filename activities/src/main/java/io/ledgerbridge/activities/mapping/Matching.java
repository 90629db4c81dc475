package io.ledgerbridge.activities.mapping;

import java.util.List;

/**
 * Linking records that exist on both sides without a link, instead of creating a duplicate: a
 * record is matched by the first pair of fields whose values are equal (ignoring case) on exactly
 * one unlinked record of the other side.
 */
public record Matching(boolean enabled, List<Pair> pairs) {
  public Matching {
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
  }

  public static Matching off() {
    return new Matching(false, List.of());
  }

  /** A QuickBooks path and the Salesforce field that hold the same value. */
  public record Pair(String qbo, String salesforce) {}
}
