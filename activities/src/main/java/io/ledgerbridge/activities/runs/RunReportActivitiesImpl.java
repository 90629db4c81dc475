package io.ledgerbridge.activities.runs;

import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes run reports to the database for the admin's run list, turns objects that failed as a
 * whole into errors in the error list (and closes those errors when the object runs again), logs
 * one line per run and per object, and tells the {@link RunListener}.
 */
public final class RunReportActivitiesImpl implements RunReportActivities {
  private static final Logger log = LoggerFactory.getLogger(RunReportActivitiesImpl.class);

  private final RunStore runs;
  private final RecordErrorStore errors;
  private final RunListener listener;

  public RunReportActivitiesImpl(RunStore runs) {
    this(runs, new RecordErrorStore(Objects.requireNonNull(runs, "runs").jdbc()), RunListener.NONE);
  }

  public RunReportActivitiesImpl(RunStore runs, RecordErrorStore errors, RunListener listener) {
    this.runs = Objects.requireNonNull(runs, "runs");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Idempotent on the run id: the row keyed by it is inserted once, then updated. */
  @Override
  public void recordRunStarted(RunStarted run) {
    runs.recordStarted(run);
    log.info(
        "Run {} of job {} ('{}') started: company {} {} objects {}",
        run.runId(),
        run.jobId(),
        run.jobName(),
        run.companyId(),
        run.direction(),
        run.objects());
    runs.find(run.runId()).ifPresent(stored -> tell(() -> listener.runStarted(stored)));
  }

  /**
   * Idempotent on the run id: the run row is updated and its object rows replaced; an object
   * error is recorded once per run and resolved by any later run of the object that did not fail.
   */
  @Override
  public void recordRunFinished(RunFinished run) {
    runs.recordFinished(run);
    Optional<RunReport> stored = runs.find(run.runId());
    if (stored.isEmpty()) {
      return;
    }
    RunReport report = stored.get();
    if (report.companyId() != null && report.direction() != null) {
      recordObjectErrors(report, run.objects() == null ? List.of() : run.objects());
    }
    int openErrors = errors.countOpen(report.companyId());
    runs.recordOpenErrors(run.runId(), openErrors);
    Integer previous = runs.previousOpenErrors(report.jobId(), report.runId()).orElse(null);
    logOutcome(report);
    RunDetails details = runs.details(run.runId());
    tell(() -> listener.runFinished(new RunListener.FinishedRun(report, details, openErrors, previous)));
  }

  private void recordObjectErrors(RunReport report, List<ObjectRunReport> objects) {
    SyncDirection direction = SyncDirection.valueOf(report.direction());
    for (ObjectRunReport object : objects) {
      Optional<SyncObject> known = SyncObject.find(object.object());
      if (known.isEmpty()) {
        continue;
      }
      if (object.status() == RunStatus.FAILED) {
        String error = object.error() == null ? "the object failed without a reason" : object.error();
        errors.record(
            new RecordFailure(
                report.companyId(),
                known.get(),
                direction,
                RecordErrorStore.WHOLE_OBJECT,
                ObjectFailures.errorTypeOf(error),
                null,
                "The whole " + object.object() + " sync failed after Temporal's retries: " + error,
                report.jobId(),
                report.runId()));
      } else if (object.status() == RunStatus.SUCCEEDED || object.status() == RunStatus.PARTLY_FAILED) {
        errors.resolve(report.companyId(), known.get(), direction, List.of(RecordErrorStore.WHOLE_OBJECT));
      }
    }
  }

  private static void logOutcome(RunReport run) {
    Duration took =
        run.startedAt() == null || run.finishedAt() == null ? null : Duration.between(run.startedAt(), run.finishedAt());
    String counts =
        run.objectReports().stream()
            .map(o -> o.object() + " " + o.status() + " read " + o.counts().read() + " failed " + o.counts().failed())
            .collect(Collectors.joining("; "));
    String line = "Run {} of job {} ('{}') for company {} {} ended {} in {}: {}{}";
    Object[] args = {
      run.runId(),
      run.jobId(),
      run.jobName(),
      run.companyId(),
      run.direction(),
      run.status(),
      took,
      counts,
      run.cause() == null ? "" : "; cause: " + run.cause()
    };
    if (run.status() == RunStatus.SUCCEEDED) {
      log.info(line, args);
    } else {
      log.warn(line, args);
    }
    for (ObjectRunReport o : run.objectReports()) {
      log.info(
          "Run {} object {} {} {}: {}{}",
          run.runId(),
          o.object(),
          run.direction(),
          o.status(),
          o.counts(),
          o.error() == null ? "" : "; " + o.error());
    }
  }

  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException listenerFailed) {
      log.warn("A run listener failed; the run report is stored regardless", listenerFailed);
    }
  }
}
