package io.ledgerbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.client.api.JobsApi;
import io.ledgerbridge.client.model.ApiError;
import io.ledgerbridge.client.model.JobRequest;
import io.ledgerbridge.client.model.JobView;
import io.ledgerbridge.client.model.ScheduleSpec;
import io.ledgerbridge.client.model.SyncDirection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client generated from the checked-in OpenAPI document works against LedgerBridge as it ships: the
 * packaged jar in its own process, in demo mode (embedded Temporal, H2, the sandbox APIs, the demo company
 * connected), called with the admin token.
 */
class GeneratedClientTest {
  private static final String ADMIN_TOKEN = "api-client-test-token";
  /** The sandbox's QuickBooks company, which demo mode connects. */
  private static final String DEMO_COMPANY = "9130357766001001";
  /** About 10 s on an idle 2-core machine; a minute when other builds share it. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private static Process ledgerBridge;
  private static Path log;
  private static JobsApi jobs;

  @BeforeAll
  static void startLedgerBridge() throws IOException, InterruptedException {
    Path workDir = Files.createDirectories(Path.of(System.getProperty("apiClient.workDir")));
    Path dataDir = Files.createTempDirectory(workDir, "data-");
    log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    int port = freePort();
    ledgerBridge = new ProcessBuilder(
            // C1 only: it starts faster, and the test makes a handful of calls.
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
            "-jar", System.getProperty("apiClient.workerJar"),
            "--server.port=" + port,
            "--ledgerbridge.data-dir=" + dataDir,
            "--ledgerbridge.admin-token=" + ADMIN_TOKEN,
            "--ledgerbridge.demo=true",
            "--ledgerbridge.sandbox.qbo-port=0",
            "--ledgerbridge.sandbox.salesforce-port=0",
            "--ledgerbridge.sandbox.send-notifications=false",
            "--temporal.embedded-port=0")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    String baseUri = "http://127.0.0.1:" + port;
    awaitReady(baseUri);

    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUri);
    // The native library leaves authentication to the caller: the document's bearer scheme, as a header.
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + ADMIN_TOKEN));
    jobs = new JobsApi(client);
  }

  @AfterAll
  static void stopLedgerBridge() throws InterruptedException {
    if (ledgerBridge != null) {
      ledgerBridge.destroy();
      ledgerBridge.waitFor();
    }
  }

  @Test
  void aJobCreatedWithTheClientIsInTheJobList() throws ApiException {
    JobView created = jobs.createJob(new JobRequest()
        .name("Nightly customers from the generated client")
        .companyId(DEMO_COMPANY)
        .direction(SyncDirection.QBO_TO_SALESFORCE)
        .objects(List.of("Customer"))
        .schedule(new ScheduleSpec().minute(List.of("0")).hour(List.of("3")).timeZone("Europe/Berlin")));

    assertThat(created.getId()).isEqualTo("nightly-customers-from-the-generated-client");
    assertThat(jobs.listJobs())
        .filteredOn(job -> job.getId().equals(created.getId()))
        .singleElement()
        .satisfies(job -> {
          assertThat(job.getDirection()).isEqualTo(SyncDirection.QBO_TO_SALESFORCE);
          assertThat(job.getObjects()).containsExactly("Customer");
          assertThat(job.getTimeZone()).isEqualTo("Europe/Berlin");
        });
  }

  @Test
  void anErrorAnswerReadsAsTheDocumentedApiError() {
    assertThatThrownBy(() -> jobs.getJob("no-such-job"))
        .isInstanceOfSatisfying(ApiException.class, refused -> {
          assertThat(refused.getCode()).isEqualTo(404);
          ApiError error = readError(refused.getResponseBody());
          assertThat(error.getStatus()).isEqualTo(404);
          assertThat(error.getError()).isEqualTo("not_found");
          assertThat(error.getMessage()).contains("no-such-job");
        });
  }

  private static ApiError readError(String body) {
    try {
      return ApiClient.createDefaultObjectMapper().readValue(body, ApiError.class);
    } catch (IOException e) {
      throw new AssertionError("not an ApiError: " + body, e);
    }
  }

  private static void awaitReady(String baseUri) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUri + "/actuator/health/readiness")).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline) && ledgerBridge.isAlive()) {
      try {
        if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Still starting.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("LedgerBridge did not get ready within " + START_TIMEOUT + " (alive: "
        + ledgerBridge.isAlive() + "); its log, " + log + ":\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
