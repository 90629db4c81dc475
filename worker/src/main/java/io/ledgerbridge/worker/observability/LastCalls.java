package io.ledgerbridge.worker.observability;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The last answer each remote system gave this worker, for the health page. */
@Component
class LastCalls {
  private final Map<RemoteSystem, LastCall> last = new ConcurrentHashMap<>();

  void record(RemoteSystem system, String operation, String status, Instant at) {
    last.put(system, new LastCall(operation, status, at));
  }

  Optional<LastCall> of(RemoteSystem system) {
    return Optional.ofNullable(last.get(system));
  }

  /** One call: its operation, its HTTP status (or IO_ERROR), and when it ended. */
  record LastCall(String operation, String status, Instant at) {}
}
