package io.ledgerbridge.worker.temporal.visibility;

import com.google.protobuf.ByteString;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list queries of Temporal's visibility API on the embedded Temporal: ListWorkflowExecutions,
 * ScanWorkflowExecutions and CountWorkflowExecutions, which the Java test server answers
 * UNIMPLEMENTED, so that {@code temporal workflow list}, {@code temporal workflow count}, the web
 * UI and every SDK's list() work against it. Every other call of the workflow service goes to the
 * test server unchanged.
 *
 * <p>Each call reads every run the test server holds ({@link TestServerExecutions}) and filters
 * them with the {@link VisibilityQuery}; a query outside that subset is refused INVALID_ARGUMENT,
 * naming the part, rather than answered with a list that ignores it.
 */
public final class EmbeddedVisibility {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedVisibility.class);

  /** A real server's default and largest page (its visibility max page size). */
  static final int MAX_PAGE_SIZE = 1000;

  private final TestServerExecutions executions;
  private final Supplier<Map<String, IndexedValueType>> searchAttributes;

  EmbeddedVisibility(TestServerExecutions executions, Supplier<Map<String, IndexedValueType>> searchAttributes) {
    this.executions = executions;
    this.searchAttributes = searchAttributes;
  }

  /**
   * The test server's workflow service with the three list calls answered here.
   *
   * @param workflowService the test server's service as it binds itself
   * @param testService the same service, called in-process to read runs
   * @param searchAttributes the namespace's registered search attributes, read at each query
   */
  public static ServerServiceDefinition serving(
      ServerServiceDefinition workflowService,
      WorkflowServiceImplBase testService,
      Supplier<Map<String, IndexedValueType>> searchAttributes) {
    EmbeddedVisibility visibility =
        new EmbeddedVisibility(new TestServerExecutions(testService), searchAttributes);
    ServerServiceDefinition.Builder served = ServerServiceDefinition.builder(workflowService.getServiceDescriptor());
    for (ServerMethodDefinition<?, ?> method : workflowService.getMethods()) {
      String name = method.getMethodDescriptor().getFullMethodName();
      if (name.equals(WorkflowServiceGrpc.getListWorkflowExecutionsMethod().getFullMethodName())) {
        served.addMethod(WorkflowServiceGrpc.getListWorkflowExecutionsMethod(),
            ServerCalls.asyncUnaryCall(answered(visibility::list)));
      } else if (name.equals(WorkflowServiceGrpc.getScanWorkflowExecutionsMethod().getFullMethodName())) {
        served.addMethod(WorkflowServiceGrpc.getScanWorkflowExecutionsMethod(),
            ServerCalls.asyncUnaryCall(answered(visibility::scan)));
      } else if (name.equals(WorkflowServiceGrpc.getCountWorkflowExecutionsMethod().getFullMethodName())) {
        served.addMethod(WorkflowServiceGrpc.getCountWorkflowExecutionsMethod(),
            ServerCalls.asyncUnaryCall(answered(visibility::count)));
      } else {
        served.addMethod(method);
      }
    }
    return served.build();
  }

  ListWorkflowExecutionsResponse list(ListWorkflowExecutionsRequest request) {
    Page page = page(request.getNamespace(), request.getQuery(), request.getPageSize(), request.getNextPageToken());
    return ListWorkflowExecutionsResponse.newBuilder()
        .addAllExecutions(page.executions())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  /** A scan is a list in the default order, as on a real server's SQL visibility. */
  ScanWorkflowExecutionsResponse scan(ScanWorkflowExecutionsRequest request) {
    Page page = page(request.getNamespace(), request.getQuery(), request.getPageSize(), request.getNextPageToken());
    return ScanWorkflowExecutionsResponse.newBuilder()
        .addAllExecutions(page.executions())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  CountWorkflowExecutionsResponse count(CountWorkflowExecutionsRequest request) {
    // An ORDER BY changes nothing in a count, so it is allowed and has no effect.
    VisibilityQuery query = VisibilityQuery.parse(request.getQuery(), searchAttributes.get());
    List<ExecutionRecord> matching = matching(request.getNamespace(), query);
    CountWorkflowExecutionsResponse.Builder response =
        CountWorkflowExecutionsResponse.newBuilder().setCount(matching.size());
    if (query.groupByStatus()) {
      Map<String, Long> byStatus = new TreeMap<>();
      matching.forEach(run -> byStatus.merge(VisibilityQuery.statusName(run.status()), 1L, Long::sum));
      byStatus.forEach((status, count) -> response.addGroups(
          CountWorkflowExecutionsResponse.AggregationGroup.newBuilder()
              .addGroupValues(keywordPayload(status))
              .setCount(count)));
    }
    return response.build();
  }

  private record Page(List<WorkflowExecutionInfo> executions, ByteString nextPageToken) {}

  private Page page(String namespace, String queryText, int pageSize, ByteString token) {
    if (pageSize < 0) {
      throw new UnsupportedQueryException("page_size " + pageSize + " is negative; send 0 for the default (" + MAX_PAGE_SIZE + ")");
    }
    VisibilityQuery query = VisibilityQuery.parse(queryText, searchAttributes.get());
    if (query.groupByStatus()) {
      throw new UnsupportedQueryException("GROUP BY belongs to counts (temporal workflow count), not lists");
    }
    PageToken after = token.isEmpty() ? null : PageToken.decode(token);
    int size = pageSize == 0 ? MAX_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
    Comparator<ExecutionRecord> order =
        query.oldestFirst() ? PageToken.OLDEST_FIRST : PageToken.OLDEST_FIRST.reversed();
    List<ExecutionRecord> runs = matching(namespace, query).stream()
        .filter(run -> after == null || after.precedes(run, query.oldestFirst()))
        .sorted(order)
        .limit(size + 1L)
        .toList();
    boolean more = runs.size() > size;
    List<ExecutionRecord> shown = more ? runs.subList(0, size) : runs;
    return new Page(
        shown.stream().map(ExecutionRecord::info).toList(),
        more ? PageToken.after(shown.get(shown.size() - 1)).encode() : ByteString.EMPTY);
  }

  private List<ExecutionRecord> matching(String namespace, VisibilityQuery query) {
    return executions.all(namespace).stream().filter(query.filter()::matches).toList();
  }

  /** A group value as a real server encodes it: a Keyword search attribute's JSON. */
  private static Payload keywordPayload(String value) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .putMetadata("type", ByteString.copyFromUtf8("Keyword"))
        .setData(ByteString.copyFromUtf8("\"" + value + "\""))
        .build();
  }

  /** A handler whose refusals reach the client as INVALID_ARGUMENT with their reason. */
  private static <Q, R> ServerCalls.UnaryMethod<Q, R> answered(Function<Q, R> handler) {
    return (request, responseObserver) -> {
      R response;
      try {
        response = handler.apply(request);
      } catch (UnsupportedQueryException refused) {
        responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(refused.getMessage()).asRuntimeException());
        return;
      } catch (StatusRuntimeException failed) {
        responseObserver.onError(failed);
        return;
      } catch (RuntimeException failed) {
        log.warn("Embedded Temporal could not answer a list query", failed);
        responseObserver.onError(Status.INTERNAL.withDescription("the embedded Temporal could not list runs: "
            + failed.getClass().getSimpleName()).asRuntimeException());
        return;
      }
      responseObserver.onNext(response);
      responseObserver.onCompleted();
    };
  }
}
