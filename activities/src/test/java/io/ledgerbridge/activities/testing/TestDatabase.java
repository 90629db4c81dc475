package io.ledgerbridge.activities.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The two databases the stores must work on: H2 in PostgreSQL mode (the embedded default) and a
 * real PostgreSQL 15 at 127.0.0.1:5432, each migrated with the production Flyway scripts. The
 * PostgreSQL database is created for this JVM and dropped when it exits; tests on it are skipped,
 * visibly, only when nothing answers on port 5432.
 */
public enum TestDatabase {
  H2,
  POSTGRESQL;

  private static final List<String> TABLES =
      List.of("record_error", "job_run_object", "job_run", "oauth_connection", "record_link", "sync_cursor", "sync_job",
          "deferred_record", "preflight_pass", "create_in_flight", "rate_budget", "api_usage", "connection_call");
  private static final String PG_HOST = "127.0.0.1";
  private static final int PG_PORT = 5432;

  private JdbcTemplate jdbc;

  /** A migrated database with empty tables. */
  public synchronized JdbcTemplate freshJdbc() {
    if (jdbc == null) {
      jdbc = new JdbcTemplate(this == H2 ? h2() : postgres());
    }
    for (String table : TABLES) {
      jdbc.update("DELETE FROM " + table);
    }
    return jdbc;
  }

  private static DataSource h2() {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:lb_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            true);
    migrate(ds);
    return ds;
  }

  private static DataSource postgres() {
    assumeTrue(
        answers(PG_HOST, PG_PORT),
        "PostgreSQL is not answering on " + PG_HOST + ":" + PG_PORT + "; PostgreSQL variant skipped");
    String name = "ledgerbridge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    String admin = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/test";
    execute(admin, "CREATE DATABASE " + name);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    // One kept-open connection: tests run one at a time, and a connection per statement is slow.
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name, "postgres", "", true);
    migrate(ds);
    return ds;
  }

  private static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
