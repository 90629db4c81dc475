package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.batch.BatchSync;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
          List<Object[]> rows = new ArrayList<>();
          for (int position = 0; position < objects.size(); position++) {
            ObjectRunReport o = objects.get(position);
            rows.add(
                new Object[] {
                  run.runId(),
                  position,
                  o.object(),
                  o.status().name(),
                  o.read(),
                  o.created(),
                  o.updated(),
                  o.unchanged(),
                  o.deferred(),
                  o.failed(),
                  fit(o.error()),
                  timestamp(o.startedAt()),
                  timestamp(o.finishedAt())
                });
          }
          if (!rows.isEmpty()) {
            jdbc.batchUpdate(
                "INSERT INTO job_run_object (run_id, position, object, status, read_count, created_count,"
                    + " updated_count, unchanged_count, deferred_count, failed_count, error, started_at,"
                    + " finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

  private RunReport withObjects(RunReport run) {
    List<ObjectRunReport> objects =
        jdbc.query(
            "SELECT * FROM job_run_object WHERE run_id = ? ORDER BY position",
            (rs, n) ->
                new ObjectRunReport(
                    rs.getString("object"),
                    RunStatus.valueOf(rs.getString("status")),
                    rs.getInt("read_count"),
                    rs.getInt("created_count"),
                    rs.getInt("updated_count"),
                    rs.getInt("unchanged_count"),
                    rs.getInt("deferred_count"),
                    rs.getInt("failed_count"),
                    rs.getString("error"),
                    instant(rs, "started_at"),
                    instant(rs, "finished_at")),
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
