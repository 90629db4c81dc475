package io.ledgerbridge.worker.temporal.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Every run the Java test server holds, read through the calls it does answer: its open and closed
 * lists name the runs (with their start time), DescribeWorkflowExecution adds memo, search
 * attributes, task queue and status, and a closed run's close event its close time.
 *
 * <p>The calls go to the test server's service object in this JVM, not over the network. A closed
 * run never changes, so it is read once and kept, as long as the test server itself keeps it.
 */
final class TestServerExecutions {

  /** The test server answers these calls at once; a longer wait means it is stuck. */
  private static final long CALL_TIMEOUT_SECONDS = 30;

  /**
   * The test server walks its map of runs without a lock to list them, so a run starting at that
   * moment can break the walk; walking again succeeds.
   */
  private static final int LIST_ATTEMPTS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkflowServiceImplBase testService;
  private final Map<String, ExecutionRecord> closedRuns = new ConcurrentHashMap<>();

  TestServerExecutions(WorkflowServiceImplBase testService) {
    this.testService = testService;
  }

  /** Every run of the namespace, open and closed, in no particular order. */
  List<ExecutionRecord> all(String namespace) {
    Map<String, WorkflowExecutionInfo> listed = new LinkedHashMap<>();
    for (WorkflowExecutionInfo info : listed(namespace)) {
      listed.put(info.getExecution().getRunId(), info);
    }
    List<ExecutionRecord> runs = new ArrayList<>(listed.size());
    for (WorkflowExecutionInfo info : listed.values()) {
      ExecutionRecord run = closedRuns.get(key(namespace, info.getExecution().getRunId()));
      if (run == null) {
        run = read(namespace, info);
      }
      if (run != null) {
        runs.add(run);
      }
    }
    return runs;
  }

  private List<WorkflowExecutionInfo> listed(String namespace) {
    for (int attempt = 1; ; attempt++) {
      try {
        List<WorkflowExecutionInfo> infos = new ArrayList<>(
            call(testService::listOpenWorkflowExecutions,
                ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
                .getExecutionsList());
        infos.addAll(
            call(testService::listClosedWorkflowExecutions,
                ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
                .getExecutionsList());
        return infos;
      } catch (ConcurrentModificationException startedMeanwhile) {
        if (attempt == LIST_ATTEMPTS) {
          throw Status.UNAVAILABLE
              .withDescription("the embedded Temporal's runs changed during every attempt to list them; try again")
              .asRuntimeException();
        }
      }
    }
  }

  /** The run in full; null when it belongs to another namespace (the test server lists all). */
  private ExecutionRecord read(String namespace, WorkflowExecutionInfo listed) {
    WorkflowExecution execution = listed.getExecution();
    WorkflowExecutionInfo described;
    try {
      described = call(testService::describeWorkflowExecution,
          DescribeWorkflowExecutionRequest.newBuilder().setNamespace(namespace).setExecution(execution).build())
          .getWorkflowExecutionInfo();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
    WorkflowExecutionInfo.Builder info = described.toBuilder().setStartTime(listed.getStartTime());
    boolean closed = described.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (closed) {
      info.setCloseTime(closeEvent(namespace, execution).getEventTime());
    }
    ExecutionRecord run = new ExecutionRecord(
        execution.getWorkflowId(),
        execution.getRunId(),
        described.getType().getName(),
        described.getTaskQueue(),
        described.getStatus(),
        instant(listed.getStartTime()),
        closed ? instant(info.getCloseTime()) : null,
        keywordAttributes(described.getSearchAttributes()),
        info.build());
    if (closed) {
      closedRuns.put(key(namespace, execution.getRunId()), run);
    }
    return run;
  }

  private HistoryEvent closeEvent(String namespace, WorkflowExecution execution) {
    List<HistoryEvent> events = call(testService::getWorkflowExecutionHistory,
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(namespace)
            .setExecution(execution)
            .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
            .build())
        .getHistory().getEventsList();
    // The close event is a closed run's last, whether or not the server applied the filter.
    return events.get(events.size() - 1);
  }

  /**
   * The run's Keyword and KeywordList search attributes: JSON strings and arrays of strings, as
   * every SDK encodes them. Other types are left out; queries on them are refused before this.
   */
  private static Map<String, List<String>> keywordAttributes(SearchAttributes attributes) {
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    for (Map.Entry<String, Payload> field : attributes.getIndexedFieldsMap().entrySet()) {
      JsonNode value;
      try {
        value = JSON.readTree(field.getValue().getData().toByteArray());
      } catch (IOException notJson) {
        continue;
      }
      if (value != null && value.isTextual()) {
        keywords.put(field.getKey(), List.of(value.asText()));
      } else if (value != null && value.isArray()) {
        List<String> values = new ArrayList<>();
        value.forEach(element -> {
          if (element.isTextual()) {
            values.add(element.asText());
          }
        });
        keywords.put(field.getKey(), List.copyOf(values));
      }
    }
    return Map.copyOf(keywords);
  }

  private static String key(String namespace, String runId) {
    return namespace + "/" + runId;
  }

  private static Instant instant(Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }

  /** One unary call to the in-process test service, waited for. */
  private static <Q, R> R call(BiConsumer<Q, StreamObserver<R>> method, Q request) {
    CompletableFuture<R> answer = new CompletableFuture<>();
    method.accept(request, new StreamObserver<>() {
      @Override
      public void onNext(R response) {
        answer.complete(response);
      }

      @Override
      public void onError(Throwable failure) {
        answer.completeExceptionally(failure);
      }

      @Override
      public void onCompleted() {}
    });
    try {
      return answer.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw Status.INTERNAL.withCause(failed.getCause()).asRuntimeException();
    } catch (TimeoutException stuck) {
      throw Status.DEADLINE_EXCEEDED
          .withDescription("the embedded Temporal did not answer within " + CALL_TIMEOUT_SECONDS + " s")
          .asRuntimeException();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
    }
  }
}
