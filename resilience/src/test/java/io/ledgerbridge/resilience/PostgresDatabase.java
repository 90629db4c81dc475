package io.ledgerbridge.resilience;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of the suite's own on the shared PostgreSQL at 127.0.0.1:5432, dropped again at the end.
 * Scenarios that need PostgreSQL are skipped, visibly, when nothing answers there.
 */
final class PostgresDatabase implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  static final String USER = "postgres";
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test";

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  static PostgresDatabase create() {
    assumeTrue(answers(), "PostgreSQL is not answering on " + HOST + ":" + PORT + "; scenario skipped");
    String name = "ledgerbridge_resilience_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + name);
    return new PostgresDatabase(name);
  }

  /** The JDBC URL of this database through another host and port, e.g. a proxy in front of PostgreSQL. */
  String urlVia(String host, int port) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  String url() {
    return urlVia(HOST, PORT);
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
