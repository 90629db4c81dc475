package io.ledgerbridge.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A job started the way the README shows for the temporal CLI and other SDKs: a plain gRPC start
 * of workflow type BatchSync with a JSON payload, using no LedgerBridge class. It runs, shows in
 * the job list as external, and can be taken over by pausing it.
 */
class ExternalStartTest extends ApplicationTestSupport {

  @Autowired WorkflowServiceStubs temporal;

  @Test
  void aCronWorkflowStartedOverGrpcRunsAndIsListedAsAnExternalJob() {
    String input =
        "{\"jobId\":\"cli-nightly\",\"name\":\"CLI nightly\",\"companyId\":\"9130357766001001\","
            + "\"direction\":\"QBO_TO_SALESFORCE\",\"objects\":[\"Customer\"]}";
    temporal.blockingStub().startWorkflowExecution(
        StartWorkflowExecutionRequest.newBuilder()
            .setNamespace("default")
            .setRequestId(UUID.randomUUID().toString())
            .setIdentity("temporal-cli")
            .setWorkflowId("cli-nightly-sync")
            .setWorkflowType(WorkflowType.newBuilder().setName("BatchSync"))
            .setTaskQueue(TaskQueue.newBuilder().setName("ledgerbridge-sync"))
            .setCronSchedule("* * * * *")
            .setInput(Payloads.newBuilder().addPayloads(
                Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                    .setData(ByteString.copyFromUtf8(input))))
            .build());

    JsonNode listed = findJob("cli-nightly");
    assertThat(listed.get("external").asBoolean()).isTrue();
    assertThat(listed.get("name").asText()).isEqualTo("CLI nightly");
    assertThat(listed.get("cron").asText()).isEqualTo("* * * * *");
    assertThat(listed.get("objects")).extracting(JsonNode::asText).containsExactly("Customer");

    JsonNode runs =
        awaitJson(
            "/api/runs?jobId=cli-nightly",
            found -> found.size() > 0 && found.get(found.size() - 1).get("status").asText().equals("SUCCEEDED"),
            Duration.ofSeconds(100));
    assertThat(runs.get(runs.size() - 1).get("workflowId").asText()).isEqualTo("cli-nightly-sync");

    ApiResponse paused = call("POST", "/api/jobs/cli-nightly/pause", null);
    assertThat(paused.status()).as("%s", paused.body()).isEqualTo(200);
    assertThat(paused.body().get("external").asBoolean()).as("taken over by LedgerBridge").isFalse();
    assertThat(paused.body().get("state").asText()).isEqualTo("PAUSED");
    assertThat(paused.body().get("temporalState").asText()).isEqualTo("PAUSED");
    String takenOver = paused.body().get("id").asText();
    assertThat(StreamSupport.stream(call("GET", "/api/jobs", null).body().spliterator(), false)
            .filter(job -> job.get("external").asBoolean()))
        .as("the external chain is gone")
        .isEmpty();
    assertThat(call("DELETE", "/api/jobs/" + takenOver, null).status()).isEqualTo(204);
  }

  private JsonNode findJob(String id) {
    ApiResponse response = call("GET", "/api/jobs/" + id, null);
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    return response.body();
  }
}
