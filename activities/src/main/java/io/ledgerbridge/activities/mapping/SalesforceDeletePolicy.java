package io.ledgerbridge.activities.mapping;

import java.util.List;
import java.util.Set;

/**
 * What a record deleted in Salesforce does to its QuickBooks record, per mapping ({@code
 * onSalesforceDelete}). QuickBooks deletes no name-list entity (it makes them inactive), and voids and
 * deletes only transactions, so each policy names the entities it fits.
 */
public enum SalesforceDeletePolicy {
  /** The QuickBooks record stays as it is; the delete is reported. */
  NOTHING("left in QuickBooks (onSalesforceDelete NOTHING)", null),
  /** A sparse update setting {@code Active} to false. */
  INACTIVATE("made inactive in QuickBooks", Set.of("Customer", "Vendor", "Item")),
  /** {@code operation=void}: the transaction stays with its amounts zeroed. */
  VOID("voided in QuickBooks", Set.of("Invoice", "Payment", "SalesReceipt")),
  /** {@code operation=delete}. */
  DELETE("deleted in QuickBooks", Set.of("Invoice", "Payment", "CreditMemo", "SalesReceipt", "Estimate"));

  private final String done;
  private final Set<String> entities;

  SalesforceDeletePolicy(String done, Set<String> entities) {
    this.done = done;
    this.entities = entities;
  }

  /** What became of the QuickBooks record, for the run's outcome, e.g. "voided in QuickBooks". */
  public String done() {
    return done;
  }

  /** Whether QuickBooks can do this to a record of {@code qboEntity}. */
  public boolean fits(String qboEntity) {
    return entities == null || entities.contains(qboEntity);
  }

  /** The QuickBooks entities this policy fits, sorted, for messages; empty for every entity. */
  public List<String> entities() {
    return entities == null ? List.of() : entities.stream().sorted().toList();
  }
}
