package io.ledgerbridge.worker.errors;

import java.util.List;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Chooses how a retry runs: an object that failed as a whole runs again as a one-off batch run;
 * records go to the per-record sync once the worker registers its workflow, until then they too
 * ride a batch run of their object (which retries records changed at the source since).
 */
@Primary
@Component
class Retriers implements RecordRetrier {
  /**
   * Whether this worker registers {@code RecordSyncWorkflowImpl}. The worker's registration lives
   * in {@code TemporalConfiguration}; until it registers that workflow, starting one would wait
   * for a worker forever.
   */
  static final boolean RECORD_SYNC_REGISTERED = false;

  private final ObjectRunRetrier objectRuns;
  private final RecordSyncRetrier recordSyncs;

  Retriers(ObjectRunRetrier objectRuns, RecordSyncRetrier recordSyncs) {
    this.objectRuns = objectRuns;
    this.recordSyncs = recordSyncs;
  }

  @Override
  public List<RetryStarted> retry(RetryTarget target) {
    if (target.wholeObject() || !RECORD_SYNC_REGISTERED) {
      return objectRuns.retry(target);
    }
    return recordSyncs.retry(target);
  }
}
