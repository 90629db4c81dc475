package io.ledgerbridge.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.FaultInjection;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Two jobs with the same object never sync it at once: the later run waits and says so. */
class OverlapGuardTest extends ApplicationTestSupport {

  @Autowired Sandbox sandbox;

  private String createJob(String name) {
    ApiResponse created =
        call("POST", "/api/jobs", """
            {"name":"%s","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
             "schedule":{"cron":"0 0 1 1 *"}}
            """.formatted(name, Sandbox.DEMO_REALM_ID));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  @Test
  void aSecondRunOfTheSameObjectWaitsForTheFirstAndReportsTheWait() {
    boolean demoJobPaused = pauseTheDemoJobAndLetItsRunFinish();
    String first = createJob("Overlap first");
    String second = createJob("Overlap second");
    // Slow QuickBooks down so the first run is still syncing when the second one starts.
    sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none().withLatency(Duration.ofMillis(1500)));
    try {
      String firstRun = call("POST", "/api/jobs/" + first + "/run", null).body().get("runId").asText();
      awaitJson("/api/runs/" + firstRun, run -> run.path("status").asText().equals("RUNNING"), Duration.ofSeconds(20));
      String secondRun = call("POST", "/api/jobs/" + second + "/run", null).body().get("runId").asText();

      JsonNode firstReport = awaitFinished(firstRun);
      JsonNode secondReport = awaitFinished(secondRun);
      assertThat(firstReport.path("objectReports").get(0).path("note").isMissingNode()).as("%s", firstReport).isTrue();
      assertThat(secondReport.path("objectReports").get(0).path("note").asText())
          .contains("waited")
          .contains("ledgerbridge-job-" + first);
      assertThat(secondReport.path("objectReports").get(0).path("startedAt").asText())
          .as("the second sync started after the first finished")
          .isGreaterThanOrEqualTo(firstReport.path("objectReports").get(0).path("finishedAt").asText());
    } finally {
      sandbox.injectFaults(SandboxApi.QUICKBOOKS, FaultInjection.none());
      call("DELETE", "/api/jobs/" + first, null);
      call("DELETE", "/api/jobs/" + second, null);
      if (demoJobPaused) {
        call("POST", "/api/jobs/demo-customers/resume", null);
      }
    }
  }

  /** The demo job syncs the same object every minute; it must not be the run the test waits for. */
  private boolean pauseTheDemoJobAndLetItsRunFinish() {
    if (call("POST", "/api/jobs/demo-customers/pause", null).status() != 200) {
      return false;
    }
    awaitJson(
        "/api/jobs/demo-customers",
        job -> job.path("temporalState").asText().equals("PAUSED"),
        Duration.ofSeconds(60));
    return true;
  }

  private JsonNode awaitFinished(String runId) {
    return awaitJson("/api/runs/" + runId, run -> !run.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
  }
}
