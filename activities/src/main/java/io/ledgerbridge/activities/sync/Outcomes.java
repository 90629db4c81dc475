package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.workflows.sync.FailureType;
import java.util.List;

/** Where a side reports what became of each record it wrote, as soon as it knows. */
interface Outcomes {
  /**
   * Records whose target record is written but whose sync is not finished (lines, prices, read-back):
   * if the attempt dies now, the next one knows the write was its own, and whether it created.
   */
  void started(List<Pending> written);

  /** Records synced: their links are saved at once, in one go. */
  void written(List<Written> written);

  /**
   * One record the target took.
   *
   * @param targetVersion the target record's version after the write, as its end of a link keeps it
   * @param saved the target record as the write left it, when the write answers with it; else null
   */
  record Written(Pending pending, String targetVersion, ObjectNode saved) {}

  /** A record the target refused for a reference it lacks: it waits. */
  void deferred(String sourceId, String why);

  void failed(String sourceId, FailureType type, String remoteCode, String message);
}
