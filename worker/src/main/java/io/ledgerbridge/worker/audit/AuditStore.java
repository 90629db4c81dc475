package io.ledgerbridge.worker.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.worker.security.Actor;
import io.ledgerbridge.worker.security.ActorKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The audit trail in the {@code audit_event} table; rows are only ever added. */
@Repository
public class AuditStore {
  static final int TARGET_MAX = 300;
  static final int DETAILS_MAX = 4000;
  static final int ACTOR_NAME_MAX = 200;
  private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public AuditStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A change to record; its id and outcome follow from the store and the status. */
  record NewEvent(Instant occurredAt, Actor actor, AuditAction action, String target, JsonNode details,
      String sourceAddress, int httpStatus) {}

  void add(NewEvent event) {
    jdbc.update(
        "INSERT INTO audit_event (occurred_at, actor_kind, actor_name, action, target, details_json, source_address,"
            + " outcome, http_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        event.occurredAt().atOffset(ZoneOffset.UTC), event.actor().kind().name(), event.actor().name(),
        event.action().name(), fit(event.target()), details(event.details()), event.sourceAddress(),
        AuditOutcome.of(event.httpStatus()).name(), event.httpStatus());
  }

  /** The events the query matches, newest first. */
  List<AuditEvent> find(AuditQuery query) {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (query.from() != null) {
      sql.append(" AND occurred_at >= ?");
      args.add(query.from().atOffset(ZoneOffset.UTC));
    }
    if (query.to() != null) {
      sql.append(" AND occurred_at < ?");
      args.add(query.to().atOffset(ZoneOffset.UTC));
    }
    if (query.actor() != null) {
      sql.append(" AND actor_name = ?");
      args.add(query.actor());
    }
    if (query.action() != null) {
      sql.append(" AND action = ?");
      args.add(query.action().name());
    }
    if (query.target() != null) {
      sql.append(" AND LOWER(target) LIKE ? ESCAPE '\\'");
      args.add("%" + likeLiteral(query.target().toLowerCase(Locale.ROOT)) + "%");
    }
    if (query.before() != null) {
      sql.append(" AND id < ?");
      args.add(query.before());
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(query.limit());
    return jdbc.query(sql.toString(), (rs, n) -> read(rs), args.toArray());
  }

  private AuditEvent read(ResultSet rs) throws SQLException {
    String details = rs.getString("details_json");
    return new AuditEvent(
        rs.getLong("id"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        new Actor(ActorKind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name")),
        AuditAction.valueOf(rs.getString("action")),
        rs.getString("target"),
        details == null ? null : parse(details),
        rs.getString("source_address"),
        AuditOutcome.valueOf(rs.getString("outcome")),
        rs.getInt("http_status"));
  }

  /**
   * The details as JSON text. They are short by construction; should one ever outgrow the column,
   * a note says so rather than a cut that is no longer JSON.
   */
  private String details(JsonNode details) {
    if (details == null || details.isEmpty()) {
      return null;
    }
    String text = details.toString();
    return text.length() <= DETAILS_MAX ? text
        : json.createObjectNode().put("omitted", "the details were longer than " + DETAILS_MAX + " characters").toString();
  }

  private Map<String, Object> parse(String details) {
    try {
      return json.readValue(details, DETAILS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored audit event's details cannot be read", e);
    }
  }

  private static String fit(String target) {
    return target == null || target.length() <= TARGET_MAX ? target : target.substring(0, TARGET_MAX - 1) + "…";
  }

  /** The text matched literally by LIKE: its wildcards and the escape character escaped. */
  private static String likeLiteral(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
