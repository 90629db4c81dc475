package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.sync.RecordCounts;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.sync.FailureType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job run reports in {@code job_run} and {@code job_run_object}. Every write is keyed by the run
 * id, so a retried activity rewrites the same rows instead of adding new ones.
 */
public final class RunStore {
  private static final int TEXT_MAX = 4000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public RunStore(JdbcTemplate jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.transactions =
        new TransactionTemplate(new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())));
  }

  /** Records a run as RUNNING; a repeat leaves a run that has already finished alone. */
  public void recordStarted(RunStarted run) {
    Object[] values = {
      run.jobId(),
      run.workflowId(),
      run.jobName(),
      run.companyId(),
      run.direction() == null ? null : run.direction().name(),
      run.objects() == null ? null : String.join(",", run.objects()),
      timestamp(run.startedAt())
    };
    int updated =
        jdbc.update(
            "UPDATE job_run SET job_id = ?, workflow_id = ?, job_name = ?, company_id = ?, direction = ?,"
                + " objects = ?, started_at = ? WHERE run_id = ?",
            append(values, run.runId()));
    if (updated > 0) {
      return;
    }
    try {
      jdbc.update(
          "INSERT INTO job_run (job_id, workflow_id, job_name, company_id, direction, objects, started_at,"
              + " run_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          append(append(values, run.runId()), RunStatus.RUNNING.name()));
    } catch (DuplicateKeyException raced) {
      // A concurrent attempt of the same activity inserted it; its row is as good as ours.
    }
  }

  /** Records a run's outcome and replaces its per-object rows, in one transaction. */
  public void recordFinished(RunFinished run) {
    transactions.executeWithoutResult(
        status -> {
          String cause = fit(run.cause());
          int updated =
              jdbc.update(
                  "UPDATE job_run SET status = ?, cause = ?, finished_at = ? WHERE run_id = ?",
                  run.status().name(),
                  cause,
                  timestamp(run.finishedAt()),
                  run.runId());
          if (updated == 0) {
            // The start was never recorded (its activity gave up): keep the outcome anyway.
            jdbc.update(
                "INSERT INTO job_run (run_id, job_id, workflow_id, status, cause, started_at, finished_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                run.runId(),
                run.jobId(),
                BatchSync.workflowId(run.jobId()),
                run.status().name(),
                cause,
                timestamp(earliestStart(run)),
                timestamp(run.finishedAt()));
          }
          jdbc.update("DELETE FROM job_run_object WHERE run_id = ?", run.runId());
          List<ObjectRunReport> objects = run.objects() == null ? List.of() : run.objects();
          Map<String, Integer> conflicts = conflictsRecordedIn(run.runId());
          List<Object[]> rows = new ArrayList<>();
          for (int position = 0; position < objects.size(); position++) {
            ObjectRunReport o = objects.get(position);
            rows.add(
                new Object[] {
                  run.runId(),
                  position,
                  o.object(),
                  o.status().name(),
                  o.counts().read(),
                  o.counts().created(),
                  o.counts().updated(),
                  o.counts().unchanged(),
                  o.counts().deferred(),
                  o.counts().failed(),
                  fit(o.error()),
                  timestamp(o.startedAt()),
                  timestamp(o.finishedAt()),
                  conflicts.getOrDefault(o.object(), 0),
                  o.status() == RunStatus.FAILED ? ObjectFailures.typeOf(o.error()) : null,
                  fit(o.note())
                });
          }
          if (!rows.isEmpty()) {
            jdbc.batchUpdate(
                "INSERT INTO job_run_object (run_id, position, object, status, read_count, created_count,"
                    + " updated_count, unchanged_count, deferred_count, failed_count, error, started_at,"
                    + " finished_at, conflict_count, failure_type, note)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
          }
        });
  }

  /** The latest runs, newest first; {@code jobIdOrNull} narrows to one job. */
  public List<RunReport> recent(String jobIdOrNull, int limit) {
    List<RunReport> runs =
        jobIdOrNull == null
            ? jdbc.query(
                "SELECT * FROM job_run ORDER BY started_at DESC, run_id LIMIT ?", (rs, n) -> readRun(rs), limit)
            : jdbc.query(
                "SELECT * FROM job_run WHERE job_id = ? ORDER BY started_at DESC, run_id LIMIT ?",
                (rs, n) -> readRun(rs),
                jobIdOrNull,
                limit);
    return runs.stream().map(this::withObjects).toList();
  }

  public Optional<RunReport> find(String runId) {
    return jdbc.query("SELECT * FROM job_run WHERE run_id = ?", (rs, n) -> readRun(rs), runId).stream()
        .findFirst()
        .map(this::withObjects);
  }

  /**
   * The runs matching every given filter (null matches all), newest first: {@code offset} runs
   * skipped, at most {@code limit} returned.
   */
  public List<RunReport> search(String jobId, String companyId, RunStatus status, int offset, int limit) {
    List<String> conditions = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (jobId != null) {
      conditions.add("job_id = ?");
      args.add(jobId);
    }
    if (companyId != null) {
      conditions.add("company_id = ?");
      args.add(companyId);
    }
    if (status != null) {
      conditions.add("status = ?");
      args.add(status.name());
    }
    args.add(limit);
    args.add(offset);
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return jdbc
        .query(
            "SELECT * FROM job_run" + where + " ORDER BY started_at DESC, run_id LIMIT ? OFFSET ?",
            (rs, n) -> readRun(rs),
            args.toArray())
        .stream()
        .map(this::withObjects)
        .toList();
  }

  /** What the run report adds to the workflow's own report: conflicts and failure types per object, API calls. */
  public RunDetails details(String runId) {
    List<ObjectDetails> objects =
        jdbc.query(
            "SELECT object, conflict_count, failure_type FROM job_run_object WHERE run_id = ? ORDER BY position",
            (rs, n) -> new ObjectDetails(rs.getString("object"), rs.getInt("conflict_count"), rs.getString("failure_type")),
            runId);
    Integer openErrors =
        jdbc.query("SELECT open_errors FROM job_run WHERE run_id = ?", (rs, n) -> (Integer) rs.getObject("open_errors"), runId)
            .stream()
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    return new RunDetails(objects, apiCalls(runId), openErrors);
  }

  /** API calls the run made, per system name. */
  public Map<String, Long> apiCalls(String runId) {
    Map<String, Long> calls = new TreeMap<>();
    jdbc.query(
        "SELECT system, calls FROM job_run_api_call WHERE run_id = ?",
        rs -> {
          calls.put(rs.getString("system"), rs.getLong("calls"));
        },
        runId);
    return calls;
  }

  /** Adds {@code calls} API calls to {@code system} for the run; safe from many workers at once. */
  public void addApiCalls(String runId, String system, long calls) {
    if (calls <= 0) {
      return;
    }
    String update = "UPDATE job_run_api_call SET calls = calls + ? WHERE run_id = ? AND system = ?";
    if (jdbc.update(update, calls, runId, system) > 0) {
      return;
    }
    try {
      jdbc.update("INSERT INTO job_run_api_call (run_id, system, calls) VALUES (?, ?, ?)", runId, system, calls);
    } catch (DuplicateKeyException raced) {
      jdbc.update(update, calls, runId, system);
    }
  }

  /** Keeps the count of the company's open errors at the end of the run. */
  public void recordOpenErrors(String runId, int openErrors) {
    jdbc.update("UPDATE job_run SET open_errors = ? WHERE run_id = ?", openErrors, runId);
  }

  /** The open-error count kept by the job's latest finished run before {@code runId}, if any. */
  public Optional<Integer> previousOpenErrors(String jobId, String runId) {
    return jdbc
        .query(
            "SELECT open_errors FROM job_run WHERE job_id = ? AND run_id <> ? AND finished_at IS NOT NULL"
                + " AND open_errors IS NOT NULL AND finished_at <= (SELECT COALESCE(finished_at, started_at)"
                + " FROM job_run WHERE run_id = ?) ORDER BY finished_at DESC, run_id LIMIT 1",
            (rs, n) -> rs.getInt("open_errors"),
            jobId,
            runId,
            runId)
        .stream()
        .findFirst();
  }

  /** The runs still marked RUNNING that started before {@code startedBefore}, oldest first. */
  public List<RunReport> runningSince(Instant startedBefore) {
    return jdbc.query(
        "SELECT * FROM job_run WHERE status = ? AND started_at < ? ORDER BY started_at",
        (rs, n) -> readRun(rs),
        RunStatus.RUNNING.name(),
        timestamp(startedBefore));
  }

  /**
   * Ends a run whose workflow closed without reporting (terminated, cancelled, lost with the
   * embedded server); returns false when the run was not RUNNING any more.
   */
  public boolean markEnded(String runId, RunStatus status, String cause, Instant finishedAt) {
    return jdbc.update(
            "UPDATE job_run SET status = ?, cause = ?, finished_at = ? WHERE run_id = ? AND status = ?",
            status.name(),
            fit(cause),
            timestamp(finishedAt),
            runId,
            RunStatus.RUNNING.name())
        == 1;
  }

  JdbcTemplate jdbc() {
    return jdbc;
  }

  private Map<String, Integer> conflictsRecordedIn(String runId) {
    Map<String, Integer> conflicts = new HashMap<>();
    jdbc.query(
        "SELECT object, COUNT(*) AS conflicts FROM record_error WHERE run_id = ? AND error_type = ? GROUP BY object",
        rs -> {
          conflicts.put(rs.getString("object"), rs.getInt("conflicts"));
        },
        runId,
        FailureType.CONFLICT.name());
    return conflicts;
  }

  private RunReport withObjects(RunReport run) {
    List<ObjectRunReport> objects =
        jdbc.query(
            "SELECT * FROM job_run_object WHERE run_id = ? ORDER BY position",
            (rs, n) ->
                new ObjectRunReport(
                    rs.getString("object"),
                    RunStatus.valueOf(rs.getString("status")),
                    new RecordCounts(rs.getInt("read_count"), rs.getInt("created_count"), rs.getInt("updated_count"),
                        rs.getInt("unchanged_count"), rs.getInt("deferred_count"), rs.getInt("failed_count")),
                    rs.getString("error"),
                    instant(rs, "started_at"),
                    instant(rs, "finished_at"),
                    rs.getString("note")),
            run.runId());
    return new RunReport(
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
        objects);
  }

  private static RunReport readRun(ResultSet rs) throws SQLException {
    String objects = rs.getString("objects");
    return new RunReport(
        rs.getString("run_id"),
        rs.getString("job_id"),
        rs.getString("workflow_id"),
        rs.getString("job_name"),
        rs.getString("company_id"),
        rs.getString("direction"),
        objects == null || objects.isEmpty() ? List.of() : Arrays.asList(objects.split(",")),
        RunStatus.valueOf(rs.getString("status")),
        rs.getString("cause"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        List.of());
  }

  private static Instant earliestStart(RunFinished run) {
    if (run.objects() != null) {
      Optional<Instant> first =
          run.objects().stream()
              .map(ObjectRunReport::startedAt)
              .filter(Objects::nonNull)
              .min(Comparator.naturalOrder());
      if (first.isPresent()) {
        return first.get();
      }
    }
    return run.finishedAt() != null ? run.finishedAt() : Instant.now();
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] all = Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  private static String fit(String text) {
    return text == null || text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX - 1) + "…";
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
