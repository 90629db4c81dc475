package io.ledgerbridge.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The README's "Temporal's own tools" commands, each done over plain gRPC the way the {@code
 * temporal} CLI does it, against the embedded Temporal the application starts: its own connection,
 * JSON payloads, no LedgerBridge class. Also what a job's workflow tells about itself there (memo,
 * summary, details) for someone who only has Temporal's tools.
 */
class TemporalToolsTest extends ApplicationTestSupport {

  private static final String NAMESPACE = "default";

  @Autowired WorkflowServiceStubs applicationStubs;

  /** A connection of its own, as the CLI opens one: {@code --address 127.0.0.1:<port>}. */
  private WorkflowServiceStubs cli;

  @BeforeEach
  void connectLikeTheCli() {
    cli = WorkflowServiceStubs.newConnectedServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(applicationStubs.getOptions().getTarget()).build(),
        Duration.ofSeconds(10));
  }

  @AfterEach
  void disconnect() {
    cli.shutdownNow();
  }

  /** {@code temporal workflow list}, and with the queries the README shows. */
  @Test
  void workflowListShowsTheDemoJob() {
    List<WorkflowExecutionInfo> all = list("");
    assertThat(all).extracting(run -> run.getExecution().getWorkflowId()).contains("ledgerbridge-job-demo-customers");
    assertThat(list("WorkflowType = 'BatchSync' AND ExecutionStatus = 'Running'"))
        .extracting(run -> run.getExecution().getWorkflowId()).contains("ledgerbridge-job-demo-customers");
  }

  /** {@code temporal workflow describe} and {@code temporal workflow show} of the demo job. */
  @Test
  void workflowDescribeAndShowOfTheDemoJob() {
    DescribeWorkflowExecutionResponse described = describe("ledgerbridge-job-demo-customers");
    assertThat(described.getWorkflowExecutionInfo().getType().getName()).isEqualTo("BatchSync");
    assertThat(described.getWorkflowExecutionInfo().getTaskQueue()).isEqualTo("ledgerbridge-sync");
    List<HistoryEvent> history = cli.blockingStub().getWorkflowExecutionHistory(
        GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(NAMESPACE)
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId("ledgerbridge-job-demo-customers")).build())
        .getHistory().getEventsList();
    assertThat(history.get(0).getWorkflowExecutionStartedEventAttributes().getCronSchedule()).isEqualTo("* * * * *");
  }

  /**
   * {@code temporal workflow start --type BatchSync ... --cron "0 3 * * *" --input '{...}'}, then
   * {@code temporal workflow terminate}: the job appears as external while it runs and is gone after.
   */
  @Test
  void workflowStartWithACronThenTerminate() {
    String input = "{\"jobId\":\"nightly\",\"name\":\"Nightly customers\",\"companyId\":\"9130357766001001\","
        + "\"direction\":\"QBO_TO_SALESFORCE\",\"objects\":[\"Customer\"]}";
    String runId = cli.blockingStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(NAMESPACE)
            .setRequestId(UUID.randomUUID().toString())
            .setIdentity("temporal-cli")
            .setWorkflowId("ledgerbridge-job-nightly")
            .setWorkflowType(WorkflowType.newBuilder().setName("BatchSync"))
            .setTaskQueue(TaskQueue.newBuilder().setName("ledgerbridge-sync"))
            .setCronSchedule("0 3 * * *")
            .setInput(json(input))
            .build())
        .getRunId();
    assertThat(runId).isNotEmpty();
    assertThat(list("WorkflowId = 'ledgerbridge-job-nightly' AND ExecutionStatus = 'Running'")).hasSize(1);
    JsonNode jobs = awaitJson("/api/jobs", found -> hasJob(found, "nightly"), Duration.ofSeconds(30));
    assertThat(hasJob(jobs, "nightly")).isTrue();

    cli.blockingStub().terminateWorkflowExecution(TerminateWorkflowExecutionRequest.newBuilder()
        .setNamespace(NAMESPACE)
        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("ledgerbridge-job-nightly"))
        .setReason("README: temporal workflow terminate")
        .build());
    assertThat(describe("ledgerbridge-job-nightly").getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(list("WorkflowId = 'ledgerbridge-job-nightly' AND ExecutionStatus = 'Terminated'")).hasSize(1);
    awaitJson("/api/jobs", found -> !hasJob(found, "nightly"), Duration.ofSeconds(30));
  }

  /** {@code temporal workflow signal-with-start --type RecordSync ... --signal addRecords}. */
  @Test
  void signalWithStartARecordSync() {
    String workflowId = "ledgerbridge-record-9130357766001001-Customer-QBO_TO_SALESFORCE-live";
    String runId = cli.blockingStub().signalWithStartWorkflowExecution(SignalWithStartWorkflowExecutionRequest.newBuilder()
            .setNamespace(NAMESPACE)
            .setRequestId(UUID.randomUUID().toString())
            .setIdentity("temporal-cli")
            .setWorkflowId(workflowId)
            .setWorkflowType(WorkflowType.newBuilder().setName("RecordSync"))
            .setTaskQueue(TaskQueue.newBuilder().setName("ledgerbridge-sync"))
            .setInput(json("{\"companyId\":\"9130357766001001\",\"object\":\"Customer\","
                + "\"direction\":\"QBO_TO_SALESFORCE\",\"sourceIds\":[\"58\"]}"))
            .setSignalName("addRecords")
            .setSignalInput(json("[\"58\"]"))
            .build())
        .getRunId();
    assertThat(runId).isNotEmpty();
    assertThat(list("WorkflowType = 'RecordSync' AND RunId = '" + runId + "'")).hasSize(1);
    assertThat(describe(workflowId, runId).getWorkflowExecutionInfo().getType().getName()).isEqualTo("RecordSync");
  }

  /**
   * A job's run, described: its memo and the UI's summary and details name job, company, objects and
   * trigger; the REST API's run views link to the run in Temporal's web UI.
   */
  @Test
  void aJobsRunDescribesItselfInMemoSummaryAndDetails() {
    ApiResponse created = call("POST", "/api/jobs",
        "{\"name\":\"Temporal tools described\",\"companyId\":\"9130357766001001\",\"direction\":\"QBO_TO_SALESFORCE\","
            + "\"objects\":[\"Customer\"],\"schedule\":{\"minute\":[\"0\"],\"hour\":[\"3\"]}}");
    assertThat(created.status()).isEqualTo(201);
    String jobId = created.body().get("id").asText();

    DescribeWorkflowExecutionResponse scheduled = describe("ledgerbridge-job-" + jobId);
    assertThat(memo(scheduled, "jobId")).isEqualTo("\"" + jobId + "\"");
    assertThat(memo(scheduled, "companyId")).isEqualTo("\"9130357766001001\"");
    assertThat(memo(scheduled, "objects")).isEqualTo("\"Customer\"");
    assertThat(memo(scheduled, "direction")).isEqualTo("\"QBO_TO_SALESFORCE\"");
    assertThat(memo(scheduled, "run")).isEqualTo("\"scheduled\"");
    assertThat(summary(scheduled))
        .isEqualTo("\"Temporal tools described: Customer, QuickBooks 9130357766001001 → Salesforce (scheduled)\"");
    assertThat(scheduled.getExecutionConfig().getUserMetadata().getDetails().getData().toStringUtf8())
        .contains(jobId, "9130357766001001", "Customer", "0 3 * * *");

    ApiResponse manual = call("POST", "/api/jobs/" + jobId + "/run", null);
    assertThat(manual.status()).isEqualTo(202);
    DescribeWorkflowExecutionResponse byHand =
        describe("ledgerbridge-job-" + jobId + "-manual", manual.body().get("runId").asText());
    assertThat(memo(byHand, "run")).isEqualTo("\"started by hand\"");
    assertThat(summary(byHand)).contains("(started by hand)");

    String runId = manual.body().get("runId").asText();
    String link = TEMPORAL_UI_URL + "/namespaces/default/workflows/ledgerbridge-job-" + jobId + "-manual/" + runId
        + "/history";
    assertThat(manual.body().get("temporalUrl").asText()).isEqualTo(link);
    JsonNode run = awaitJson("/api/runs/" + runId, found -> found.has("temporalUrl"), Duration.ofSeconds(60));
    assertThat(run.get("temporalUrl").asText()).isEqualTo(link);
    assertThat(awaitJson("/api/runs?jobId=" + jobId, found -> found.size() > 0, Duration.ofSeconds(10))
        .get(0).get("temporalUrl").asText()).isEqualTo(link);
    assertThat(awaitJson("/api/jobs/" + jobId, found -> found.hasNonNull("lastRun"), Duration.ofSeconds(10))
        .get("lastRun").get("temporalUrl").asText()).isEqualTo(link);
    call("DELETE", "/api/jobs/" + jobId, null);
  }

  private static boolean hasJob(JsonNode jobs, String id) {
    for (JsonNode job : jobs) {
      if (job.get("id").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static String memo(DescribeWorkflowExecutionResponse described, String field) {
    return described.getWorkflowExecutionInfo().getMemo().getFieldsOrThrow(field).getData().toStringUtf8();
  }

  private static String summary(DescribeWorkflowExecutionResponse described) {
    return described.getExecutionConfig().getUserMetadata().getSummary().getData().toStringUtf8();
  }

  private List<WorkflowExecutionInfo> list(String query) {
    return cli.blockingStub().listWorkflowExecutions(
        ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE).setQuery(query).build()).getExecutionsList();
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId) {
    return describe(workflowId, "");
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId, String runId) {
    return cli.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
        .setNamespace(NAMESPACE)
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
        .build());
  }

  /** One JSON argument, encoded as the CLI's {@code --input} encodes it. */
  private static Payloads json(String value) {
    return Payloads.newBuilder().addPayloads(Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(value)))
        .build();
  }
}
