package io.ledgerbridge.workflows.batch;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import java.util.List;

/**
 * The input of a batch sync run: plain JSON, so the temporal CLI and any SDK can start a job, e.g.
 * {@code {"jobId":"nightly","name":"Nightly customers","companyId":"9130357766001001",
 * "direction":"QBO_TO_SALESFORCE","objects":["Customer","Invoice"]}}.
 */
public record BatchSyncInput(
    String jobId, String name, String companyId, SyncDirection direction, List<String> objects) {}
