package io.ledgerbridge.worker.observability;

import io.ledgerbridge.activities.runs.RunListener;
import io.ledgerbridge.activities.runs.RunStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * API calls per job run and system: counted in memory as activities make them, added to the run's
 * row every few seconds and when a run finishes. Every worker adds its own calls, so the sum is
 * right in a cluster too; a worker killed without shutdown loses its last few seconds of counts.
 */
@Component
public class RunApiCalls implements RunListener, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RunApiCalls.class);

  private final RunStore runs;
  private final Map<Key, Long> pending = new ConcurrentHashMap<>();

  RunApiCalls(RunStore runs) {
    this.runs = runs;
  }

  void count(String runId, RemoteSystem system) {
    pending.merge(new Key(runId, system.name()), 1L, Long::sum);
  }

  /** The run's calls, stored and not yet stored, per system name. */
  public Map<String, Long> of(String runId) {
    Map<String, Long> calls = new TreeMap<>(runs.apiCalls(runId));
    pending.forEach(
        (key, count) -> {
          if (key.runId().equals(runId)) {
            calls.merge(key.system(), count, Long::sum);
          }
        });
    return calls;
  }

  @Scheduled(fixedDelay = 2000, initialDelay = 2000)
  void flush() {
    for (Key key : pending.keySet()) {
      Long calls = pending.remove(key);
      if (calls == null) {
        continue;
      }
      try {
        runs.addApiCalls(key.runId(), key.system(), calls);
      } catch (RuntimeException databaseDown) {
        pending.merge(key, calls, Long::sum);
        log.debug("API call counts not stored yet; retrying in the next flush", databaseDown);
        return;
      }
    }
  }

  @Override
  public void runFinished(FinishedRun run) {
    flush();
  }

  @Override
  public void destroy() {
    flush();
  }

  private record Key(String runId, String system) {}
}
