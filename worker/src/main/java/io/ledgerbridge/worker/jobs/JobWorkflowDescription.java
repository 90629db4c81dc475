package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job's workflow says about itself in Temporal, so that its web UI, {@code temporal workflow
 * describe} and any SDK show which job, company, objects and kind of run it is without LedgerBridge:
 * the memo (fields, for scripts) and the static summary (one line, the UI's title) and details (the
 * UI's description).
 *
 * <p>The embedded Temporal keeps all three for a cron chain's first run only; a real server carries
 * the memo on to each cron run.
 */
final class JobWorkflowDescription {

  /** How the run was started; a run cannot know its own run id before it starts. */
  enum Trigger {
    SCHEDULE("scheduled"),
    BY_HAND("started by hand");

    private final String text;

    Trigger(String text) {
      this.text = text;
    }
  }

  private JobWorkflowDescription() {}

  /** The options with the job's memo, summary and details set. */
  static WorkflowOptions.Builder describe(WorkflowOptions.Builder options, Job job, Trigger trigger) {
    return options.setMemo(memo(job, trigger)).setStaticSummary(summary(job, trigger)).setStaticDetails(details(job, trigger));
  }

  static Map<String, Object> memo(Job job, Trigger trigger) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("jobId", job.id());
    memo.put("name", job.name());
    memo.put("companyId", job.companyId());
    memo.put("direction", job.direction().name());
    memo.put("objects", String.join(", ", job.objects()));
    memo.put("schedule", job.compiled().description());
    memo.put("run", trigger.text);
    return memo;
  }

  /** e.g. {@code Nightly customers: Customer, QuickBooks 9130357766001001 → Salesforce (scheduled)}. */
  static String summary(Job job, Trigger trigger) {
    String flow = job.direction() == SyncDirection.QBO_TO_SALESFORCE
        ? "QuickBooks " + job.companyId() + " → Salesforce"
        : "Salesforce → QuickBooks " + job.companyId();
    return job.name() + ": " + String.join(", ", job.objects()) + ", " + flow + " (" + trigger.text + ")";
  }

  static String details(Job job, Trigger trigger) {
    return "LedgerBridge batch sync job `" + job.id() + "` (" + job.name() + ")\n\n"
        + "- Company (QuickBooks realmId): " + job.companyId() + "\n"
        + "- Direction: " + job.direction().name() + "\n"
        + "- Objects, in sync order: " + String.join(", ", job.objects()) + "\n"
        + "- Schedule: " + job.compiled().description() + " (Temporal cron `" + job.temporalCron() + "` in UTC)\n"
        + "- This run: " + trigger.text + "\n"
        + "- Run report: `GET /api/runs/<this run's id>` or `./ledgerbridge runs list --job " + job.id() + "`\n";
  }
}
