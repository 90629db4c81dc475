package io.ledgerbridge.activities.mapping;

import io.ledgerbridge.workflows.catalog.SyncObject;

/**
 * Turns the id of a parent record on the source side into its id on the target side: a QuickBooks
 * Customer id into the Salesforce Account id, or back.
 */
@FunctionalInterface
public interface References {
  /** The target-side id, or null when the parent is not in the target (yet). */
  String targetId(SyncObject parent, String sourceId);

  /** Resolves nothing: every reference is missing. */
  References NONE = (parent, id) -> null;
}
