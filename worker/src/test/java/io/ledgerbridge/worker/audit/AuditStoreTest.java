package io.ledgerbridge.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.worker.security.Actor;
import io.ledgerbridge.worker.security.ActorKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The audit trail stored and read back on both databases LedgerBridge supports: H2 and PostgreSQL
 * (its own throwaway database on 127.0.0.1:5432, dropped afterwards; skipped, visibly, only when
 * nothing answers there), migrated by the application's own Flyway scripts.
 */
class AuditStoreTest {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final Actor ALICE = new Actor(ActorKind.BOOTSTRAP_TOKEN, "alice");
  private static String createdDatabase;

  private static DataSource database(String kind) {
    if (kind.equals("h2")) {
      return new SingleConnectionDataSource("jdbc:h2:mem:lba_" + UUID.randomUUID().toString().replace("-", "")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", true);
    }
    assumeTrue(answers(), "PostgreSQL is not answering on 127.0.0.1:5432; the PostgreSQL variant is skipped");
    createdDatabase = "ledgerbridge_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + createdDatabase);
    return new SingleConnectionDataSource(PG + createdDatabase, "postgres", "", true);
  }

  @AfterAll
  static void dropDatabase() {
    if (createdDatabase != null) {
      execute("DROP DATABASE IF EXISTS " + createdDatabase + " WITH (FORCE)");
    }
  }

  private static AuditStore store(String kind) {
    DataSource ds = database(kind);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return new AuditStore(new JdbcTemplate(ds), JSON);
  }

  private static AuditStore.NewEvent event(int minute, Actor actor, AuditAction action, String target, int status) {
    return new AuditStore.NewEvent(T0.plusSeconds(60L * minute), actor, action, target,
        JSON.valueToTree(Map.of("minute", minute)), "10.0.0." + minute, status);
  }

  private static AuditQuery all(int limit) {
    return new AuditQuery(null, null, null, null, null, null, limit);
  }

  private static List<String> targets(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::target).toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void eventsRoundTripNewestFirstAndEveryFilterNarrowsThem(String kind) {
    AuditStore store = store(kind);
    store.add(event(0, Actor.BOOTSTRAP_ADMIN, AuditAction.JOB_CREATED, "job hourly-customers", 201));
    store.add(event(1, ALICE, AuditAction.JOB_PAUSED, "job hourly-customers", 200));
    store.add(event(2, Actor.BOOTSTRAP_ADMIN, AuditAction.ERROR_DISMISSED, "error 42", 409));
    store.add(event(3, Actor.BOOTSTRAP_ADMIN, AuditAction.CONNECTION_ADDED, "company 9130", 303));
    store.add(new AuditStore.NewEvent(T0.plusSeconds(240), Actor.BOOTSTRAP_ADMIN,
        AuditAction.CONNECTION_AUTHORIZATION_STARTED, null, null, "::1", 200));

    List<AuditEvent> events = store.find(all(10));
    assertThat(targets(events)).containsExactly(null, "company 9130", "error 42", "job hourly-customers", "job hourly-customers");
    AuditEvent paused = events.get(3);
    assertThat(paused.occurredAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(paused.actor()).isEqualTo(ALICE);
    assertThat(paused.action()).isEqualTo(AuditAction.JOB_PAUSED);
    assertThat(paused.details()).containsEntry("minute", 1);
    assertThat(paused.sourceAddress()).isEqualTo("10.0.0.1");
    assertThat(paused.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
    assertThat(events.get(2).outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(events.get(2).httpStatus()).isEqualTo(409);
    assertThat(events.get(1).outcome()).as("a redirect is a success").isEqualTo(AuditOutcome.SUCCEEDED);
    assertThat(events.get(0).details()).isNull();

    assertThat(targets(store.find(new AuditQuery(T0.plusSeconds(60), T0.plusSeconds(180), null, null, null, null, 10))))
        .as("from is inclusive, to exclusive").containsExactly("error 42", "job hourly-customers");
    assertThat(targets(store.find(new AuditQuery(null, null, "alice", null, null, null, 10))))
        .containsExactly("job hourly-customers");
    assertThat(targets(store.find(new AuditQuery(null, null, null, AuditAction.JOB_CREATED, null, null, 10))))
        .containsExactly("job hourly-customers");
    assertThat(targets(store.find(new AuditQuery(null, null, null, null, "HOURLY", null, 10))))
        .as("the target matches in part, in any case").hasSize(2);
    assertThat(store.find(new AuditQuery(null, null, null, null, "%", null, 10)))
        .as("LIKE's wildcards in a filter are literal").isEmpty();
    assertThat(store.find(new AuditQuery(null, null, null, null, "_", null, 10))).isEmpty();

    List<AuditEvent> firstTwo = store.find(all(2));
    List<AuditEvent> nextTwo = store.find(new AuditQuery(null, null, null, null, null, firstTwo.get(1).id(), 2));
    assertThat(targets(nextTwo)).as("the cursor continues where the page ended").containsExactly("error 42", "job hourly-customers");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void detailsTooLongForTheColumnAreReplacedByANoteAndALongTargetIsCut(String kind) {
    AuditStore store = store(kind);
    store.add(new AuditStore.NewEvent(T0, Actor.BOOTSTRAP_ADMIN, AuditAction.JOB_CHANGED, "job " + "x".repeat(400),
        JSON.valueToTree(Map.of("name", "y".repeat(AuditStore.DETAILS_MAX))), "127.0.0.1", 200));

    AuditEvent stored = store.find(all(1)).get(0);
    assertThat((String) stored.details().get("omitted")).contains("longer than " + AuditStore.DETAILS_MAX);
    assertThat(stored.target()).hasSize(AuditStore.TARGET_MAX).endsWith("…");
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
