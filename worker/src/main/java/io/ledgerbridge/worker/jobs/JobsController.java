package io.ledgerbridge.worker.jobs;

import java.net.URI;
import java.util.List;
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
@RestController
@RequestMapping("/api/jobs")
class JobsController {
  private final JobService jobs;

  JobsController(JobService jobs) {
    this.jobs = jobs;
  }

  @PostMapping
  ResponseEntity<JobView> create(@RequestBody JobRequest request) {
    JobView created = jobs.create(request);
    return ResponseEntity.created(URI.create("/api/jobs/" + created.id())).body(created);
  }

  @GetMapping
  List<JobView> list() {
    return jobs.list();
  }

  @GetMapping("/{id}")
  JobView get(@PathVariable String id) {
    return jobs.get(id);
  }

  /** Changes a job; fields left out keep their values. */
  @PutMapping("/{id}")
  JobView update(@PathVariable String id, @RequestBody JobRequest changes) {
    return jobs.update(id, changes);
  }

  @PostMapping("/{id}/pause")
  JobView pause(@PathVariable String id) {
    return jobs.pause(id);
  }

  @PostMapping("/{id}/resume")
  JobView resume(@PathVariable String id) {
    return jobs.resume(id);
  }

  @PostMapping("/{id}/run")
  ResponseEntity<ManualRun> runNow(@PathVariable String id) {
    ManualRun run = jobs.runNow(id);
    return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.runId())).body(run);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    jobs.delete(id);
    return ResponseEntity.noContent().build();
  }
}
