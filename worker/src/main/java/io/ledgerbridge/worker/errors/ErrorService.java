package io.ledgerbridge.worker.errors;

import io.grpc.StatusRuntimeException;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorFilter;
import io.ledgerbridge.activities.store.RecordErrorStatus;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RetryRequest;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** The error list, and what an admin does with an error: look, retry, dismiss. */
@Service
class ErrorService {
  /** The most errors one bulk retry takes; the rest stay open for the next one. */
  static final int MAX_BULK = 1000;
  private static final Logger log = LoggerFactory.getLogger(ErrorService.class);

  private final RecordErrorStore errors;
  private final RecordLinks links;
  private final RecordRetrier retrier;
  private final WorkflowClient client;

  ErrorService(JdbcTemplate jdbc, RecordLinks links, RecordRetrier retrier, WorkflowClient client) {
    this.errors = new RecordErrorStore(jdbc);
    this.links = links;
    this.retrier = retrier;
    this.client = client;
  }

  /** A page of the newest error per record matching the filter, with the total. */
  ErrorPage list(RecordErrorFilter filter, int page, int size) {
    List<RecordError> found = errors.newestPerRecord(filter, page * size, size);
    Map<Long, RetryRequest> retries =
        errors.retryRequests(found.stream().map(RecordError::id).toList()).stream()
            .collect(Collectors.toMap(RetryRequest::errorId, Function.identity()));
    List<ErrorView> items =
        found.stream().map(e -> ErrorView.of(e, links.of(e), retries.get(e.id()), null)).toList();
    return new ErrorPage(items, page, size, errors.countNewestPerRecord(filter));
  }

  /** One error with its record's older errors. */
  ErrorView get(long id) {
    RecordError error = find(id);
    List<RecordError> all = errors.history(id);
    Map<Long, RetryRequest> retries =
        errors.retryRequests(all.stream().map(RecordError::id).toList()).stream()
            .collect(Collectors.toMap(RetryRequest::errorId, Function.identity()));
    List<ErrorView> history =
        all.stream()
            .filter(e -> e.id() != id)
            .map(e -> ErrorView.of(e, null, retries.get(e.id()), null))
            .toList();
    ErrorView view = ErrorView.of(error, links.of(error), retries.get(id), history);
    return view.lastRetry() == null ? view : view.withRetryState(workflowState(view.lastRetry().workflowId()));
  }

  /** The Temporal status of the workflow's latest run, e.g. RUNNING or COMPLETED; null when unknown. */
  private String workflowState(String workflowId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(3, TimeUnit.SECONDS)
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .build())
          .getWorkflowExecutionInfo()
          .getStatus()
          .name()
          .replace("WORKFLOW_EXECUTION_STATUS_", "");
    } catch (StatusRuntimeException unknown) {
      return null;
    }
  }

  /** Retries one open error now. */
  RetryResult retry(long id) {
    RecordError error = find(id);
    requireOpen(error, "retried");
    return retryAll(List.of(error), 1);
  }

  /** Retries the open errors matching the filter, at most {@link #MAX_BULK}: one workflow per object and job. */
  RetryResult retryMatching(RecordErrorFilter filter) {
    RecordErrorFilter open = filter.withStatus(RecordErrorStatus.OPEN);
    long matched = errors.countNewestPerRecord(open);
    return retryAll(errors.newestPerRecord(open, 0, MAX_BULK), matched);
  }

  ErrorView dismiss(long id) {
    RecordError error = find(id);
    requireOpen(error, "dismissed");
    errors.dismiss(id);
    log.info(
        "Error {} dismissed: {} {} {} of company {}", id, error.object().displayName(), error.direction(), error.sourceId(), error.companyId());
    return get(id);
  }

  int dismissMatching(RecordErrorFilter filter) {
    int dismissed = errors.dismissAll(filter);
    log.info("Dismissed {} open error(s) matching {}", dismissed, filter);
    return dismissed;
  }

  private RetryResult retryAll(List<RecordError> open, long matched) {
    // One retry per company, object, direction and job; whole-object errors run the object.
    Map<GroupKey, List<RecordError>> groups = new LinkedHashMap<>();
    for (RecordError error : open) {
      boolean whole = RecordErrorStore.WHOLE_OBJECT.equals(error.sourceId());
      groups
          .computeIfAbsent(
              new GroupKey(error.companyId(), error.object(), error.direction(), error.jobId(), whole), k -> new ArrayList<>())
          .add(error);
    }
    List<RetryResult.Started> started = new ArrayList<>();
    for (Map.Entry<GroupKey, List<RecordError>> group : groups.entrySet()) {
      GroupKey key = group.getKey();
      List<RecordError> members = group.getValue();
      List<String> ids = key.wholeObject() ? List.of() : members.stream().map(RecordError::sourceId).toList();
      for (RecordRetrier.RetryStarted retry :
          retrier.retry(new RecordRetrier.RetryTarget(key.companyId(), key.object(), key.direction(), key.jobId(), ids))) {
        List<RecordError> covered =
            retry.sourceIds().isEmpty()
                ? members
                : members.stream().filter(e -> retry.sourceIds().contains(e.sourceId())).toList();
        covered.forEach(e -> errors.markRetryRequested(e.id(), retry.workflowId()));
        started.add(
            new RetryResult.Started(
                retry.mode(),
                retry.workflowId(),
                retry.runId(),
                key.companyId(),
                key.object(),
                key.direction(),
                covered.stream().map(RecordError::id).toList()));
      }
    }
    return new RetryResult(matched, open.size(), started);
  }

  private RecordError find(long id) {
    return errors
        .find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no error with id " + id));
  }

  private static void requireOpen(RecordError error, String done) {
    if (error.status() != RecordErrorStatus.OPEN) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "error " + error.id() + " is " + error.status() + ", not OPEN; only open errors can be " + done
              + (error.status() == RecordErrorStatus.RESOLVED ? " (the record has synced since)" : ""));
    }
  }

  private record GroupKey(String companyId, SyncObject object, SyncDirection direction, String jobId, boolean wholeObject) {}

  /** A page of errors. */
  record ErrorPage(List<ErrorView> items, int page, int size, long total) {}

  /**
   * What a retry started.
   *
   * @param matched open errors the filter matched
   * @param retried how many of them this call retried (at most {@link #MAX_BULK})
   */
  record RetryResult(long matched, int retried, List<Started> workflows) {

    /** One workflow and the errors it retries. */
    @Schema(name = "RetryStarted")
    record Started(
        RecordRetrier.Mode mode,
        String workflowId,
        String runId,
        String companyId,
        SyncObject object,
        SyncDirection direction,
        List<Long> errorIds) {}
  }
}
