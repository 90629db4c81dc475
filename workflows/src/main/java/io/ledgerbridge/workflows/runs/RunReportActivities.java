package io.ledgerbridge.workflows.runs;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Keeps run reports in the database, so they outlive Temporal's history and the embedded server. */
@ActivityInterface
public interface RunReportActivities {

  /** Records a run as running; idempotent on the run id. */
  @ActivityMethod
  void recordRunStarted(RunStarted run);

  /** Records a run's outcome and per-object counts; idempotent on the run id. */
  @ActivityMethod
  void recordRunFinished(RunFinished run);
}
