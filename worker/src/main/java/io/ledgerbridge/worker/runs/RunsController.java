package io.ledgerbridge.worker.runs;

import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunStore;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/runs}: the report of every job run, newest first, with per-object counts. */
@RestController
@RequestMapping("/api/runs")
class RunsController {
  private static final int MAX_LIMIT = 500;

  private final RunStore runs;

  RunsController(RunStore runs) {
    this.runs = runs;
  }

  @GetMapping
  List<RunReport> list(
      @RequestParam(required = false) String jobId, @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: between 1 and " + MAX_LIMIT);
    }
    return runs.recent(jobId, limit);
  }

  @GetMapping("/{runId}")
  RunReport get(@PathVariable String runId) {
    return runs.find(runId)
        .orElseThrow(
            () -> new ResponseStatusException(
                HttpStatus.NOT_FOUND,
                "no run with id '" + runId + "' yet; a run appears once its first activity has recorded it"));
  }
}
