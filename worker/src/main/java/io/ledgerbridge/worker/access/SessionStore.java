package io.ledgerbridge.worker.access;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Signed-in sessions in the {@code person_session} table, found by their id's SHA-256. */
@Repository
public class SessionStore {
  private final JdbcTemplate jdbc;

  public SessionStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A live session's row with its person's current name, role and state. */
  record StoredSession(String idHash, long personId, String personName, Role role, boolean personActive,
      String csrfToken, Instant createdAt, Instant expiresAt) {}

  void add(String idHash, long personId, String csrfToken, Instant createdAt, Instant expiresAt) {
    jdbc.update("INSERT INTO person_session (id_hash, person_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        idHash, personId, csrfToken, createdAt.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC));
  }

  Optional<StoredSession> byIdHash(String idHash) {
    return jdbc.query("SELECT s.*, p.name, p.role, p.disabled_at FROM person_session s JOIN person p ON p.id = s.person_id"
        + " WHERE s.id_hash = ?", (rs, n) -> new StoredSession(rs.getString("id_hash"), rs.getLong("person_id"),
            rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getObject("disabled_at") == null,
            rs.getString("csrf_token"), ApiTokenStore.instant(rs, "created_at"), ApiTokenStore.instant(rs, "expires_at")),
        idHash).stream().findFirst();
  }

  void extend(String idHash, Instant expiresAt) {
    jdbc.update("UPDATE person_session SET expires_at = ? WHERE id_hash = ?", expiresAt.atOffset(ZoneOffset.UTC), idHash);
  }

  void delete(String idHash) {
    jdbc.update("DELETE FROM person_session WHERE id_hash = ?", idHash);
  }

  /** Signs a person out everywhere, e.g. when disabled or given a new password. */
  void deleteForPerson(long personId) {
    jdbc.update("DELETE FROM person_session WHERE person_id = ?", personId);
  }

  /** Forgets the sessions that ended, so the table holds live ones only. */
  void deleteExpired(Instant now) {
    jdbc.update("DELETE FROM person_session WHERE expires_at <= ?", now.atOffset(ZoneOffset.UTC));
  }
}
