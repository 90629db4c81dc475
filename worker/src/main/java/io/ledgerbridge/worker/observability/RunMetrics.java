package io.ledgerbridge.worker.observability;

import io.ledgerbridge.activities.runs.ObjectDetails;
import io.ledgerbridge.activities.runs.RunListener;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Counts what finished runs did: records by object, direction and outcome (created, updated,
 * unchanged, deferred, failed, conflict), runs by status, and run durations.
 */
@Component
class RunMetrics implements RunListener {
  static final String RECORDS = "ledgerbridge.records";
  static final String RUNS = "ledgerbridge.runs";
  static final String RUN_DURATION = "ledgerbridge.run.duration";

  private final MeterRegistry registry;

  RunMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void runFinished(FinishedRun finished) {
    RunReport run = finished.report();
    String direction = run.direction() == null ? "unknown" : run.direction();
    Map<String, ObjectDetails> details =
        finished.details().objects().stream()
            .collect(Collectors.toMap(ObjectDetails::object, Function.identity(), (a, b) -> a));
    for (ObjectRunReport object : run.objectReports()) {
      records(object.object(), direction, "created", object.counts().created());
      records(object.object(), direction, "updated", object.counts().updated());
      records(object.object(), direction, "unchanged", object.counts().unchanged());
      records(object.object(), direction, "deferred", object.counts().deferred());
      records(object.object(), direction, "failed", object.counts().failed());
      ObjectDetails extra = details.get(object.object());
      records(object.object(), direction, "conflict", extra == null ? 0 : extra.conflicts());
    }
    Counter.builder(RUNS)
        .description("Finished job runs by status")
        .tag("status", run.status().name())
        .register(registry)
        .increment();
    if (run.startedAt() != null && run.finishedAt() != null) {
      Timer.builder(RUN_DURATION)
          .description("How long job runs took, by status")
          .tag("status", run.status().name())
          .register(registry)
          .record(Duration.between(run.startedAt(), run.finishedAt()));
    }
  }

  private void records(String object, String direction, String outcome, int count) {
    Counter counter =
        Counter.builder(RECORDS)
            .description("Records handled by job runs, by object, direction and outcome")
            .tag("object", object)
            .tag("direction", direction)
            .tag("outcome", outcome)
            .register(registry);
    if (count > 0) {
      counter.increment(count);
    }
  }
}
