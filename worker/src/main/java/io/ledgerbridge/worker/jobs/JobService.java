package io.ledgerbridge.worker.jobs;

import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.workflows.catalog.JobObjects;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.worker.connections.QuickBooksConnector;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Jobs: validated and kept in the database, scheduled in Temporal. The database is the registry
 * because the embedded Temporal forgets everything on restart; on start every active job's cron
 * workflow that Temporal lacks is started again.
 */
@Service
public class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  private static final int MAX_NAME_LENGTH = 200;
  private static final int NEXT_RUNS_SHOWN = 5;

  private final JobRepository jobs;
  private final JobScheduler scheduler;
  private final RunStore runs;
  private final QuickBooksConnector quickBooks;
  private final Clock clock = Clock.systemUTC();

  JobService(JobRepository jobs, JobScheduler scheduler, RunStore runs, QuickBooksConnector quickBooks) {
    this.jobs = jobs;
    this.scheduler = scheduler;
    this.runs = runs;
    this.quickBooks = quickBooks;
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
    String name = required("name", request.name()).trim();
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("name: at most " + MAX_NAME_LENGTH + " characters");
    }
    String companyId = required("companyId", request.companyId()).trim();
    if (request.direction() == null) {
      throw new IllegalArgumentException("direction: required, QBO_TO_SALESFORCE or SALESFORCE_TO_QBO");
    }
    List<String> objects =
        JobObjects.resolveInOrder(request.objects()).stream().map(SyncObject::displayName).toList();
    String cron = CronSchedule.toCron(request.schedule());
    if (!quickBooks.isConnected(companyId)) {
      throw new IllegalArgumentException(
          "companyId: QuickBooks company " + companyId
              + " is not connected; POST /api/connections/quickbooks/authorizations and open the link to connect it");
    }
    if (jobs.findByName(name).isPresent()) {
      throw new DuplicateJobNameException(name);
    }
    Instant now = clock.instant();
    Job job =
        new Job(
            newId(name), name, companyId, request.direction(), objects, request.schedule(), cron,
            JobState.ACTIVE, now, now);
    jobs.insert(job);
    try {
      scheduler.schedule(job);
    } catch (RuntimeException temporalDown) {
      // The registry and Temporal must agree: a job that could not be scheduled is not kept.
      jobs.delete(job.id());
      throw temporalDown;
    }
    log.info("Created job id={} name='{}' company={} direction={} objects={}", job.id(), name, companyId,
        job.direction(), objects);
    return view(job);
  }

  public List<JobView> list() {
    return jobs.all().stream().map(this::view).toList();
  }

  public JobView get(String id) {
    return view(find(id));
  }

  /** Finds a job by its name, e.g. the demo job. */
  public Optional<Job> findByName(String name) {
    return jobs.findByName(name);
  }

  /** Unschedules and removes a job; its run reports stay as history. */
  public void delete(String id) {
    Job job = find(id);
    scheduler.unschedule(job.id(), "job deleted through the API");
    jobs.delete(job.id());
    log.info("Deleted job id={} name='{}'", job.id(), job.name());
  }

  /** Runs a job once now, outside its schedule. */
  public ManualRun runNow(String id) {
    return scheduler.runNow(find(id));
  }

  /** Re-creates the cron workflows Temporal does not have, e.g. after the embedded server restarted. */
  @EventListener(ApplicationReadyEvent.class)
  public void reconcile() {
    int started = 0;
    for (Job job : jobs.all()) {
      if (job.state() == JobState.ACTIVE && scheduler.schedule(job)) {
        started++;
      }
    }
    log.info("Reconciled jobs with Temporal: {} cron workflow(s) re-created", started);
  }

  private Job find(String id) {
    return jobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  private JobView view(Job job) {
    List<Instant> nextRuns =
        job.state() == JobState.ACTIVE ? NextRuns.after(job.cron(), clock.instant(), NEXT_RUNS_SHOWN) : List.of();
    RunReport lastRun = runs.recent(job.id(), 1).stream().findFirst().orElse(null);
    return new JobView(
        job.id(), job.name(), job.companyId(), job.direction(), job.objects(), job.schedule(), job.cron(),
        job.state(), scheduler.isScheduled(job.id()), nextRuns, lastRun, job.createdAt(), job.updatedAt());
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

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": required");
    }
    return value;
  }
}
