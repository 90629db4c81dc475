package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.connections.QuickBooksConnector;
import io.ledgerbridge.worker.temporal.TemporalUiLinks;
import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.batch.BatchSyncInput;
import io.ledgerbridge.workflows.catalog.JobObjects;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.schedule.CompiledSchedule;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Jobs as the admin manages them: validated and kept in the database (the registry, because the
 * embedded Temporal forgets everything on restart), and made real in Temporal by the
 * {@link JobReconciler}. Cron workflows of ours started outside the API are listed as external.
 */
@Service
public class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  /** The Temporal state of a job when Temporal did not answer in time. */
  static final String UNKNOWN = "UNKNOWN";
  private static final Set<Status.Code> TEMPORAL_BUSY =
      Set.of(Status.Code.DEADLINE_EXCEEDED, Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED);
  /** The widths of sync_job.name and sync_job.company_id. */
  private static final int MAX_NAME_LENGTH = 200;
  private static final int MAX_COMPANY_ID_LENGTH = 64;
  private static final int NEXT_RUNS_SHOWN = 5;

  private final JobRepository jobs;
  private final TemporalJobs temporal;
  private final JobReconciler reconciler;
  private final RunStore runs;
  private final QuickBooksConnector quickBooks;
  private final TemporalUiLinks temporalUi;
  private final Clock clock = Clock.systemUTC();

  JobService(
      JobRepository jobs,
      TemporalJobs temporal,
      JobReconciler reconciler,
      RunStore runs,
      QuickBooksConnector quickBooks,
      TemporalUiLinks temporalUi) {
    this.jobs = jobs;
    this.temporal = temporal;
    this.reconciler = reconciler;
    this.runs = runs;
    this.quickBooks = quickBooks;
    this.temporalUi = temporalUi;
  }

  /**
   * Creates and schedules a job.
   *
   * @throws IllegalArgumentException naming the field at fault; nothing is stored then
   * @throws DuplicateJobNameException when the name is taken
   */
  public JobView create(JobRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("send a job as JSON: name, companyId, direction, objects, schedule");
    }
    Instant now = clock.instant();
    CronSchedule.checkInput(request.schedule());
    Job job = validated(null, request, JobState.ACTIVE, now, now);
    if (jobs.findByName(job.name()).isPresent()) {
      throw new DuplicateJobNameException(job.name());
    }
    jobs.insert(job);
    try {
      reconciler.reconcile(job);
    } catch (RuntimeException temporalDown) {
      // The registry and Temporal must agree: a job that could not be scheduled is not kept.
      jobs.delete(job.id());
      throw temporalDown;
    }
    log.info("Created job id={} name='{}' company={} direction={} objects={} schedule='{}'", job.id(), job.name(),
        job.companyId(), job.direction(), job.objects(), job.compiled().description());
    return view(job);
  }

  /**
   * Changes a job; fields left out of the request keep their values. Temporal's chain is replaced
   * once no run of it is executing, so no run is lost or doubled.
   */
  public JobView update(String id, JobRequest changes) {
    Job current = find(id);
    if (changes == null) {
      throw new IllegalArgumentException("send the fields to change as JSON: name, companyId, direction, objects, schedule");
    }
    // Only a schedule sent now meets the input rules; one stored before them is kept as it is.
    CronSchedule.checkInput(changes.schedule());
    JobRequest merged =
        new JobRequest(
            changes.name() != null ? changes.name() : current.name(),
            changes.companyId() != null ? changes.companyId() : current.companyId(),
            changes.direction() != null ? changes.direction() : current.direction(),
            changes.objects() != null ? changes.objects() : current.objects(),
            changes.schedule() != null ? changes.schedule() : current.schedule(),
            changes.pullMissingParents() != null ? changes.pullMissingParents() : current.pullMissingParents());
    Job updated = validated(current.id(), merged, current.state(), current.createdAt(), clock.instant());
    Optional<Job> sameName = jobs.findByName(updated.name());
    if (sameName.isPresent() && !sameName.get().id().equals(id)) {
      throw new DuplicateJobNameException(updated.name());
    }
    jobs.update(updated);
    JobReconciler.Outcome outcome = reconciler.reconcile(updated);
    log.info("Updated job id={}: {}", id, outcome);
    return view(updated);
  }

  /** Stops scheduling a job (a run in progress finishes first); an external job is taken over, paused. */
  public JobView pause(String id) {
    Optional<Job> stored = jobs.find(id);
    if (stored.isEmpty()) {
      return view(takeOverPaused(externalChain(id)));
    }
    Job paused = stored.get().withState(JobState.PAUSED, clock.instant());
    jobs.update(paused);
    reconciler.reconcile(paused);
    log.info("Paused job id={}", id);
    return view(paused);
  }

  public JobView resume(String id) {
    Job active = find(id).withState(JobState.ACTIVE, clock.instant());
    jobs.update(active);
    reconciler.reconcile(active);
    log.info("Resumed job id={}", id);
    return view(active);
  }

  /**
   * Every job, with what Temporal runs; when Temporal does not answer in time (a busy or unreachable
   * server), the jobs as stored, their Temporal state {@code UNKNOWN} and the external ones left out.
   */
  public List<JobView> list() {
    List<Job> stored = jobs.all();
    Optional<Map<String, TemporalJobs.Chain>> answered = whenTemporalAnswers(temporal::openChains);
    List<JobView> views = new ArrayList<>();
    if (answered.isEmpty()) {
      stored.forEach(job -> views.add(view(job, UNKNOWN)));
      return views;
    }
    Map<String, TemporalJobs.Chain> open = new LinkedHashMap<>(answered.get());
    for (Job job : stored) {
      views.add(view(job, temporalState(job, Optional.ofNullable(open.remove(BatchSync.workflowId(job.id()))))));
    }
    open.values().forEach(chain -> views.add(externalView(chain)));
    return views;
  }

  public JobView get(String id) {
    Optional<Job> stored = jobs.find(id);
    return stored.isPresent() ? view(stored.get()) : externalView(externalChain(id));
  }

  /** Finds a job by its name, e.g. the demo job. */
  public Optional<Job> findByName(String name) {
    return jobs.findByName(name);
  }

  /**
   * The active (not paused) jobs that sync {@code object} in {@code direction}, of {@code companyId}
   * or, when it is null, of any company: the jobs a real-time change belongs to.
   */
  public List<Job> activeJobsSyncing(String companyId, SyncDirection direction, SyncObject object) {
    return jobs.all().stream()
        .filter(job -> job.state() == JobState.ACTIVE && job.direction() == direction)
        .filter(job -> companyId == null || job.companyId().equals(companyId))
        .filter(job -> job.objects().stream().anyMatch(name -> name.equalsIgnoreCase(object.displayName())))
        .toList();
  }

  /** Stops the job's cron chain at once and removes the job; its run reports stay as history. */
  public void delete(String id) {
    Optional<Job> stored = jobs.find(id);
    if (stored.isEmpty()) {
      temporal.terminate(externalChain(id).workflowId(), "external job deleted through the LedgerBridge API");
      return;
    }
    temporal.terminate(BatchSync.workflowId(id), "job deleted through the LedgerBridge API");
    jobs.delete(id);
    log.info("Deleted job id={} name='{}'", id, stored.get().name());
  }

  /** Runs a job once now, outside its schedule. */
  public ManualRun runNow(String id) {
    Optional<Job> stored = jobs.find(id);
    if (stored.isEmpty()) {
      externalChain(id);
      throw new JobConflictException(
          "job '" + id + "' was started outside LedgerBridge; pause it to bring it under LedgerBridge, then run it");
    }
    WorkflowExecution started = temporal.runNow(stored.get(),
        runId -> runs.find(runId).filter(report -> report.status() != RunStatus.RUNNING).isPresent());
    return new ManualRun(id, started.getWorkflowId(), started.getRunId(),
        temporalUi.run(started.getWorkflowId(), started.getRunId()));
  }

  private Job validated(String id, JobRequest request, JobState state, Instant createdAt, Instant now) {
    String name = RequestText.required("name", request.name(), MAX_NAME_LENGTH);
    String companyId = RequestText.required("companyId", request.companyId(), MAX_COMPANY_ID_LENGTH);
    if (request.direction() == null) {
      throw new IllegalArgumentException("direction: required, QBO_TO_SALESFORCE or SALESFORCE_TO_QBO");
    }
    List<String> objects =
        JobObjects.resolveInOrder(request.objects(), request.direction()).stream()
            .map(SyncObject::displayName)
            .toList();
    CompiledSchedule compiled = CronSchedule.compile(request.schedule());
    if (!quickBooks.isConnected(companyId)) {
      throw new IllegalArgumentException(
          "companyId: QuickBooks company " + companyId
              + " is not connected; POST /api/connections/quickbooks/authorizations and open the link to connect it");
    }
    return new Job(
        id != null ? id : newId(name), name, companyId, request.direction(), objects, request.schedule(), compiled,
        Boolean.TRUE.equals(request.pullMissingParents()), state, createdAt, now);
  }

  private Job find(String id) {
    return jobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  private TemporalJobs.Chain externalChain(String id) {
    Set<String> ours = jobs.all().stream().map(job -> BatchSync.workflowId(job.id())).collect(Collectors.toSet());
    return temporal.openChains().values().stream()
        .filter(chain -> !ours.contains(chain.workflowId()) && externalId(chain).equals(id))
        .findFirst()
        .orElseThrow(() -> new JobNotFoundException(id));
  }

  /** Brings an external cron workflow under LedgerBridge as a paused job, then stops it. */
  private Job takeOverPaused(TemporalJobs.Chain chain) {
    BatchSyncInput input = chain.input();
    if (input == null || input.companyId() == null || input.direction() == null) {
      throw new IllegalArgumentException(
          "workflow " + chain.workflowId() + " has no readable BatchSync input; terminate it with the temporal CLI instead");
    }
    String name = input.name() != null && !input.name().isBlank() ? input.name() : chain.workflowId();
    if (jobs.findByName(name).isPresent()) {
      name = name + " (" + chain.workflowId() + ")";
    }
    Instant now = clock.instant();
    Job job = validated(null, new JobRequest(name, input.companyId(), input.direction(), input.objects(),
        ScheduleSpec.ofCron(chain.cron()), input.pullMissingParents()), JobState.PAUSED, now, now);
    jobs.insert(job);
    temporal.terminate(chain.workflowId(), "taken over by LedgerBridge as paused job " + job.id());
    log.info("Took over external workflow {} as paused job id={}", chain.workflowId(), job.id());
    return job;
  }

  private static String externalId(TemporalJobs.Chain chain) {
    BatchSyncInput input = chain.input();
    return input != null && input.jobId() != null && !input.jobId().isBlank() ? input.jobId() : chain.workflowId();
  }

  private JobView view(Job job) {
    return view(job, whenTemporalAnswers(() -> temporal.chain(BatchSync.workflowId(job.id())))
        .map(chain -> temporalState(job, chain))
        .orElse(UNKNOWN));
  }

  private static String temporalState(Job job, Optional<TemporalJobs.Chain> chain) {
    if (job.state() == JobState.PAUSED && chain.isEmpty()) {
      return "PAUSED";
    }
    if (job.state() == JobState.ACTIVE && chain.isPresent() && JobReconciler.matches(job, chain.get())) {
      return "SCHEDULED";
    }
    return "CHANGE_PENDING";
  }

  /**
   * Temporal's answer, or empty when it did not come in time or the server is out of reach: a page of
   * jobs shows what the database knows rather than failing.
   */
  private static <T> Optional<T> whenTemporalAnswers(Supplier<T> ask) {
    try {
      return Optional.of(ask.get());
    } catch (StatusRuntimeException unanswered) {
      if (!TEMPORAL_BUSY.contains(unanswered.getStatus().getCode())) {
        throw unanswered;
      }
      log.warn("Temporal did not answer about jobs ({}); showing them as stored", unanswered.getStatus());
      return Optional.empty();
    }
  }

  private JobView view(Job job, String temporalState) {
    List<String> nextRuns =
        job.state() == JobState.ACTIVE ? formatted(job.compiled(), clock.instant()) : List.of();
    return new JobView(
        job.id(), job.name(), job.companyId(), job.direction(), job.objects(), job.pullMissingParents(),
        job.schedule(),
        job.compiled().description(), job.compiled().timeZone(), job.temporalCron(), job.state(), temporalState,
        false, nextRuns, lastRun(job.id()), job.createdAt(), job.updatedAt());
  }

  private JobView externalView(TemporalJobs.Chain chain) {
    BatchSyncInput input = chain.input();
    String id = externalId(chain);
    ScheduleSpec schedule = ScheduleSpec.ofCron(chain.cron());
    String description;
    List<String> nextRuns;
    try {
      CompiledSchedule compiled = CronSchedule.compile(schedule);
      description = compiled.description();
      nextRuns = formatted(compiled, clock.instant());
    } catch (IllegalArgumentException notOurCron) {
      description = "cron '" + chain.cron() + "' (as the Temporal server evaluates it)";
      nextRuns = List.of();
    }
    return new JobView(
        id,
        input != null && input.name() != null ? input.name() : chain.workflowId(),
        input != null ? input.companyId() : null,
        input != null ? input.direction() : null,
        input != null ? input.objects() : List.of(),
        input != null && Boolean.TRUE.equals(input.pullMissingParents()),
        schedule, description, CronSchedule.UTC, chain.cron(), JobState.ACTIVE, "SCHEDULED", true,
        nextRuns, lastRun(id), chain.createdAt(), chain.createdAt());
  }

  private static List<String> formatted(CompiledSchedule compiled, Instant from) {
    return compiled.nextRuns(from, NEXT_RUNS_SHOWN).stream()
        .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format)
        .toList();
  }

  private JobView.LastRun lastRun(String jobId) {
    return runs.recent(jobId, 1).stream()
        .findFirst()
        .map(run -> new JobView.LastRun(run, temporalUi.run(run.workflowId(), run.runId())))
        .orElse(null);
  }

  /** A readable id from the name ("Nightly customers" → "nightly-customers"), made unique. */
  private String newId(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (slug.isEmpty()) {
      slug = "job";
    }
    slug = slug.length() > 48 ? slug.substring(0, 48) : slug;
    String id = slug;
    for (int suffix = 2; jobs.idExists(id); suffix++) {
      id = slug + "-" + suffix;
    }
    return id;
  }
}
