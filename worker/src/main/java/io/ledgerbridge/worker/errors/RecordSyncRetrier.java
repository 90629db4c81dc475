package io.ledgerbridge.worker.errors;

import io.ledgerbridge.worker.recordsync.RecordSyncs;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retries records with the per-record sync ({@link RecordSyncs}): they join the company's one
 * per-record sync of the object, where real-time notifications go too, so a retry and a live sync
 * of the same record never run at once. It re-reads exactly these records, whatever the cursor says.
 */
@Component
class RecordSyncRetrier implements RecordRetrier {
  private static final Logger log = LoggerFactory.getLogger(RecordSyncRetrier.class);

  private final RecordSyncs recordSyncs;

  RecordSyncRetrier(RecordSyncs recordSyncs) {
    this.recordSyncs = recordSyncs;
  }

  @Override
  public List<RetryStarted> retry(RetryTarget target) {
    if (target.wholeObject()) {
      throw new IllegalArgumentException("the per-record sync needs record ids; run the object to retry it as a whole");
    }
    List<RetryStarted> started = recordSyncs.sync(target.companyId(), target.object(), target.direction(),
            target.sourceIds(), target.jobId(), target.jobId(), false).stream()
        .map(handed -> new RetryStarted(Mode.RECORD_SYNC, handed.workflowId(), handed.runId(), handed.sourceIds()))
        .toList();
    log.info("Retrying {} {} record(s) of company {} {} with workflow {}", target.sourceIds().size(),
        target.object().displayName(), target.companyId(), target.direction(), started.get(0).workflowId());
    return started;
  }
}
