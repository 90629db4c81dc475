package io.ledgerbridge.worker.runs;

import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.observability.RunApiCalls;
import io.ledgerbridge.worker.temporal.TemporalUiLinks;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/runs}: the report of every job run, newest first, with per-object counts, API calls
 * and duration; a running run also shows its live progress, object by object.
 */
@Tag(name = "Runs", description = "Run reports of the jobs: status, cause, duration, API calls, per-object counts")
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/runs")
class RunsController {
  private static final int MAX_LIMIT = 500;
  /** The width of job_run's job_id and company_id columns. */
  private static final int MAX_FILTER_LENGTH = 64;

  private final RunStore runs;
  private final RunApiCalls apiCalls;
  private final LiveProgress progress;
  private final RunReconciler reconciler;
  private final TemporalUiLinks temporalUi;

  RunsController(
      RunStore runs, RunApiCalls apiCalls, LiveProgress progress, RunReconciler reconciler, TemporalUiLinks temporalUi) {
    this.runs = runs;
    this.apiCalls = apiCalls;
    this.progress = progress;
    this.reconciler = reconciler;
    this.temporalUi = temporalUi;
  }

  @Operation(operationId = "listRuns", summary = "Run reports, newest first")
  @ApiResponse(responseCode = "200", description = "The runs matching the filters")
  @ApiResponse(responseCode = "400", description = "A filter, limit or offset out of range; the message names it")
  @GetMapping
  List<RunView> list(
      @RequestParam(required = false) String jobId,
      @RequestParam(required = false) String companyId,
      @RequestParam(required = false) RunStatus status,
      @Parameter(description = "1 to " + MAX_LIMIT) @RequestParam(defaultValue = "50") int limit,
      @Parameter(description = "Runs to skip, 0 or more") @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: between 1 and " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset: 0 or more");
    }
    return runs.search(
            RequestText.optional("jobId", jobId, MAX_FILTER_LENGTH),
            RequestText.optional("companyId", companyId, MAX_FILTER_LENGTH), status, offset, limit)
        .stream()
        .map(run -> RunView.of(run, runs.details(run.runId()), apiCalls.of(run.runId()), null,
            temporalUi.run(run.workflowId(), run.runId())))
        .toList();
  }

  @Operation(operationId = "getRun", summary = "One run report", description = "A running run also shows its live progress.")
  @ApiResponse(responseCode = "200", description = "The run")
  @ApiResponse(responseCode = "404", description = "No run with this id yet; a run appears once its first activity recorded it")
  @GetMapping("/{runId}")
  RunView get(@PathVariable String runId) {
    RunReport run = find(runId);
    if (run.status() == RunStatus.RUNNING && reconciler.reconcile(run)) {
      run = find(runId);
    }
    return RunView.of(
        run,
        runs.details(runId),
        apiCalls.of(runId),
        run.status() == RunStatus.RUNNING ? progress.of(run) : null,
        temporalUi.run(run.workflowId(), run.runId()));
  }

  private RunReport find(String runId) {
    return runs.find(runId)
        .orElseThrow(
            () -> new ResponseStatusException(
                HttpStatus.NOT_FOUND,
                "no run with id '" + runId + "' yet; a run appears once its first activity has recorded it"));
  }
}
