package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * Records a notification says changed, of one object, on their way to the opposite system.
 *
 * @param companyId the QuickBooks company, or null for a Salesforce change: it goes to every company
 *     whose active jobs sync the object from Salesforce
 * @param sourceIds QuickBooks ids or Salesforce record ids, as the notification names them
 */
record ChangedRecords(String companyId, SyncDirection direction, SyncObject object, List<String> sourceIds) {
  ChangedRecords {
    sourceIds = List.copyOf(sourceIds);
  }
}
