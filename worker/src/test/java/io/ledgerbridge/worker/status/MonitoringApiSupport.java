package io.ledgerbridge.worker.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the monitoring tests share on top of the one application: manual-only jobs, running them,
 * plain-text GETs (Prometheus). Every test first lets the demo job make its first run, so nothing
 * here syncs the demo company before the demo job has (the walking-skeleton test counts it).
 */
public abstract class MonitoringApiSupport extends ApplicationTestSupport {
  private static final Duration ONE_CRON_PERIOD_AND_SLACK = Duration.ofSeconds(100);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static volatile boolean demoRan;

  @BeforeEach
  void demoJobHasRunOnce() {
    if (!demoRan) {
      awaitJson(
          "/api/runs?jobId=demo-customers",
          runs -> {
            for (JsonNode run : runs) {
              if (!run.path("status").asText().equals("RUNNING")) {
                return true;
              }
            }
            return false;
          },
          ONE_CRON_PERIOD_AND_SLACK);
      demoRan = true;
    }
  }

  /** A job of the demo company's customers that runs only when asked (its cron is New Year's midnight). */
  protected String manualJob(String namePrefix) {
    ApiResponse created =
        call(
            "POST",
            "/api/jobs",
            """
            {"name":"%s %s","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
             "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}
            """
                .formatted(namePrefix, UUID.randomUUID().toString().substring(0, 8), Sandbox.DEMO_REALM_ID));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  protected String startRun(String jobId) {
    ApiResponse started = call("POST", "/api/jobs/" + jobId + "/run", null);
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    return started.body().get("runId").asText();
  }

  protected JsonNode awaitRunEnd(String runId) {
    return awaitJson("/api/runs/" + runId, r -> !r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
  }

  protected void deleteJob(String jobId) {
    call("DELETE", "/api/jobs/" + jobId, null);
  }

  /** A GET without JSON parsing, e.g. {@code /actuator/prometheus}. */
  protected String text(String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
