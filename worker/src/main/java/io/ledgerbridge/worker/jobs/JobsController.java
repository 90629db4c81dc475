package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/jobs}: schedule, list, inspect, run and delete batch sync jobs. */
@Tag(name = "Jobs", description = "Batch sync jobs: one QuickBooks company, one direction, objects in order, a schedule")
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/jobs")
class JobsController {
  private final JobService jobs;
  private final AuditTrail audit;

  JobsController(JobService jobs, AuditTrail audit) {
    this.jobs = jobs;
    this.audit = audit;
  }

  /** What a created job is, as the audit trail shows it. */
  private record CreatedJob(String name, String companyId, SyncDirection direction, List<String> objects,
      String schedule, boolean pullMissingParents) {}

  @Operation(operationId = "createJob", summary = "Create and schedule a job",
      description = "The id is derived from the name. Objects are synced in the order listed, parents first.")
  @ApiResponse(responseCode = "201", description = "Created and scheduled; Location is the job's URL")
  @ApiResponse(responseCode = "400", description = "A field breaks a rule; the message names the field and the rule")
  @ApiResponse(responseCode = "409", description = "Another job has this name")
  @PostMapping
  @Audited(AuditAction.JOB_CREATED)
  @RequiresRole(Role.ADMIN)
  ResponseEntity<JobView> create(@RequestBody JobRequest request) {
    JobView created = jobs.create(request);
    audit.describe(created.id(), new CreatedJob(created.name(), created.companyId(), created.direction(),
        created.objects(), created.scheduleDescription(), created.pullMissingParents()));
    return ResponseEntity.created(URI.create("/api/jobs/" + created.id())).body(created);
  }

  @Operation(operationId = "listJobs", summary = "Every job",
      description = "Also cron workflows started outside the API (external: true), with their next runs and last run.")
  @GetMapping
  List<JobView> list() {
    return jobs.list();
  }

  @Operation(operationId = "getJob", summary = "One job")
  @ApiResponse(responseCode = "200", description = "The job")
  @ApiResponse(responseCode = "404", description = "No job with this id")
  @GetMapping("/{id}")
  JobView get(@PathVariable String id) {
    return jobs.get(id);
  }

  @Operation(operationId = "updateJob", summary = "Change a job; fields left out keep their values",
      description = "Temporal's cron chain is replaced once no run of it is executing (temporalState CHANGE_PENDING"
          + " meanwhile), so no run is lost or doubled.")
  @ApiResponse(responseCode = "200", description = "The changed job")
  @ApiResponse(responseCode = "400", description = "A field breaks a rule; the message names the field and the rule")
  @ApiResponse(responseCode = "404", description = "No job with this id")
  @ApiResponse(responseCode = "409", description = "Another job has this name")
  @PutMapping("/{id}")
  @RequiresRole(Role.ADMIN)
  @Audited(AuditAction.JOB_CHANGED)
  JobView update(@PathVariable String id, @RequestBody JobRequest changes) {
    JobView updated = jobs.update(id, changes);
    // The fields sent are the fields changed: those left out keep their values.
    audit.describe(updated.id(), changes);
    return updated;
  }

  @Operation(operationId = "pauseJob", summary = "Stop the schedule; a run in progress finishes",
      description = "Pausing an external job takes it over as a LedgerBridge job.")
  @ApiResponse(responseCode = "200", description = "The paused job")
  @ApiResponse(responseCode = "400", description = "An external job whose workflow input cannot be read")
  @ApiResponse(responseCode = "404", description = "No job with this id")
  @PostMapping("/{id}/pause")
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.JOB_PAUSED)
  JobView pause(@PathVariable String id) {
    JobView paused = jobs.pause(id);
    audit.describe(paused.id(), Collections.singletonMap("name", paused.name()));
    return paused;
  }

  @Operation(operationId = "resumeJob", summary = "Restart the schedule")
  @ApiResponse(responseCode = "200", description = "The active job")
  @ApiResponse(responseCode = "404", description = "No job with this id")
  @PostMapping("/{id}/resume")
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.JOB_RESUMED)
  JobView resume(@PathVariable String id) {
    JobView resumed = jobs.resume(id);
    audit.describe(resumed.id(), Collections.singletonMap("name", resumed.name()));
    return resumed;
  }

  @Operation(operationId = "runJob", summary = "Run once now, outside the schedule",
      description = "A job has one run started by hand at a time; follow it at /api/runs/{runId}.")
  @ApiResponse(responseCode = "202", description = "Started; Location is the run's URL")
  @ApiResponse(responseCode = "404", description = "No job with this id")
  @ApiResponse(responseCode = "409", description = "The job's run started by hand has not ended (the message names its"
      + " runId), or the job was started outside LedgerBridge")
  @PostMapping("/{id}/run")
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.JOB_RUN)
  ResponseEntity<ManualRun> runNow(@PathVariable String id) {
    ManualRun run = jobs.runNow(id);
    audit.describe(run.jobId(), Map.of("workflowId", run.workflowId(), "runId", run.runId()));
    return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.runId())).body(run);
  }

  @Operation(operationId = "deleteJob", summary = "Stop the cron workflow at once and remove the job",
      description = "Its run history stays.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No job with this id")
  @DeleteMapping("/{id}")
  @RequiresRole(Role.ADMIN)
  @Audited(AuditAction.JOB_DELETED)
  ResponseEntity<Void> delete(@PathVariable String id) {
    jobs.delete(id);
    return ResponseEntity.noContent().build();
  }
}
