package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.quickbooks.ChartOfAccounts;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One sync of records of one object in one direction, within a job run or a per-record request:
 * what errors and deferrals are attributed to, which conflict policy applies, and the tally.
 */
final class SyncRun {
  final String realmId;
  final SyncObject object;
  final SyncDirection direction;
  final ObjectMapping mapping;
  final String jobId;
  final String runId;
  /**
   * Who writes: the workflow run and activity id, the same for every attempt of the activity, so a
   * retried attempt recognises what an earlier one wrote.
   */
  final String writer;
  final boolean pullParents;
  final ConflictPolicy policyOverride;
  final Tally tally;
  final Runnable heartbeat;
  /** The objects being pulled through on the way here, so a pull never loops. */
  final Set<SyncObject> pulling;
  /** Source ids this run already synced from the deferred records: its pages skip them. */
  final Set<String> retried = new HashSet<>();
  /** The company's accounts, read when the run first creates an item (one metered read a run), else null. */
  ChartOfAccounts chartOfAccounts;
  /** What the bulk jobs of earlier attempts ({@link Tally#earlierBulkJobs}) created, asked at this attempt's first upsert; else null. */
  List<SalesforceClient.CreatedInBulk> createdByEarlierBulkJobs;

  SyncRun(
      String realmId,
      SyncObject object,
      SyncDirection direction,
      ObjectMapping mapping,
      String jobId,
      String runId,
      String writer,
      boolean pullParents,
      ConflictPolicy policyOverride,
      Tally tally,
      Runnable heartbeat,
      Set<SyncObject> pulling) {
    this.realmId = realmId;
    this.object = object;
    this.direction = direction;
    this.mapping = mapping;
    this.jobId = jobId;
    this.runId = runId;
    this.writer = writer;
    this.pullParents = pullParents;
    this.policyOverride = policyOverride;
    this.tally = tally;
    this.heartbeat = heartbeat == null ? () -> { } : heartbeat;
    this.pulling = Set.copyOf(pulling);
  }

  ConflictPolicy policy() {
    return policyOverride != null ? policyOverride : mapping.conflictPolicy();
  }

  /** A run of a parent object on this run's behalf (pull-through, or deferred children). */
  SyncRun forObject(SyncObject other, ObjectMapping otherMapping) {
    Set<SyncObject> chain = new HashSet<>(pulling);
    chain.add(object);
    return new SyncRun(realmId, other, direction, otherMapping, jobId, runId, writer, pullParents, null, new Tally(false),
        heartbeat, chain);
  }

  @Override
  public String toString() {
    return object.displayName() + " " + direction + " of company " + realmId;
  }
}
