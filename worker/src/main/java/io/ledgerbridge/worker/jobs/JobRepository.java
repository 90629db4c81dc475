package io.ledgerbridge.worker.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.schedule.CronSchedule;
import io.ledgerbridge.workflows.schedule.ScheduleSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The job registry in table {@code sync_job}. */
@Repository
class JobRepository {
  private static final String COLUMNS =
      "id, name, company_id, direction, objects, schedule_json, cron, pull_missing_parents, state, created_at,"
          + " updated_at";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  JobRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** @throws DuplicateJobNameException when the name is taken */
  void insert(Job job) {
    try {
      jdbc.update(
          "INSERT INTO sync_job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          job.id(),
          job.name(),
          job.companyId(),
          job.direction().name(),
          String.join(",", job.objects()),
          toJson(job.schedule()),
          job.temporalCron(),
          job.pullMissingParents(),
          job.state().name(),
          Timestamp.from(job.createdAt()),
          Timestamp.from(job.updatedAt()));
    } catch (DuplicateKeyException taken) {
      throw new DuplicateJobNameException(job.name());
    }
  }

  /** @throws DuplicateJobNameException when the new name is another job's */
  void update(Job job) {
    try {
      jdbc.update(
          "UPDATE sync_job SET name = ?, company_id = ?, direction = ?, objects = ?, schedule_json = ?, cron = ?,"
              + " pull_missing_parents = ?, state = ?, updated_at = ? WHERE id = ?",
          job.name(),
          job.companyId(),
          job.direction().name(),
          String.join(",", job.objects()),
          toJson(job.schedule()),
          job.temporalCron(),
          job.pullMissingParents(),
          job.state().name(),
          Timestamp.from(job.updatedAt()),
          job.id());
    } catch (DuplicateKeyException taken) {
      throw new DuplicateJobNameException(job.name());
    }
  }

  boolean idExists(String id) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM sync_job WHERE id = ?", Integer.class, id);
    return count != null && count > 0;
  }

  Optional<Job> find(String id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sync_job WHERE id = ?", this::map, id).stream().findFirst();
  }

  Optional<Job> findByName(String name) {
    return jdbc.query("SELECT " + COLUMNS + " FROM sync_job WHERE name = ?", this::map, name).stream().findFirst();
  }

  List<Job> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM sync_job ORDER BY name", this::map);
  }

  boolean delete(String id) {
    return jdbc.update("DELETE FROM sync_job WHERE id = ?", id) > 0;
  }

  private Job map(ResultSet row, int rowNumber) throws SQLException {
    ScheduleSpec schedule = fromJson(row.getString("schedule_json"));
    return new Job(
        row.getString("id"),
        row.getString("name"),
        row.getString("company_id"),
        SyncDirection.valueOf(row.getString("direction")),
        Arrays.asList(row.getString("objects").split(",")),
        schedule,
        CronSchedule.compile(schedule),
        row.getBoolean("pull_missing_parents"),
        JobState.valueOf(row.getString("state")),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }

  private String toJson(ScheduleSpec schedule) {
    try {
      return json.writeValueAsString(schedule);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store schedule " + schedule, e);
    }
  }

  private ScheduleSpec fromJson(String schedule) {
    try {
      return json.readValue(schedule, ScheduleSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored schedule is unreadable: " + schedule, e);
    }
  }
}
