package io.ledgerbridge.worker.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** People's accounts in the {@code person} table; a disabled person's row stays, with when. */
@Repository
public class PersonStore {
  static final int EMAIL_MAX = 254;
  static final int NAME_MAX = 200;

  private final JdbcTemplate jdbc;

  public PersonStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A person as stored; the password hash stays in this package. */
  record StoredPerson(long id, String email, String name, Role role, String passwordHash, Instant createdAt,
      String createdBy, Instant disabledAt) {
    boolean active() {
      return disabledAt == null;
    }
  }

  /** Adds a person; returns the id. The email is unique (a second one fails on the unique index). */
  long add(String email, String name, Role role, String passwordHash, Instant createdAt, String createdBy) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("INSERT INTO person (email, name, role, password_hash, created_at,"
          + " created_by) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, email);
      insert.setString(2, name);
      insert.setString(3, role.name());
      insert.setString(4, passwordHash);
      insert.setObject(5, createdAt.atOffset(ZoneOffset.UTC));
      insert.setString(6, createdBy);
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  /** Everyone, in the order they were added. */
  List<StoredPerson> all() {
    return jdbc.query("SELECT * FROM person ORDER BY id", (rs, n) -> read(rs));
  }

  Optional<StoredPerson> byId(long id) {
    return jdbc.query("SELECT * FROM person WHERE id = ?", (rs, n) -> read(rs), id).stream().findFirst();
  }

  Optional<StoredPerson> byEmail(String email) {
    return jdbc.query("SELECT * FROM person WHERE email = ?", (rs, n) -> read(rs), email).stream().findFirst();
  }

  void setRole(long id, Role role) {
    jdbc.update("UPDATE person SET role = ? WHERE id = ?", role.name(), id);
  }

  void setName(long id, String name) {
    jdbc.update("UPDATE person SET name = ? WHERE id = ?", name, id);
  }

  void setPasswordHash(long id, String passwordHash) {
    jdbc.update("UPDATE person SET password_hash = ? WHERE id = ?", passwordHash, id);
  }

  /** Disables the person unless they are already; returns whether this call did. */
  boolean disable(long id, Instant at) {
    return jdbc.update("UPDATE person SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
        at.atOffset(ZoneOffset.UTC), id) == 1;
  }

  private static StoredPerson read(ResultSet rs) throws SQLException {
    return new StoredPerson(rs.getLong("id"), rs.getString("email"), rs.getString("name"), Role.valueOf(rs.getString("role")),
        rs.getString("password_hash"), ApiTokenStore.instant(rs, "created_at"), rs.getString("created_by"),
        ApiTokenStore.instant(rs, "disabled_at"));
  }
}
