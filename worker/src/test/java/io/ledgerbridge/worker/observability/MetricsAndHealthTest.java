package io.ledgerbridge.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.status.MonitoringApiSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The meters a run leaves, read through {@code /actuator/metrics} (Spring's tests switch the
 * Prometheus export off; {@link PrometheusExportTest} checks the names Prometheus scrapes), and
 * what the health page says about each dependency.
 */
class MetricsAndHealthTest extends MonitoringApiSupport {

  private double count(String meter, String... tags) {
    StringBuilder path = new StringBuilder("/actuator/metrics/" + meter);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? "?" : "&").append("tag=").append(tags[i]);
    }
    ApiResponse response = call("GET", path.toString(), null);
    assertThat(response.status()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    for (JsonNode measurement : response.body().get("measurements")) {
      if (measurement.get("statistic").asText().equals("COUNT") || measurement.get("statistic").asText().equals("VALUE")) {
        return measurement.get("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT or VALUE in " + response.body());
  }

  @Test
  void theTemporalSdksOwnMetricsReachTheApplicationsRegistry() {
    // The SDK hands its values over every 10 s; its pollers have called the server by then.
    JsonNode requests =
        awaitJson("/actuator/metrics/temporal_request", meter -> meter.has("measurements"), Duration.ofSeconds(30));
    assertThat(requests.get("measurements").get(0).get("value").asDouble()).isPositive();
  }

  @Test
  void afterARunTheMetersCountRecordsApiCallsRunsAndOpenErrors() {
    String jobId = manualJob("metrics");
    JsonNode run = awaitRunEnd(startRun(jobId));
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");

    assertThat(count("ledgerbridge.api.requests", "system:quickbooks", "operation:query", "status:200")).isPositive();
    assertThat(count("ledgerbridge.records", "object:Customer", "direction:QBO_TO_SALESFORCE", "outcome:unchanged"))
        .isGreaterThanOrEqualTo(0);
    assertThat(count("ledgerbridge.records", "object:Customer", "outcome:created")).isPositive();
    assertThat(count("ledgerbridge.runs", "status:SUCCEEDED")).isPositive();
    assertThat(count("ledgerbridge.run.duration", "status:SUCCEEDED")).isPositive();
    assertThat(count("ledgerbridge.errors.open", "type:VALIDATION")).isGreaterThanOrEqualTo(0);
    deleteJob(jobId);
  }

  @Test
  void healthCoversTemporalTheDatabaseAndEachConnection() {
    JsonNode components = call("GET", "/actuator/health", null).body().get("components");

    assertThat(components.get("temporal").get("status").asText()).isEqualTo("UP");
    assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
    JsonNode quickBooks = components.get("quickbooks");
    assertThat(quickBooks.get("details").get("companies").has(Sandbox.DEMO_REALM_ID)).isTrue();
    assertThat(quickBooks.get("details").get("lastCall").get("status").asText()).isEqualTo("200");
    assertThat(components.get("salesforce").get("status").asText()).isEqualTo("UP");
    assertThat(call("GET", "/actuator/health/liveness", null).body().get("status").asText()).isEqualTo("UP");
  }
}
