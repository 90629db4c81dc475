package io.ledgerbridge.worker.runs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ledgerbridge.workflows.sync.RecordCounts;
import io.ledgerbridge.activities.runs.ObjectDetails;
import io.ledgerbridge.activities.runs.RunDetails;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job run as the API shows it: the stored report with per-object counts, conflicts and failure
 * types, API calls per system, duration, and, while it runs, {@code progress} from Temporal.
 *
 * @param openErrors the company's open errors when the run finished
 * @param temporalUrl the run's page in Temporal's web UI, when {@code ledgerbridge.temporal.ui-url} is set
 */
record RunView(
    String runId,
    String jobId,
    String workflowId,
    String jobName,
    String companyId,
    String direction,
    List<String> objects,
    RunStatus status,
    String cause,
    Instant startedAt,
    Instant finishedAt,
    Long durationMillis,
    Map<String, Long> apiCalls,
    Integer openErrors,
    List<ObjectView> objectReports,
    List<ObjectProgress> progress,
    String temporalUrl) {

  /** One object's outcome: the workflow's counts plus conflicts and, for a failed object, its failure type. */
  record ObjectView(
      String object,
      RunStatus status,
      @JsonUnwrapped RecordCounts counts,
      int conflicts,
      String failureType,
      String error,
      Instant startedAt,
      Instant finishedAt,
      Long durationMillis,
      String note) {}

  static RunView of(
      RunReport run, RunDetails details, Map<String, Long> apiCalls, List<ObjectProgress> progress, String temporalUrl) {
    List<ObjectView> objects =
        run.objectReports().stream().map(o -> object(o, find(details, o.object()))).toList();
    return new RunView(
        run.runId(),
        run.jobId(),
        run.workflowId(),
        run.jobName(),
        run.companyId(),
        run.direction(),
        run.objects(),
        run.status(),
        run.cause(),
        run.startedAt(),
        run.finishedAt(),
        millis(run.startedAt(), run.finishedAt()),
        apiCalls,
        details.openErrors(),
        objects,
        progress == null || progress.isEmpty() ? null : progress,
        temporalUrl);
  }

  private static ObjectView object(ObjectRunReport o, ObjectDetails extra) {
    return new ObjectView(
        o.object(),
        o.status(),
        o.counts(),
        extra == null ? 0 : extra.conflicts(),
        extra == null ? null : extra.failureType(),
        o.error(),
        o.startedAt(),
        o.finishedAt(),
        millis(o.startedAt(), o.finishedAt()),
        o.note());
  }

  private static ObjectDetails find(RunDetails details, String object) {
    return details.objects().stream().filter(d -> d.object().equals(object)).findFirst().orElse(null);
  }

  private static Long millis(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to).toMillis();
  }
}
