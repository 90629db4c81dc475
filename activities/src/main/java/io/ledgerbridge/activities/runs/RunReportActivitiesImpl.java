package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.runs.RunStarted;
import java.util.Objects;

/** Writes run reports to the database for the admin's run list. */
public final class RunReportActivitiesImpl implements RunReportActivities {
  private final RunStore runs;

  public RunReportActivitiesImpl(RunStore runs) {
    this.runs = Objects.requireNonNull(runs, "runs");
  }

  /** Idempotent on the run id: the row keyed by it is inserted once, then updated. */
  @Override
  public void recordRunStarted(RunStarted run) {
    runs.recordStarted(run);
  }

  /** Idempotent on the run id: the run row is updated and its object rows replaced. */
  @Override
  public void recordRunFinished(RunFinished run) {
    runs.recordFinished(run);
  }
}
