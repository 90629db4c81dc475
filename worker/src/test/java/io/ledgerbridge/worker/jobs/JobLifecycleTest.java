package io.ledgerbridge.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Time-zone schedules, update, pause, resume, and Temporal brought back in line with the registry. */
class JobLifecycleTest extends ApplicationTestSupport {
  private static final String COMPANY = Sandbox.DEMO_REALM_ID;

  @Autowired WorkflowServiceStubs temporal;

  private JsonNode create(String name, String schedule) {
    ApiResponse created =
        call("POST", "/api/jobs", """
            {"name":"%s","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],"schedule":%s}
            """.formatted(name, COMPANY, schedule));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body();
  }

  @Test
  void aBerlinScheduleRunsOnAUtcSupersetAndListsLocalTimes() {
    JsonNode job = create("Berlin nightly", "{\"minute\":[30],\"hour\":[3],\"timeZone\":\"Europe/Berlin\"}");
    assertThat(job.get("cron").asText()).isEqualTo("30 1,2 * * *");
    assertThat(job.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(job.get("scheduleDescription").asText()).contains("Europe/Berlin");
    assertThat(job.get("temporalState").asText()).isEqualTo("SCHEDULED");
    assertThat(job.get("nextRuns")).hasSize(5).allSatisfy(run -> assertThat(run.asText()).contains("T03:30:00+0"));
    call("DELETE", "/api/jobs/" + job.get("id").asText(), null);
  }

  @Test
  void temporalShowsTheJobsNameCompanyDirectionAndObjects() {
    String id = create("Readable in Temporal", "{\"minute\":[5]}").get("id").asText();
    DescribeWorkflowExecutionResponse described =
        temporal.blockingStub().describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId("ledgerbridge-job-" + id))
                .build());
    Map<String, Payload> searchAttributes =
        described.getWorkflowExecutionInfo().getSearchAttributes().getIndexedFieldsMap();
    assertThat(searchAttributes.get("LedgerBridgeJobName").getData().toStringUtf8()).contains("Readable in Temporal");
    assertThat(searchAttributes.get("LedgerBridgeCompany").getData().toStringUtf8()).contains(COMPANY);
    assertThat(searchAttributes.get("LedgerBridgeDirection").getData().toStringUtf8()).contains("QBO_TO_SALESFORCE");
    assertThat(searchAttributes.get("LedgerBridgeObjects").getData().toStringUtf8()).contains("Customer");
    assertThat(described.getWorkflowExecutionInfo().getMemo().getFieldsMap().get("name").getData().toStringUtf8())
        .contains("Readable in Temporal");
    call("DELETE", "/api/jobs/" + id, null);
  }

  @Test
  void anUpdateReplacesTheCronChainAndKeepsWhatWasNotSent() {
    String id = create("Update me", "{\"minute\":[5]}").get("id").asText();

    ApiResponse updated = call("PUT", "/api/jobs/" + id, "{\"schedule\":{\"minute\":[10],\"hour\":[4]}}");
    assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
    assertThat(updated.body().get("cron").asText()).isEqualTo("10 4 * * *");
    assertThat(updated.body().get("name").asText()).isEqualTo("Update me");
    assertThat(updated.body().get("objects")).extracting(JsonNode::asText).containsExactly("Customer");
    assertThat(updated.body().get("temporalState").asText()).as("Temporal runs the new cron").isEqualTo("SCHEDULED");

    ApiResponse refused = call("PUT", "/api/jobs/" + id, "{\"schedule\":{\"hour\":[99]}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(call("GET", "/api/jobs/" + id, null).body().get("cron").asText()).isEqualTo("10 4 * * *");

    create("Taken name", "{\"minute\":[7]}");
    assertThat(call("PUT", "/api/jobs/" + id, "{\"name\":\"Taken name\"}").status()).isEqualTo(409);
    call("DELETE", "/api/jobs/taken-name", null);
    call("DELETE", "/api/jobs/" + id, null);
  }

  @Test
  void pauseStopsTheChainAndResumeStartsItAgain() {
    String id = create("Pause me", "{\"minute\":[5]}").get("id").asText();

    JsonNode paused = call("POST", "/api/jobs/" + id + "/pause", null).body();
    assertThat(paused.get("state").asText()).isEqualTo("PAUSED");
    assertThat(paused.get("temporalState").asText()).isEqualTo("PAUSED");
    assertThat(paused.get("nextRuns")).isEmpty();

    JsonNode resumed = call("POST", "/api/jobs/" + id + "/resume", null).body();
    assertThat(resumed.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(resumed.get("temporalState").asText()).isEqualTo("SCHEDULED");
    assertThat(resumed.get("nextRuns")).hasSize(5);
    call("DELETE", "/api/jobs/" + id, null);
  }

  @Test
  void aChainTemporalLostIsRecreatedFromTheRegistry() {
    String id = create("Lost chain", "{\"minute\":[5]}").get("id").asText();
    // What a restart of the embedded Temporal does to every chain.
    temporal.blockingStub().terminateWorkflowExecution(
        TerminateWorkflowExecutionRequest.newBuilder()
            .setNamespace("default")
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("ledgerbridge-job-" + id))
            .setReason("simulated loss")
            .build());
    awaitJson("/api/jobs/" + id, job -> job.get("temporalState").asText().equals("SCHEDULED"), Duration.ofSeconds(20));
    call("DELETE", "/api/jobs/" + id, null);
  }
}
