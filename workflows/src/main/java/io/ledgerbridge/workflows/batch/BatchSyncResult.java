package io.ledgerbridge.workflows.batch;

import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.util.List;

/** What a batch sync run did, object by object. */
public record BatchSyncResult(String runId, RunStatus status, List<ObjectRunReport> objects) {}
