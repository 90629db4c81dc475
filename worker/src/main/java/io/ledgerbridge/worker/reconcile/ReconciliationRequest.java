package io.ledgerbridge.worker.reconcile;

import java.util.List;

/**
 * The body of {@code POST /api/reconciliations}; every field may be left out.
 *
 * @param companyId the QuickBooks realmId; may be left out while exactly one company is connected
 * @param objects the objects to compare; left out or empty for every object with a mapping
 * @param repair hand what differs to the per-record sync, to be synced again
 */
record ReconciliationRequest(String companyId, List<String> objects, Boolean repair) {}
