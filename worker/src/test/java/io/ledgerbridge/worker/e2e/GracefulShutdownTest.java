package io.ledgerbridge.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.worker.LedgerBridgeApplication;
import io.ledgerbridge.workflows.runs.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * SIGTERM to a LedgerBridge on the embedded Temporal in the middle of a run: the run's report ends
 * CANCELLED with the reason, and its objects are free, instead of the run showing RUNNING until
 * the next start. A process of its own, since only a real exit runs the JVM's shutdown hooks.
 */
class GracefulShutdownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "shutdown-token";
  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
  /** Customers enough for the run to last well beyond the moment it is seen running. */
  private static final int CUSTOMERS = 30_000;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRunInProgressAtSigtermEndsCancelledWithItsObjectsFree() throws Exception {
    Path dataDir = Files.createTempDirectory("ledgerbridge-shutdown");
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        LedgerBridgeApplication.class.getName(),
        "--server.port=0", "--ledgerbridge.demo=true", "--ledgerbridge.data-dir=" + dataDir,
        "--ledgerbridge.admin-token=" + TOKEN, "--ledgerbridge.sandbox.qbo-port=0", "--ledgerbridge.sandbox.salesforce-port=0",
        "--ledgerbridge.sandbox.customers=" + CUSTOMERS, "--ledgerbridge.sandbox.send-notifications=false",
        "--temporal.embedded-port=0")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String runId;
    try {
      int port = await(() -> port(log), found -> found > 0, "the server's port in " + log);
      await(() -> send(port, "GET", "/api/jobs/demo-customers").statusCode(), status -> status == 200, "the demo job");
      runId = json(send(port, "POST", "/api/jobs/demo-customers/run")).get("runId").asText();
      // A run is listed once its first activity has recorded it.
      await(() -> send(port, "GET", "/api/runs/" + runId).body(), run -> run.contains("\"status\":\"RUNNING\""),
          "the run to start");

      server.destroy();

      assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute; see %s", log).isTrue();
    } finally {
      server.destroyForcibly();
    }
    SingleConnectionDataSource database = new SingleConnectionDataSource("jdbc:h2:file:" + dataDir.resolve("ledgerbridge")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", true);
    try {
      RunReport run = new RunStore(new JdbcTemplate(database)).find(runId).orElseThrow();
      assertThat(run.status()).as("see %s", log).isEqualTo(RunStatus.CANCELLED);
      assertThat(run.cause()).contains("LedgerBridge stopped while the run was in progress");
      assertThat(new JdbcTemplate(database).queryForObject("SELECT COUNT(*) FROM object_lock", Integer.class)).isZero();
    } finally {
      database.destroy();
    }
  }

  private static int port(Path log) {
    try {
      Matcher matcher = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private HttpResponse<String> send(int port, String method, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(response.body(), e);
    }
  }

  private static <T> T await(Supplier<T> read, Predicate<T> done, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    T last = read.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited in vain for " + what + "; last: " + last);
      }
      Thread.sleep(200);
      last = read.get();
    }
    return last;
  }
}
