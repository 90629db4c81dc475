package io.ledgerbridge.workflows.reconcile;

/** The names through which Temporal, our worker and outside clients meet a company's reconciliation. */
public final class Reconciliations {
  /** The workflow type, as the temporal CLI's {@code --type} takes it. */
  public static final String WORKFLOW_TYPE = "Reconcile";

  private static final String WORKFLOW_ID_PREFIX = "ledgerbridge-reconcile-";

  private Reconciliations() {}

  /** The cron workflow id of a company's scheduled reconciliations: one open chain per company. */
  public static String scheduledWorkflowId(String companyId) {
    return WORKFLOW_ID_PREFIX + companyId;
  }

  /**
   * The workflow id of the company's reconciliations started by hand: the same for each, so
   * Temporal itself refuses a second while the first is open.
   */
  public static String manualWorkflowId(String companyId) {
    return WORKFLOW_ID_PREFIX + companyId + "-manual";
  }
}
