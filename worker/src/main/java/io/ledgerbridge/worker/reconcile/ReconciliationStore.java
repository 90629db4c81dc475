package io.ledgerbridge.worker.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.reconcile.ReconcileStart;
import io.ledgerbridge.workflows.reconcile.ReconcileStatus;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reconciliations in the {@code reconciliation} table, the findings as JSON. */
@Repository
public class ReconciliationStore {
  private static final int ERROR_MAX = 1000;
  private static final TypeReference<List<ObjectReconciliation>> FINDINGS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public ReconciliationStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Records a reconciliation as running; a second call for the same id changes nothing. */
  void started(ReconcileStart start) {
    try {
      jdbc.update(
          "INSERT INTO reconciliation (id, company_id, workflow_id, scheduled, repair, objects, status, differences,"
              + " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
          start.id(), start.input().companyId(), start.workflowId(), start.input().scheduled(), start.input().repair(),
          start.input().objects().stream().map(SyncObject::displayName).collect(Collectors.joining(",")),
          ReconcileStatus.RUNNING.name(), timestamp(start.startedAt()));
    } catch (DuplicateKeyException again) {
      // A retried activity: the first call recorded it.
    }
  }

  void finished(String id, List<ObjectReconciliation> objects, Instant finishedAt) {
    jdbc.update(
        "UPDATE reconciliation SET status = ?, differences = ?, finished_at = ?, findings_json = ? WHERE id = ?",
        ReconcileStatus.of(objects).name(), ReconcileStatus.differences(objects), timestamp(finishedAt), write(objects),
        id);
  }

  /** Ends a reconciliation whose workflow is gone without its findings. */
  void lost(String id, String why, Instant at) {
    jdbc.update(
        "UPDATE reconciliation SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = ?",
        ReconcileStatus.FAILED.name(), timestamp(at), why.length() > ERROR_MAX ? why.substring(0, ERROR_MAX - 1) + "…" : why, id,
        ReconcileStatus.RUNNING.name());
  }

  public Optional<Reconciliation> find(String id) {
    return jdbc.query("SELECT * FROM reconciliation WHERE id = ?", (rs, n) -> read(rs), id).stream().findFirst();
  }

  /** The company's newest reconciliation, running or ended. */
  public Optional<Reconciliation> latest(String companyId) {
    return jdbc.query(
            "SELECT * FROM reconciliation WHERE company_id = ? ORDER BY started_at DESC, id DESC LIMIT 1",
            (rs, n) -> read(rs), companyId)
        .stream()
        .findFirst();
  }

  /** The company's reconciliations still marked running. */
  List<Reconciliation> running(String companyId) {
    return jdbc.query("SELECT * FROM reconciliation WHERE company_id = ? AND status = ?", (rs, n) -> read(rs), companyId,
        ReconcileStatus.RUNNING.name());
  }

  /** Each company's newest ended reconciliation, by company. */
  public Map<String, Reconciliation> latestEndedPerCompany() {
    Map<String, Reconciliation> latest = new LinkedHashMap<>();
    jdbc.query(
        "SELECT r.* FROM reconciliation r WHERE r.status <> ? AND r.started_at = (SELECT MAX(o.started_at)"
            + " FROM reconciliation o WHERE o.company_id = r.company_id AND o.status <> ?) ORDER BY r.company_id, r.id",
        rs -> {
          Reconciliation reconciliation = read(rs);
          latest.putIfAbsent(reconciliation.companyId(), reconciliation);
        },
        ReconcileStatus.RUNNING.name(), ReconcileStatus.RUNNING.name());
    return latest;
  }

  private Reconciliation read(ResultSet rs) throws SQLException {
    String objects = rs.getString("objects");
    return new Reconciliation(
        rs.getString("id"),
        rs.getString("company_id"),
        rs.getString("workflow_id"),
        rs.getBoolean("scheduled"),
        rs.getBoolean("repair"),
        objects.isEmpty() ? List.of() : Arrays.asList(objects.split(",")),
        ReconcileStatus.valueOf(rs.getString("status")),
        rs.getInt("differences"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        readFindings(rs.getString("findings_json")),
        rs.getString("error"));
  }

  private String write(List<ObjectReconciliation> objects) {
    try {
      return json.writeValueAsString(objects);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a reconciliation's findings", e);
    }
  }

  private List<ObjectReconciliation> readFindings(String text) {
    if (text == null) {
      return List.of();
    }
    try {
      return json.readValue(text, FINDINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored reconciliation's findings cannot be read", e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
