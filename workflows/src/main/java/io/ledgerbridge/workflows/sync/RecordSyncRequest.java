package io.ledgerbridge.workflows.sync;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;

/**
 * Some records of one object, synced now by their source ids: the entry point of "retry this
 * record", of real-time notifications, and of deferred records. At most {@link #MAX_IDS} ids, so
 * the request stays small in workflow history.
 *
 * @param sourceIds ids in the source system: QBO ids for {@code QBO_TO_SALESFORCE}, Salesforce
 *     record ids for {@code SALESFORCE_TO_QBO}
 * @param jobId the job on whose behalf it runs, or null
 * @param runId what the record errors are attributed to (a workflow run id), or null
 * @param resolveConflictWith the policy for records both sides changed, overriding the object's
 *     own (a person settling a held conflict); null keeps the object's policy
 * @param pullMissingParents sync a missing parent first instead of deferring; null means no
 */
public record RecordSyncRequest(
    String companyId,
    SyncObject object,
    SyncDirection direction,
    List<String> sourceIds,
    String jobId,
    String runId,
    ConflictPolicy resolveConflictWith,
    Boolean pullMissingParents) {

  /** The most ids one request carries. */
  public static final int MAX_IDS = 100;

  public RecordSyncRequest {
    sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
  }

  /** Records of one object, with the object's own conflict policy and no pull-through. */
  public static RecordSyncRequest of(
      String companyId, SyncObject object, SyncDirection direction, List<String> sourceIds) {
    return new RecordSyncRequest(companyId, object, direction, sourceIds, null, null, null, null);
  }

  public boolean pullsMissingParents() {
    return Boolean.TRUE.equals(pullMissingParents);
  }
}
