package io.ledgerbridge.worker.runs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Where one object of a running run stands, from Temporal: {@code done} records of {@code total}
 * (null while the source has not said how many); counts from the activity's last heartbeat, or
 * its result once done.
 *
 * @param attempt the activity attempt, above 1 when Temporal is retrying it
 * @param lastFailure why the previous attempt failed, while it is being retried
 */
record ObjectProgress(
    String object,
    State state,
    long done,
    Long total,
    Integer created,
    Integer updated,
    Integer unchanged,
    Integer deferred,
    Integer failed,
    Integer attempt,
    Instant lastHeartbeatAt,
    String lastFailure) {

  @Schema(name = "ObjectProgressState")
  enum State {
    /** Not started yet: an earlier object is still running. */
    WAITING,
    /** Waiting for another run that is syncing the same company, object and direction. */
    WAITING_FOR_LOCK,
    /** Scheduled, waiting for a worker or for a retry's backoff. */
    SCHEDULED,
    RUNNING,
    DONE,
    FAILED
  }

  static ObjectProgress waiting(String object) {
    return new ObjectProgress(object, State.WAITING, 0, null, null, null, null, null, null, null, null, null);
  }
}
