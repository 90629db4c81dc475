package io.ledgerbridge.workflows.sync;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * Which mappings to check against the Salesforce org's describe results, and against a QuickBooks
 * company's chart of accounts when one is named.
 *
 * @param objects the objects to check; empty or null checks every mapped object
 * @param direction the direction to check; null checks both
 * @param companyId the QuickBooks company (realmId) whose chart of accounts (the accounts the Item mapping's
 *     itemAccounts names) and currency and tax settings the mappings are checked against too; null checks the
 *     Salesforce org only
 */
public record PreflightRequest(List<SyncObject> objects, SyncDirection direction, String companyId) {
  public PreflightRequest {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }

  /** The Salesforce org only. */
  public PreflightRequest(List<SyncObject> objects, SyncDirection direction) {
    this(objects, direction, null);
  }

  /** Every mapped object, both directions, in the Salesforce org. */
  public static PreflightRequest everything() {
    return new PreflightRequest(List.of(), null, null);
  }
}
