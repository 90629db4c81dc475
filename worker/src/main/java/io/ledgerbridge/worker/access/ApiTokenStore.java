package io.ledgerbridge.worker.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * API tokens in the {@code api_token} table: each one's name, role, expiry and revocation, and the
 * SHA-256 of its secret, never the secret itself. Revoked tokens stay, so the list shows who had access.
 */
@Repository
public class ApiTokenStore {
  static final int NAME_MAX = 100;

  private final JdbcTemplate jdbc;

  public ApiTokenStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A token as stored. */
  record StoredToken(long id, String name, Role role, Instant createdAt, String createdBy, Instant expiresAt,
      Instant revokedAt) {}

  /** Stores a new token by its secret's hash; returns its id. */
  long add(String name, Role role, String secretHash, Instant createdAt, String createdBy, Instant expiresAt) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("INSERT INTO api_token (name, role, token_hash, created_at, created_by,"
          + " expires_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, name);
      insert.setString(2, role.name());
      insert.setString(3, secretHash);
      insert.setObject(4, createdAt.atOffset(ZoneOffset.UTC));
      insert.setString(5, createdBy);
      insert.setObject(6, expiresAt.atOffset(ZoneOffset.UTC));
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  /** Every token, newest first. */
  List<StoredToken> all() {
    return jdbc.query("SELECT * FROM api_token ORDER BY id DESC", (rs, n) -> read(rs));
  }

  Optional<StoredToken> byId(long id) {
    return jdbc.query("SELECT * FROM api_token WHERE id = ?", (rs, n) -> read(rs), id).stream().findFirst();
  }

  Optional<StoredToken> bySecretHash(String secretHash) {
    return jdbc.query("SELECT * FROM api_token WHERE token_hash = ?", (rs, n) -> read(rs), secretHash).stream().findFirst();
  }

  /** Whether a token that is neither revoked nor expired has this name. */
  boolean activeNameTaken(String name, Instant now) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE LOWER(name) = LOWER(?) AND revoked_at IS NULL"
        + " AND expires_at > ?", Integer.class, name, now.atOffset(ZoneOffset.UTC));
    return count != null && count > 0;
  }

  /** Revokes the token unless it already is; returns whether this call revoked it. */
  boolean revoke(long id, Instant at) {
    return jdbc.update("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        at.atOffset(ZoneOffset.UTC), id) == 1;
  }

  private static StoredToken read(ResultSet rs) throws SQLException {
    return new StoredToken(rs.getLong("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
        instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "expires_at"), instant(rs, "revoked_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
