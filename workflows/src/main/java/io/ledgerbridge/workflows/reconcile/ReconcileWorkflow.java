package io.ledgerbridge.workflows.reconcile;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A company's reconciliation: its records compared object by object in QuickBooks, Salesforce and
 * the record links. Started by hand, or as a cron workflow on the reconciliation schedule.
 */
@WorkflowInterface
public interface ReconcileWorkflow {

  @WorkflowMethod(name = Reconciliations.WORKFLOW_TYPE)
  ReconcileResult run(ReconcileInput input);
}
