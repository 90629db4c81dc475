package io.ledgerbridge.worker.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ledgerbridge.activities.runs.RunReport;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The progress of a running job run, object by object, read from Temporal: the run's history
 * says which object activities were scheduled and what the finished ones returned, and
 * DescribeWorkflowExecution's pending activity carries the running one's last heartbeat and
 * attempt. Records never travel through either: only counts.
 */
@Component
class LiveProgress {
  private static final Logger log = LoggerFactory.getLogger(LiveProgress.class);
  private static final String SYNC_OBJECT = "SyncObject";
  /** The overlap guard's activity: a run waits in it while another run syncs the same object. */
  private static final String ACQUIRE_LOCK = "Acquire";

  private final WorkflowClient client;
  private final DataConverter converter;

  LiveProgress(WorkflowClient client) {
    this.client = client;
    this.converter = client.getOptions().getDataConverter();
  }

  /** One entry per object of the run, in the run's order; empty when Temporal no longer knows the run. */
  List<ObjectProgress> of(RunReport run) {
    Map<String, ObjectProgress> byObject = new LinkedHashMap<>();
    run.objects().forEach(object -> byObject.put(object, ObjectProgress.waiting(object)));
    Map<Long, String> objectByEvent = new LinkedHashMap<>();
    Map<String, String> objectByActivityId = new LinkedHashMap<>();
    Map<String, String> lockByActivityId = new LinkedHashMap<>();
    try {
      for (HistoryEvent event : client.fetchHistory(run.workflowId(), run.runId()).getEvents()) {
        switch (event.getEventType()) {
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
            var scheduled = event.getActivityTaskScheduledEventAttributes();
            String type = scheduled.getActivityType().getName();
            boolean sync = type.equalsIgnoreCase(SYNC_OBJECT);
            if (!sync && !type.equalsIgnoreCase(ACQUIRE_LOCK)) {
              continue;
            }
            String object = json(scheduled.hasInput() ? scheduled.getInput() : null).map(n -> n.path("object").asText(null)).orElse(null);
            if (object != null && !sync) {
              lockByActivityId.put(scheduled.getActivityId(), object);
            } else if (object != null) {
              objectByEvent.put(event.getEventId(), object);
              objectByActivityId.put(scheduled.getActivityId(), object);
              byObject.put(object, scheduled(object));
            }
          }
          case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
            var completed = event.getActivityTaskCompletedEventAttributes();
            String object = objectByEvent.get(completed.getScheduledEventId());
            if (object != null) {
              byObject.put(object, done(object, json(completed.hasResult() ? completed.getResult() : null).orElse(null)));
            }
          }
          case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
            var failed = event.getActivityTaskFailedEventAttributes();
            failedObject(byObject, objectByEvent.get(failed.getScheduledEventId()), failed.getFailure());
          }
          case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
            var timedOut = event.getActivityTaskTimedOutEventAttributes();
            failedObject(byObject, objectByEvent.get(timedOut.getScheduledEventId()), timedOut.getFailure());
          }
          default -> {}
        }
      }
      var described = RunExecutions.describe(client, run);
      for (PendingActivityInfo pending : described.getPendingActivitiesList()) {
        String object = objectByActivityId.get(pending.getActivityId());
        if (object != null) {
          byObject.put(object, pending(object, pending));
        }
        String locked = lockByActivityId.get(pending.getActivityId());
        if (locked != null) {
          byObject.put(locked, new ObjectProgress(locked, ObjectProgress.State.WAITING_FOR_LOCK, 0, null, null, null, null, null, null, pending.getAttempt(), null, null));
        }
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return List.of();
      }
      log.debug("No live progress for run {}: {}", run.runId(), e.getStatus());
      return List.of();
    }
    return new ArrayList<>(byObject.values());
  }

  private ObjectProgress pending(String object, PendingActivityInfo pending) {
    Optional<JsonNode> heartbeat = pending.hasHeartbeatDetails() ? json(pending.getHeartbeatDetails()) : Optional.empty();
    JsonNode counts = heartbeat.orElse(null);
    boolean running = pending.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
    return new ObjectProgress(
        object,
        running ? ObjectProgress.State.RUNNING : ObjectProgress.State.SCHEDULED,
        counts == null ? 0 : counts.path("read").asLong(0),
        counts == null || !counts.hasNonNull("total") ? null : counts.get("total").asLong(),
        integer(counts, "created"),
        integer(counts, "updated"),
        integer(counts, "unchanged"),
        integer(counts, "deferred"),
        integer(counts, "failed"),
        pending.getAttempt(),
        pending.hasLastHeartbeatTime()
            ? Instant.ofEpochSecond(pending.getLastHeartbeatTime().getSeconds(), pending.getLastHeartbeatTime().getNanos())
            : null,
        pending.hasLastFailure() ? message(pending.getLastFailure()) : null);
  }

  private static ObjectProgress scheduled(String object) {
    return new ObjectProgress(object, ObjectProgress.State.SCHEDULED, 0, null, null, null, null, null, null, null, null, null);
  }

  private static ObjectProgress done(String object, JsonNode result) {
    long read = result == null ? 0 : result.path("read").asLong(0);
    return new ObjectProgress(
        object,
        ObjectProgress.State.DONE,
        read,
        read,
        integer(result, "created"),
        integer(result, "updated"),
        integer(result, "unchanged"),
        integer(result, "deferred"),
        integer(result, "failed"),
        null,
        null,
        null);
  }

  private static void failedObject(Map<String, ObjectProgress> byObject, String object, Failure failure) {
    if (object != null) {
      byObject.put(
          object,
          new ObjectProgress(object, ObjectProgress.State.FAILED, 0, null, null, null, null, null, null, null, null, message(failure)));
    }
  }

  /** The innermost failure's message: what went wrong, without Temporal's wrapping. */
  private static String message(Failure failure) {
    Failure inner = failure;
    while (inner.hasCause() && inner.getMessage().startsWith("Activity task")) {
      inner = inner.getCause();
    }
    String type = inner.hasApplicationFailureInfo() ? inner.getApplicationFailureInfo().getType() : null;
    return type == null || type.isEmpty() ? inner.getMessage() : type + ": " + inner.getMessage();
  }

  private Optional<JsonNode> json(Payloads payloads) {
    if (payloads == null || payloads.getPayloadsCount() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(converter.fromPayloads(0, Optional.of(payloads), JsonNode.class, JsonNode.class));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static Integer integer(JsonNode node, String field) {
    return node == null || !node.has(field) ? null : node.get(field).asInt();
  }
}
