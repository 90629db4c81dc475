package io.ledgerbridge.workflows.sync;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * Which mappings to check against the Salesforce org's describe results.
 *
 * @param objects the objects to check; empty or null checks every mapped object
 * @param direction the direction to check; null checks both
 */
public record PreflightRequest(List<SyncObject> objects, SyncDirection direction) {
  public PreflightRequest {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }

  /** Every mapped object, both directions. */
  public static PreflightRequest everything() {
    return new PreflightRequest(List.of(), null);
  }
}
