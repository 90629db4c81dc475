package io.ledgerbridge.worker.errors;

import java.util.List;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Chooses how a retry runs: an object that failed as a whole runs again as a one-off batch run;
 * records go to the per-record sync, which re-reads exactly them whatever the cursor says.
 */
@Primary
@Component
class Retriers implements RecordRetrier {
  private final ObjectRunRetrier objectRuns;
  private final RecordSyncRetrier recordSyncs;

  Retriers(ObjectRunRetrier objectRuns, RecordSyncRetrier recordSyncs) {
    this.objectRuns = objectRuns;
    this.recordSyncs = recordSyncs;
  }

  @Override
  public List<RetryStarted> retry(RetryTarget target) {
    return target.wholeObject() ? objectRuns.retry(target) : recordSyncs.retry(target);
  }
}
