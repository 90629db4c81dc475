package io.ledgerbridge.activities.locks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.testing.TestDatabase;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.locks.ObjectLockActivities;
import io.ledgerbridge.workflows.locks.ObjectLockGrant;
import io.ledgerbridge.workflows.locks.ObjectLockRequest;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

class ObjectLockActivitiesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private static ObjectLockRequest run(String runId, String workflowId) {
    return new ObjectLockRequest("9130357766001001", SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, runId, workflowId);
  }

  private static ObjectLockStore store(TestDatabase db) {
    return new ObjectLockStore(withoutLocks(db));
  }

  private static JdbcTemplate withoutLocks(TestDatabase db) {
    JdbcTemplate jdbc = db.freshJdbc();
    jdbc.update("DELETE FROM object_lock");
    return jdbc;
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void onlyOneRunHoldsAnObjectAndTheHolderMayTakeItAgain(TestDatabase db) {
    ObjectLockStore locks = store(db);
    assertThat(locks.tryAcquire(run("r1", "ledgerbridge-job-a"), NOW)).isEmpty();
    assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), NOW)).contains("ledgerbridge-job-a");
    assertThat(locks.tryAcquire(run("r1", "ledgerbridge-job-a"), NOW)).as("a retried acquire").isEmpty();

    ObjectLockRequest otherDirection =
        new ObjectLockRequest("9130357766001001", SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO, "r2", "ledgerbridge-job-b");
    assertThat(locks.tryAcquire(otherDirection, NOW)).as("another direction is another lock").isEmpty();

    locks.release(run("r2", "ledgerbridge-job-b"));
    assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), NOW)).as("releasing a lock one does not hold does nothing").isPresent();
    locks.release(run("r1", "ledgerbridge-job-a"));
    assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), NOW)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void anExpiredLeaseAndATerminatedWorkflowsLocksAreFreed(TestDatabase db) {
    ObjectLockStore locks = store(db);
    locks.tryAcquire(run("r1", "ledgerbridge-job-a"), NOW);
    assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), NOW.plus(ObjectLockStore.LEASE).plusSeconds(1))).isEmpty();

    assertThat(locks.releaseAllHeldBy("ledgerbridge-job-b")).isEqualTo(1);
    assertThat(locks.tryAcquire(run("r3", "ledgerbridge-job-c"), NOW)).isEmpty();
    assertThat(locks.releaseAllOfRun("r3")).as("a run that ended gives up its locks").isEqualTo(1);
    assertThat(locks.tryAcquire(run("r4", "ledgerbridge-job-d"), NOW)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aRenewedLeaseOutlivesItsFirstTermAndOnlyTheHolderRenewsIt(TestDatabase db) {
    ObjectLockStore locks = store(db);
    assertThat(ObjectLockStore.LEASE).as("a dead holder's lock lapses within a minute or two").isLessThanOrEqualTo(Duration.ofMinutes(2));
    locks.tryAcquire(run("r1", "ledgerbridge-job-a"), NOW);
    Instant later = NOW.plus(ObjectLockStore.LEASE).minusSeconds(5);
    assertThat(locks.renew(run("r1", "ledgerbridge-job-a"), later)).isTrue();
    assertThat(locks.renew(run("r2", "ledgerbridge-job-b"), later)).as("r2 holds nothing to renew").isFalse();
    assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), NOW.plus(ObjectLockStore.LEASE).plusSeconds(1)))
        .as("renewed, so still r1's past its first lease").contains("ledgerbridge-job-a");
    assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), later.plus(ObjectLockStore.LEASE).plusSeconds(1)))
        .as("not renewed again, so it lapsed").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void holdingRenewsTheLeaseUntilTheRunReleasesIt(TestDatabase db) throws Exception {
    ObjectLockStore locks = new ObjectLockStore(withoutLocks(db), Duration.ofMillis(600));
    locks.tryAcquire(run("r1", "ledgerbridge-job-a"), Instant.now());
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(
          new ObjectLockActivitiesImpl(locks, Clock.systemUTC(), Duration.ofMillis(50)));
      ObjectLockActivities activities = environment.newActivityStub(ObjectLockActivities.class);
      CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> activities.hold(run("r1", "ledgerbridge-job-a")));

      Thread.sleep(2_000);
      assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), Instant.now()))
          .as("three leases later the holder still has it").contains("ledgerbridge-job-a");
      assertThat(holding).isNotDone();

      locks.release(run("r1", "ledgerbridge-job-a"));
      holding.get(10, TimeUnit.SECONDS);
      assertThat(locks.tryAcquire(run("r2", "ledgerbridge-job-b"), Instant.now())).as("released for good").isEmpty();
    } finally {
      environment.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aLaterRunWaitsForTheEarlierOneAndSaysForWhom(TestDatabase db) throws Exception {
    ObjectLockStore locks = store(db);
    locks.tryAcquire(run("r1", "ledgerbridge-job-a"), Instant.now());
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(
          new ObjectLockActivitiesImpl(locks, Clock.systemUTC(), Duration.ofMillis(50)));
      ObjectLockActivities activities = environment.newActivityStub(ObjectLockActivities.class);
      CountDownLatch sawHolder = new CountDownLatch(1);
      environment.setActivityHeartbeatListener(String.class, holder -> sawHolder.countDown());

      CompletableFuture<ObjectLockGrant> waiting =
          CompletableFuture.supplyAsync(() -> activities.acquire(run("r2", "ledgerbridge-job-b")));
      assertThat(sawHolder.await(10, TimeUnit.SECONDS)).as("r2 found r1 holding the lock").isTrue();
      Thread.sleep(200);
      assertThat(waiting).as("still waiting while r1 holds the lock").isNotDone();

      locks.release(run("r1", "ledgerbridge-job-a"));
      ObjectLockGrant grant = waiting.get(10, TimeUnit.SECONDS);
      assertThat(grant.waitedForWorkflowId()).isEqualTo("ledgerbridge-job-a");
      assertThat(grant.note()).contains("waited").contains("ledgerbridge-job-a");
      assertThat(activities.acquire(run("r2", "ledgerbridge-job-b")).note()).as("no wait for one's own lock").isNull();
    } finally {
      environment.close();
    }
  }
}
