package io.ledgerbridge.activities.locks;

import io.ledgerbridge.workflows.locks.ObjectLockActivities;
import io.ledgerbridge.workflows.locks.ObjectLockGrant;
import io.ledgerbridge.workflows.locks.ObjectLockRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The overlap guard on the database: a run waits, heartbeating, while another holds the lock. */
public final class ObjectLockActivitiesImpl implements ObjectLockActivities {
  private static final Logger log = LoggerFactory.getLogger(ObjectLockActivitiesImpl.class);

  private final ObjectLockStore store;
  private final Clock clock;
  private final Duration pollInterval;

  public ObjectLockActivitiesImpl(ObjectLockStore store) {
    this(store, Clock.systemUTC(), Duration.ofSeconds(2));
  }

  ObjectLockActivitiesImpl(ObjectLockStore store, Clock clock, Duration pollInterval) {
    this.store = store;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  @Override
  public ObjectLockGrant acquire(ObjectLockRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Instant start = clock.instant();
    String waitedFor = null;
    while (true) {
      Optional<String> holder = store.tryAcquire(request, clock.instant());
      if (holder.isEmpty()) {
        long waited = Duration.between(start, clock.instant()).toSeconds();
        if (waitedFor != null) {
          log.info("Run {} got {} {} {} after waiting {} s for {}", request.runId(), request.companyId(),
              request.object(), request.direction(), waited, waitedFor);
        }
        return new ObjectLockGrant(waited, waitedFor);
      }
      if (waitedFor == null) {
        log.info("Run {} waits for {} to finish syncing {} {} {}", request.runId(), holder.get(),
            request.companyId(), request.object(), request.direction());
      }
      waitedFor = holder.get();
      // Heartbeats keep this wait alive in Temporal and let a cancelled run stop waiting.
      context.heartbeat(waitedFor);
      sleep(pollInterval);
    }
  }

  /** Renews every third of a lease; the heartbeat is how a cancelled or vanished run stops renewing. */
  @Override
  public void hold(ObjectLockRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Duration renewEvery = store.lease().dividedBy(3);
    while (store.renew(request, clock.instant())) {
      context.heartbeat(null);
      sleep(renewEvery);
    }
    // Released by the run itself (the usual end), or lapsed and taken by another run (a stalled holder).
    store.holder(request).ifPresent(other -> log.warn(
        "Run {} lost its lock on {} {} {} to {}: its lease ran out before it was renewed", request.runId(),
        request.companyId(), request.object(), request.direction(), other));
  }

  @Override
  public void release(ObjectLockRequest request) {
    store.release(request);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }
}
