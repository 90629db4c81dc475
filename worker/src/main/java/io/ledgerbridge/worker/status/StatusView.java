package io.ledgerbridge.worker.status;

import io.ledgerbridge.activities.quickbooks.QuickBooksMeter;
import io.ledgerbridge.activities.salesforce.OrgStatus;
import io.ledgerbridge.worker.realtime.RealTimeActivity;
import io.ledgerbridge.workflows.reconcile.ReconcileStatus;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The status summary, the data behind the dashboard: per company, per object and direction, what
 * is in sync, what failed, what waits, and when it last synced; the Salesforce org as this instance
 * last saw it (its daily API allowance from the last answer); and what this instance received of the
 * real-time change notifications since it started.
 */
record StatusView(
    Instant generatedAt, Totals totals, List<Company> companies, OrgStatus salesforce,
    QuickBooksCalls quickBooksCalls, List<RealTimeActivity.Source> realTime) {

  /**
   * QuickBooks calls of this month (UTC) as Intuit meters them, counted by every worker: CorePlus
   * (reads, queries, change data capture) for all companies against the monthly budget, and each
   * company's CorePlus and Core (writes, not metered) calls.
   *
   * @param state OK, WARNING (80% of the budget or more), READ_BUDGET (spent: no read is sent until {@code resetsAt})
   */
  record QuickBooksCalls(String month, long corePlus, long budget, QuickBooksMeter.BudgetState state, Instant resetsAt,
      List<CompanyCalls> companies) {}

  record CompanyCalls(String companyId, long corePlus, long core) {}

  /** Across every company. */
  record Totals(int inSync, int openErrors, int deferred, int objectsFailing) {}

  /**
   * One QuickBooks company: {@code connected} tells whether LedgerBridge holds its tokens;
   * {@code lastReconciliation} is its newest ended reconciliation, or null.
   */
  record Company(
      String companyId, boolean connected, int openErrors, List<ObjectStatus> objects, LastReconciliation lastReconciliation) {}

  /**
   * A reconciliation's outcome in short; {@code GET /api/reconciliations/{id}} has the findings.
   *
   * @param differences records on which QuickBooks and Salesforce disagree
   * @param differencesByObject the same per object and Salesforce object, e.g. {@code Invoice/Invoice__c}
   */
  record LastReconciliation(
      String id, ReconcileStatus status, Instant finishedAt, int differences, Map<String, Integer> differencesByObject) {}

  /**
   * One object in one direction.
   *
   * @param state OK, ERRORS (some records failed), FAILING (the last run of the object failed as
   *     a whole), or NEVER_SYNCED
   * @param linked records known on both sides; {@code inSync} of them without an open error
   * @param openErrors open record errors by type; a failed whole-object run counts under its type too
   * @param deferred records waiting now for their parent to reach the target
   * @param lastSuccessfulSync when a run of the object last synced records (succeeded or partly failed)
   */
  record ObjectStatus(
      String object,
      String direction,
      State state,
      int linked,
      int inSync,
      int openErrors,
      Map<String, Integer> errorsByType,
      int deferred,
      Instant lastSuccessfulSync,
      LastRun lastRun,
      String cursor,
      List<String> jobs) {}

  /** The object's latest finished run; {@code deferred} records it deferred. */
  @Schema(name = "ObjectLastRun")
  record LastRun(String runId, RunStatus status, Instant finishedAt, int deferred, String error) {}

  @Schema(name = "ObjectSyncState")
  enum State {
    OK,
    ERRORS,
    FAILING,
    NEVER_SYNCED
  }
}
