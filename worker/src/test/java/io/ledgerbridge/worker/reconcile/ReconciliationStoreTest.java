package io.ledgerbridge.worker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.reconcile.ClassCounts;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.reconcile.RecordClass;
import io.ledgerbridge.workflows.reconcile.RecordSample;
import io.ledgerbridge.workflows.reconcile.ReconcileInput;
import io.ledgerbridge.workflows.reconcile.ReconcileStart;
import io.ledgerbridge.workflows.reconcile.ReconcileStatus;
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
 * Reconciliations stored and read back on both databases LedgerBridge supports: H2 and PostgreSQL
 * (its own throwaway database on 127.0.0.1:5432, dropped afterwards; skipped, visibly, only when
 * nothing answers there), migrated by the application's own Flyway scripts.
 */
class ReconciliationStoreTest {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");
  private static String createdDatabase;

  private static DataSource database(String kind) {
    if (kind.equals("h2")) {
      return new SingleConnectionDataSource("jdbc:h2:mem:lbr_" + UUID.randomUUID().toString().replace("-", "")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", true);
    }
    assumeTrue(answers(), "PostgreSQL is not answering on 127.0.0.1:5432; the PostgreSQL variant is skipped");
    createdDatabase = "ledgerbridge_reconcile_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql"})
  void findingsRoundTripAndTheNewestEndedOnePerCompanyIsFound(String kind) {
    DataSource ds = database(kind);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    ReconciliationStore store = new ReconciliationStore(new JdbcTemplate(ds), new ObjectMapper().findAndRegisterModules());
    ReconcileInput weekly = new ReconcileInput("9130", List.of(), false, true);
    ObjectReconciliation customers = new ObjectReconciliation(SyncObject.CUSTOMER, "Account",
        List.of(SyncDirection.QBO_TO_SALESFORCE), new ClassCounts(57, 1, 1, 0, 1, 0), Map.of("Phone", 1),
        List.of(new RecordSample(RecordClass.LINKED_DIFFERENT, "58", "001000000000058AAA", List.of("Phone"))), 0, 1, 2, 35,
        null);

    store.started(new ReconcileStart("r1", "ledgerbridge-reconcile-9130", weekly, T0));
    store.started(new ReconcileStart("r1", "ledgerbridge-reconcile-9130", weekly, T0));
    store.finished("r1", List.of(customers), T0.plusSeconds(3));
    store.started(new ReconcileStart("r2", "ledgerbridge-reconcile-9130-manual",
        new ReconcileInput("9130", List.of(SyncObject.INVOICE), true, false), T0.plusSeconds(60)));

    Reconciliation ended = store.find("r1").orElseThrow();
    assertThat(ended.status()).isEqualTo(ReconcileStatus.DIFFERENCES);
    assertThat(ended.differences()).isEqualTo(3);
    assertThat(ended.finishedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(ended.objects()).containsExactly(customers);
    assertThat(store.latest("9130").orElseThrow().id()).as("the newest, running").isEqualTo("r2");
    assertThat(store.latest("9130").orElseThrow().requestedObjects()).containsExactly("Invoice");
    assertThat(store.running("9130")).extracting(Reconciliation::id).containsExactly("r2");
    assertThat(store.latestEndedPerCompany()).containsOnlyKeys("9130");
    assertThat(store.latestEndedPerCompany().get("9130").id()).isEqualTo("r1");

    store.lost("r2", "its workflow ended without storing findings", T0.plusSeconds(90));
    assertThat(store.find("r2").orElseThrow().status()).isEqualTo(ReconcileStatus.FAILED);
    assertThat(store.latestEndedPerCompany().get("9130").id()).isEqualTo("r2");
    assertThat(store.latest("other")).isEmpty();
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
