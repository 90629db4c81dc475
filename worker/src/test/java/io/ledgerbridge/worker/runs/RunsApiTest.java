package io.ledgerbridge.worker.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.sandbox.FaultInjection;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.worker.status.MonitoringApiSupport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.runs.RunStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Run history and live progress as an admin follows a sync through {@code /api/runs}. */
class RunsApiTest extends MonitoringApiSupport {
  @Autowired Sandbox sandbox;
  @Autowired RunStore runs;

  @Test
  void aRunningRunShowsItsProgressLiveThenItsReportHasApiCallsAndDurations() throws InterruptedException {
    String jobId = manualJob("progress");
    String runId;
    JsonNode live = null;
    // QuickBooks answers slowly, so the object's activity is caught while it runs.
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withLatency(Duration.ofMillis(1500)));
    try {
      runId = startRun(jobId);
      Instant deadline = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(deadline)) {
        ApiResponse response = call("GET", "/api/runs/" + runId, null);
        if (response.status() == 200
            && response.body().has("progress")
            && List.of("SCHEDULED", "RUNNING").contains(response.body().get("progress").get(0).get("state").asText())) {
          live = response.body();
          break;
        }
        Thread.sleep(100);
      }
    } finally {
      sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none());
    }
    assertThat(live).as("a running run shows its object's activity in progress").isNotNull();
    assertThat(live.get("status").asText()).isEqualTo("RUNNING");
    JsonNode customer = live.get("progress").get(0);
    assertThat(customer.get("object").asText()).isEqualTo("Customer");
    assertThat(customer.get("state").asText()).isIn("SCHEDULED", "RUNNING");
    assertThat(customer.get("done").asLong()).isZero();

    JsonNode run = awaitRunEnd(runId);
    assertThat(run.get("status").asText()).as("%s", run).isEqualTo("SUCCEEDED");
    assertThat(run.has("progress")).as("a finished run has its report instead").isFalse();
    assertThat(run.get("durationMillis").asLong()).isGreaterThanOrEqualTo(1500);
    assertThat(run.get("apiCalls").get("QUICKBOOKS").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode object = run.get("objectReports").get(0);
    assertThat(object.get("object").asText()).isEqualTo("Customer");
    assertThat(object.get("conflicts").asInt()).isZero();
    assertThat(object.get("durationMillis").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(run.get("openErrors").isInt()).isTrue();
    deleteJob(jobId);
  }

  @Test
  void aRunWaitingForAnotherRunOfTheSameObjectSaysSoInItsProgress() throws InterruptedException {
    String first = manualJob("holder");
    String second = manualJob("waiter");
    JsonNode waiting = null;
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withLatency(Duration.ofMillis(3000)));
    String waiterRun;
    try {
      // The second run is started only once the first holds the lock; started together, either could win it.
      String holderRun = startRun(first);
      awaitJson(
          "/api/runs/" + holderRun,
          run -> run.has("progress") && run.get("progress").get(0).get("state").asText().equals("RUNNING"),
          Duration.ofSeconds(30));
      waiterRun = startRun(second);
      Instant deadline = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(deadline) && waiting == null) {
        JsonNode run = call("GET", "/api/runs/" + waiterRun, null).body();
        if (run != null && run.has("progress") && run.get("progress").get(0).get("state").asText().equals("WAITING_FOR_LOCK")) {
          waiting = run;
        }
        Thread.sleep(100);
      }
    } finally {
      sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none());
    }
    assertThat(waiting).as("the later run shows that it waits for the lock").isNotNull();
    assertThat(awaitRunEnd(waiterRun).get("status").asText()).isEqualTo("SUCCEEDED");
    deleteJob(first);
    deleteJob(second);
  }

  @Test
  void runsFilterByCompanyAndStatus() {
    JsonNode succeeded = call("GET", "/api/runs?companyId=" + Sandbox.DEMO_REALM_ID + "&status=SUCCEEDED&limit=5", null).body();
    assertThat(succeeded).isNotEmpty();
    succeeded.forEach(run -> {
      assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(run.get("companyId").asText()).isEqualTo(Sandbox.DEMO_REALM_ID);
    });
    assertThat(call("GET", "/api/runs?companyId=nobody", null).body()).isEmpty();
    ApiResponse sideways = call("GET", "/api/runs?status=SIDEWAYS", null);
    assertThat(sideways.status()).isEqualTo(400);
    assertThat(sideways.body().get("message").asText()).startsWith("status: 'SIDEWAYS' is not one of RUNNING, SUCCEEDED");
    assertThat(call("GET", "/api/runs?offset=-1", null).status()).isEqualTo(400);
  }

  @Test
  void aRunWhoseWorkflowTemporalNoLongerKnowsIsShownCancelledWithTheReason() {
    String runId = UUID.randomUUID().toString();
    runs.recordStarted(
        new RunStarted(runId, "gone", "ledgerbridge-job-gone", "Gone", Sandbox.DEMO_REALM_ID, SyncDirection.QBO_TO_SALESFORCE,
            List.of("Customer"), Instant.now().minusSeconds(600)));

    JsonNode run = call("GET", "/api/runs/" + runId, null).body();

    assertThat(run.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(run.get("cause").asText()).contains("Temporal no longer knows this run");
  }
}
