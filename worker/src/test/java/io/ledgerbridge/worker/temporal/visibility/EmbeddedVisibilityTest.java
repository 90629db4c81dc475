package io.ledgerbridge.worker.temporal.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ledgerbridge.worker.temporal.EmbeddedTemporalServer;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The list queries over plain gRPC against the embedded Temporal, as the {@code temporal} CLI and
 * the web UI send them: two batches of runs (completed, failed, running, terminated, canceled),
 * one started with LedgerBridge's search attributes, listed, counted, paged and refused.
 */
class EmbeddedVisibilityTest {

  private static final String NAMESPACE = "default";
  private static final String TASK_QUEUE = "visibility-test";
  private static final SearchAttributeKey<String> COMPANY = SearchAttributeKey.forKeyword("LedgerBridgeCompany");
  private static final SearchAttributeKey<List<String>> OBJECTS =
      SearchAttributeKey.forKeywordList("LedgerBridgeObjects");

  private static EmbeddedTemporalServer server;
  private static WorkflowServiceStubs stubs;
  private static WorkflowClient client;
  private static WorkerFactory workers;
  /** Before the first batch, between the batches, after the second. */
  private static Instant beforeFirst;
  private static Instant betweenBatches;
  private static Instant afterSecond;

  @WorkflowInterface
  public interface Quick {
    @WorkflowMethod(name = "Quick")
    String run();
  }

  public static class QuickImpl implements Quick {
    @Override
    public String run() {
      return "done";
    }
  }

  @WorkflowInterface
  public interface Failing {
    @WorkflowMethod(name = "Failing")
    void run();
  }

  public static class FailingImpl implements Failing {
    @Override
    public void run() {
      throw ApplicationFailure.newNonRetryableFailure("fails on purpose", "Test");
    }
  }

  @WorkflowInterface
  public interface Waiting {
    @WorkflowMethod(name = "Waiting")
    void run();
  }

  public static class WaitingImpl implements Waiting {
    @Override
    public void run() {
      Workflow.await(() -> false);
    }
  }

  @BeforeAll
  static void startRuns() throws InterruptedException {
    server = EmbeddedTemporalServer.start("127.0.0.1", 0);
    stubs = WorkflowServiceStubs.newConnectedServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build(), Duration.ofSeconds(10));
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
    operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
        .setNamespace(NAMESPACE)
        .putSearchAttributes(COMPANY.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .putSearchAttributes(OBJECTS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST)
        .build());
    operator.shutdown();
    client = WorkflowClient.newInstance(stubs);
    workers = WorkerFactory.newInstance(client);
    workers.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(QuickImpl.class, FailingImpl.class, WaitingImpl.class);
    workers.start();

