package io.ledgerbridge.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.LedgerBridgeApplication;
import io.ledgerbridge.worker.RemoteApis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart of the demo, with its embedded Temporal and sandbox, keeps every job and its run
 * history, Temporal is given the job's cron workflow again, and the job still syncs.
 */
class RestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "restart-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRestartKeepsJobsAndRunHistoryAndReschedulesTheJobs() throws Exception {
    Path dataDir = Files.createTempDirectory("ledgerbridge-restart");

    String runId;
    try (ConfigurableApplicationContext first = start(dataDir)) {
      int port = port(first);
      JsonNode run = send(port, "POST", "/api/jobs/demo-customers/run");
      runId = run.get("runId").asText();
      await(port, "/api/runs/" + runId, report -> report.path("status").asText().equals("SUCCEEDED"));
    }

    try (ConfigurableApplicationContext second = start(dataDir)) {
      int port = port(second);
      JsonNode job = await(port, "/api/jobs/demo-customers", found -> found.path("temporalState").asText().equals("SCHEDULED"));
      assertThat(job.get("state").asText()).isEqualTo("ACTIVE");
      JsonNode history = send(port, "GET", "/api/runs?jobId=demo-customers");
      assertThat(history.findValuesAsText("runId")).contains(runId);
      assertThat(send(port, "GET", "/api/jobs").size()).as("no duplicate demo job").isEqualTo(1);
      String afterRestart = send(port, "POST", "/api/jobs/demo-customers/run").get("runId").asText();
      JsonNode report = await(port, "/api/runs/" + afterRestart, r -> !r.path("status").asText().equals("RUNNING"));
      assertThat(report.get("status").asText()).as("syncing still works: %s", report).isEqualTo("SUCCEEDED");
      RemoteApis freshSandbox = new RemoteApis(second.getBean(Sandbox.class));
      assertThat(freshSandbox.soql("SELECT Id FROM Account WHERE QBO_Id__c != null"))
          .as("the new, empty sandbox org gets every customer again")
          .hasSize(freshSandbox.qboAll(Sandbox.DEMO_REALM_ID, "Customer").size());
    }
  }

  private static ConfigurableApplicationContext start(Path dataDir) {
    return SpringApplication.run(
        LedgerBridgeApplication.class,
        "--server.port=0",
        "--ledgerbridge.demo=true",
        "--ledgerbridge.data-dir=" + dataDir,
        "--ledgerbridge.admin-token=" + TOKEN,
        "--ledgerbridge.sandbox.qbo-port=0",
        "--ledgerbridge.sandbox.salesforce-port=0",
        "--temporal.embedded-port=0");
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private JsonNode await(int port, String path, java.util.function.Predicate<JsonNode> done) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = http.send(request(port, "GET", path), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        last = JSON.readTree(response.body());
        if (done.test(last)) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(path + " did not get there in time; last: " + last);
  }

  private JsonNode send(int port, String method, String path) throws Exception {
    HttpResponse<String> response = http.send(request(port, method, path), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static HttpRequest request(int port, String method, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
  }
}
