package io.ledgerbridge.worker.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * People, sessions and API tokens stored and read back on both databases LedgerBridge supports:
 * H2 and PostgreSQL (its own throwaway database on 127.0.0.1:5432, dropped afterwards; skipped,
 * visibly, only when nothing answers there), migrated by the application's own Flyway scripts.
 */
class AccessStoresTest {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final List<String> CREATED_DATABASES = new ArrayList<>();

  private static JdbcTemplate database(String kind) {
    DataSource ds;
    if (kind.equals("h2")) {
      ds = new SingleConnectionDataSource("jdbc:h2:mem:lbp_" + UUID.randomUUID().toString().replace("-", "")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", true);
    } else {
      assumeTrue(answers(), "PostgreSQL is not answering on 127.0.0.1:5432; the PostgreSQL variant is skipped");
      String name = "ledgerbridge_access_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
          .toLowerCase(Locale.ROOT);
      execute("CREATE DATABASE " + name);
      CREATED_DATABASES.add(name);
      ds = new SingleConnectionDataSource(PG + name, "postgres", "", true);
    }
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return new JdbcTemplate(ds);
  }

  @AfterAll
  static void dropDatabases() {
    CREATED_DATABASES.forEach(name -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void tokensAreFoundByTheirHashAndRevokedOnce(String kind) {
    ApiTokenStore tokens = new ApiTokenStore(database(kind));
    String secret = Secrets.newSecret("lbt_");
    long id = tokens.add("ci", Role.OPERATOR, Secrets.hash(secret), T0, "admin (bootstrap token)", T0.plusSeconds(3600));
    tokens.add("older", Role.VIEWER, Secrets.hash(Secrets.newSecret("lbt_")), T0, "admin (bootstrap token)", T0.plusSeconds(60));

    ApiTokenStore.StoredToken found = tokens.bySecretHash(Secrets.hash(secret)).orElseThrow();
    assertThat(found).isEqualTo(new ApiTokenStore.StoredToken(id, "ci", Role.OPERATOR, T0, "admin (bootstrap token)",
        T0.plusSeconds(3600), null));
    assertThat(TokenState.of(found, T0)).isEqualTo(TokenState.ACTIVE);
    assertThat(TokenState.of(found, T0.plusSeconds(3600))).as("it ends at expiresAt").isEqualTo(TokenState.EXPIRED);
    assertThat(tokens.bySecretHash(Secrets.hash(secret + "x"))).isEmpty();
    assertThat(tokens.activeNameTaken("CI", T0)).as("names compare in any case").isTrue();
    assertThat(tokens.activeNameTaken("older", T0.plusSeconds(60))).as("an expired token's name is free").isFalse();
    assertThat(tokens.all()).extracting(ApiTokenStore.StoredToken::name).containsExactly("older", "ci");

    assertThat(tokens.revoke(id, T0.plusSeconds(10))).isTrue();
    assertThat(tokens.revoke(id, T0.plusSeconds(20))).as("only once").isFalse();
    ApiTokenStore.StoredToken revoked = tokens.byId(id).orElseThrow();
    assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(TokenState.of(revoked, T0)).isEqualTo(TokenState.REVOKED);
    assertThat(tokens.activeNameTaken("ci", T0)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void peopleHaveUniqueEmailsAndSessionsFollowTheirPerson(String kind) {
    JdbcTemplate jdbc = database(kind);
    PersonStore people = new PersonStore(jdbc);
    SessionStore sessions = new SessionStore(jdbc);
    long alice = people.add("alice@example.com", "Alice", Role.ADMIN, "$2a$12$hash", T0, "admin (bootstrap token)");
    assertThatThrownBy(() -> people.add("alice@example.com", "Other", Role.VIEWER, "$2a$12$x", T0, "admin"))
        .isInstanceOf(DataIntegrityViolationException.class);
    sessions.add("a".repeat(64), alice, "csrf-1", T0, T0.plusSeconds(600));
    sessions.add("b".repeat(64), alice, "csrf-2", T0, T0.plusSeconds(60));

    SessionStore.StoredSession session = sessions.byIdHash("a".repeat(64)).orElseThrow();
    assertThat(session).isEqualTo(new SessionStore.StoredSession("a".repeat(64), alice, "Alice", Role.ADMIN, true, "csrf-1",
        T0, T0.plusSeconds(600)));
    people.setRole(alice, Role.VIEWER);
    people.setName(alice, "Alice B.");
    assertThat(sessions.byIdHash("a".repeat(64)).orElseThrow())
        .as("a session reads its person's current name and role").extracting("personName", "role")
        .containsExactly("Alice B.", Role.VIEWER);
    sessions.extend("a".repeat(64), T0.plusSeconds(900));
    assertThat(sessions.byIdHash("a".repeat(64)).orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(900));

    sessions.deleteExpired(T0.plusSeconds(60));
    assertThat(sessions.byIdHash("b".repeat(64))).as("ended at its expiry").isEmpty();
    assertThat(people.disable(alice, T0.plusSeconds(5))).isTrue();
    assertThat(people.disable(alice, T0.plusSeconds(6))).isFalse();
    assertThat(sessions.byIdHash("a".repeat(64)).orElseThrow().personActive()).isFalse();
    sessions.deleteForPerson(alice);
    assertThat(sessions.byIdHash("a".repeat(64))).isEmpty();
    assertThat(people.byEmail("alice@example.com").orElseThrow().disabledAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(people.all()).hasSize(1);
  }

  private static boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