    beforeFirst = Instant.now();
    Thread.sleep(5);
    client.newWorkflowStub(Quick.class, options("a-quick-1")
        .setTypedSearchAttributes(SearchAttributes.newBuilder()
            .set(COMPANY, "9130357766001001").set(OBJECTS, List.of("Customer", "Invoice")).build())
        .build()).run();
    client.newWorkflowStub(Quick.class, options("a-quick-2").build()).run();
    WorkflowStub failing = WorkflowStub.fromTyped(client.newWorkflowStub(Failing.class, options("a-failing").build()));
    failing.start();
    awaitClosed(failing);
    WorkflowClient.start(client.newWorkflowStub(Waiting.class, options("a-terminated").build())::run);
    client.newUntypedWorkflowStub("a-terminated").terminate("test");
    Thread.sleep(5);
    betweenBatches = Instant.now();
    Thread.sleep(5);
    client.newWorkflowStub(Quick.class, options("b-quick").build()).run();
    WorkflowClient.start(client.newWorkflowStub(Waiting.class, options("b-waiting").build())::run);
    // Every other start waits for the run before to close; these two are kept apart by hand, so
    // that no two runs share a start time and newest-first has one answer.
    Thread.sleep(5);
    WorkflowClient.start(client.newWorkflowStub(Waiting.class, options("b-canceled").build())::run);
    client.newUntypedWorkflowStub("b-canceled").cancel();
    awaitClosed(client.newUntypedWorkflowStub("b-canceled"));
    Thread.sleep(5);
    afterSecond = Instant.now();
  }

  private static WorkflowOptions.Builder options(String workflowId) {
    return WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(workflowId);
  }

  private static void awaitClosed(WorkflowStub stub) {
    try {
      stub.getResult(10, java.util.concurrent.TimeUnit.SECONDS, Void.class);
    } catch (Exception closedWithFailure) {
      // failed or canceled: closed either way
    }
  }

  @AfterAll
  static void stop() {
    workers.shutdownNow();
    stubs.shutdownNow();
    server.close();
  }

  @Test
  void anEmptyQueryListsEveryRunNewestFirst() {
    List<WorkflowExecutionInfo> runs = list("", 0);
    assertThat(ids(runs)).containsExactly(
        "b-canceled", "b-waiting", "b-quick", "a-terminated", "a-failing", "a-quick-2", "a-quick-1");
    assertThat(runs.get(0).getTaskQueue()).isEqualTo(TASK_QUEUE);
    assertThat(runs.get(0).hasCloseTime()).isTrue();
    assertThat(runs.get(1).hasCloseTime()).isFalse();
  }

  @Test
  void byTypeIdAndStatus() {
    assertThat(ids(list("WorkflowType = 'Quick'", 0))).containsExactly("b-quick", "a-quick-2", "a-quick-1");
    assertThat(ids(list("WorkflowId = \"a-failing\"", 0))).containsExactly("a-failing");
    assertThat(ids(list("WorkflowId STARTS_WITH 'a-quick'", 0))).containsExactly("a-quick-2", "a-quick-1");
    assertThat(ids(list("ExecutionStatus = 'Running'", 0))).containsExactly("b-waiting");
    assertThat(ids(list("ExecutionStatus = 'Completed'", 0))).containsExactly("b-quick", "a-quick-2", "a-quick-1");
    assertThat(ids(list("ExecutionStatus = 'Failed'", 0))).containsExactly("a-failing");
    assertThat(ids(list("ExecutionStatus = 'Terminated'", 0))).containsExactly("a-terminated");
    assertThat(ids(list("ExecutionStatus = 'Canceled'", 0))).containsExactly("b-canceled");
    assertThat(ids(list("ExecutionStatus != 'Completed' AND WorkflowType IN ('Waiting', 'Failing')", 0)))
        .containsExactly("b-canceled", "b-waiting", "a-terminated", "a-failing");
    assertThat(list("ExecutionStatus = 'Failed'", 0).get(0).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
  }

  @Test
  void timeRangesWithRfc3339Times() {
    assertThat(ids(list("StartTime > '" + betweenBatches + "'", 0))).containsExactly("b-canceled", "b-waiting", "b-quick");
    assertThat(ids(list("StartTime BETWEEN '" + beforeFirst + "' AND '" + betweenBatches + "'", 0)))
        .containsExactly("a-terminated", "a-failing", "a-quick-2", "a-quick-1");
    assertThat(ids(list("StartTime >= '" + afterSecond + "'", 0))).isEmpty();
    // An open run has no CloseTime, so no comparison of it matches.
    assertThat(ids(list("CloseTime <= '" + afterSecond + "' AND WorkflowId STARTS_WITH 'b-'", 0)))
        .containsExactly("b-canceled", "b-quick");
    String offset = betweenBatches.atOffset(java.time.ZoneOffset.ofHours(2)).toString();
    assertThat(ids(list("StartTime < '" + offset + "'", 0))).hasSize(4);
  }

  @Test
  void andOrAndParentheses() {
    assertThat(ids(list(
        "(WorkflowType = 'Quick' OR WorkflowType = 'Failing') and StartTime < '" + betweenBatches + "'", 0)))
        .containsExactly("a-failing", "a-quick-2", "a-quick-1");
    assertThat(ids(list(
        "WorkflowType = 'Quick' OR WorkflowType = 'Failing' AND StartTime < '" + betweenBatches + "'", 0)))
        .as("AND binds tighter than OR")
        .containsExactly("b-quick", "a-failing", "a-quick-2", "a-quick-1");
  }

  @Test
  void searchAttributesTheRunWasStartedWith() {
    assertThat(ids(list("LedgerBridgeCompany = '9130357766001001'", 0))).containsExactly("a-quick-1");
    assertThat(ids(list("LedgerBridgeObjects = 'Invoice'", 0))).containsExactly("a-quick-1");
    assertThat(ids(list("LedgerBridgeObjects = 'Payment'", 0))).isEmpty();
    assertThat(list("LedgerBridgeCompany = '9130357766001001'", 0).get(0).getSearchAttributes()
        .getIndexedFieldsMap()).containsKey("LedgerBridgeCompany");
  }

  @Test
  void pagesFollowTheirTokensInOrderWithoutRepeats() {
    List<String> paged = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    int pages = 0;
    do {
      ListWorkflowExecutionsResponse page = stubs.blockingStub().listWorkflowExecutions(
          ListWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE).setPageSize(3)
              .setQuery("ORDER BY StartTime ASC").setNextPageToken(token).build());
      assertThat(page.getExecutionsCount()).isLessThanOrEqualTo(3);
      paged.addAll(ids(page.getExecutionsList()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(paged).containsExactly(
        "a-quick-1", "a-quick-2", "a-failing", "a-terminated", "b-quick", "b-waiting", "b-canceled");
  }

  @Test
  void scanAndTheSdksListAnswerToo() {
    assertThat(ids(stubs.blockingStub().scanWorkflowExecutions(ScanWorkflowExecutionsRequest.newBuilder()
        .setNamespace(NAMESPACE).setQuery("WorkflowType = 'Failing'").build()).getExecutionsList()))
        .containsExactly("a-failing");
    assertThat(client.listExecutions("WorkflowType = 'Waiting'").map(WorkflowExecutionMetadata::getExecution)
        .map(execution -> execution.getWorkflowId()).toList())
        .containsExactly("b-canceled", "b-waiting", "a-terminated");
  }

  @Test
  void countsAllMatchingAndByStatus() {
    assertThat(count("").getCount()).isEqualTo(7);
    assertThat(count("WorkflowType = 'Quick'").getCount()).isEqualTo(3);
    CountWorkflowExecutionsResponse grouped = count("GROUP BY ExecutionStatus");
    Map<String, Long> byStatus = grouped.getGroupsList().stream().collect(Collectors.toMap(
        group -> group.getGroupValues(0).getData().toStringUtf8(),
        CountWorkflowExecutionsResponse.AggregationGroup::getCount));
    assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(
        "\"Completed\"", 3L, "\"Failed\"", 1L, "\"Running\"", 1L, "\"Terminated\"", 1L, "\"Canceled\"", 1L));
    assertThat(client.countWorkflows("ExecutionStatus = 'Running'").getCount()).isEqualTo(1);
  }

  @Test
  void queriesItCannotAnswerAreRefusedNamingThePart() {
    assertRefused("HistoryLength > '3'", "unsupported field HistoryLength");
    assertRefused("WorkflowType LIKE 'Q%'", "operator LIKE is not supported");
    assertRefused("ExecutionStatus = 'Done'", "'Done' is not a status");
    assertRefused("StartTime > '2026-12-03'", "not an RFC 3339 time");
    assertRefused("ORDER BY CloseTime DESC", "ORDER BY CloseTime is not supported");
    assertRefused("(WorkflowType = 'Quick'", "is not closed");
    assertRefused("CustomIntField = '3'", "is of type Int");
    assertRefused("WorkflowType = 'Quick' LIMIT 3", "LIMIT");
    assertThatThrownBy(() -> stubs.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
        .setNamespace(NAMESPACE).setNextPageToken(ByteString.copyFromUtf8("forged")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, refused -> {
          assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(refused.getStatus().getDescription()).contains("next_page_token");
        });
  }

  @Test
  void otherCallsStillReachTheTestServer() {
    assertThat(client.newUntypedWorkflowStub("b-quick").getResult(String.class)).isEqualTo("done");
  }

  private static void assertRefused(String query, String reason) {
    assertThatThrownBy(() -> list(query, 0))
        .isInstanceOfSatisfying(StatusRuntimeException.class, refused -> {
          assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(refused.getStatus().getDescription()).contains(reason);
        });
    assertThatThrownBy(() -> count(query))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  private static List<WorkflowExecutionInfo> list(String query, int pageSize) {
    return stubs.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
        .setNamespace(NAMESPACE).setQuery(query).setPageSize(pageSize).build()).getExecutionsList();
  }

  private static CountWorkflowExecutionsResponse count(String query) {
    return stubs.blockingStub().countWorkflowExecutions(
        CountWorkflowExecutionsRequest.newBuilder().setNamespace(NAMESPACE).setQuery(query).build());
  }

  private static List<String> ids(List<WorkflowExecutionInfo> runs) {
    return runs.stream().map(run -> run.getExecution().getWorkflowId()).toList();
  }
}
