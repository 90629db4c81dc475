package io.ledgerbridge.workflows.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * What the embedded Temporal (the Java test server) does with a task queue's activity rate limit,
 * measured, because it decides where LedgerBridge keeps a QuickBooks company's call budget: the limit
 * is the server's to enforce ({@code WorkerOptions.setMaxTaskQueueActivitiesPerSecond} travels with
 * each poll), and the test server hands out activity tasks as fast as they are polled. The budget
 * therefore lives in the database ({@code rate_budget}), which every worker shares on either Temporal;
 * it also paces calls, where a task-queue limit paces only activity starts.
 */
class EmbeddedTemporalRateLimitTest {
  static final String QUEUE = "rate-limit-probe";
  static final int ACTIVITIES = 20;
  static final double PER_SECOND = 2.0;

  @ActivityInterface
  public interface Probe {
    void touch(int n);
  }

  @WorkflowInterface
  public interface Fan {
    @WorkflowMethod
    void run();
  }

  public static class FanImpl implements Fan {
    private final Probe probe = Workflow.newActivityStub(Probe.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

    @Override
    public void run() {
      List<Promise<Void>> all = new ArrayList<>();
      for (int i = 0; i < ACTIVITIES; i++) {
        all.add(Async.procedure(probe::touch, i));
      }
      Promise.allOf(all).get();
    }
  }

  @Test
  void theTestServerDoesNotPaceActivitiesByTheTaskQueuesRateLimit() {
    ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE, WorkerOptions.newBuilder()
          .setMaxTaskQueueActivitiesPerSecond(PER_SECOND).build());
      worker.registerWorkflowImplementationTypes(FanImpl.class);
      worker.registerActivitiesImplementations((Probe) n -> starts.add(System.nanoTime()));
      env.start();
      env.getWorkflowClient().newWorkflowStub(Fan.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build()).run();
    }
    long first = starts.stream().mapToLong(Long::longValue).min().orElseThrow();
    long last = starts.stream().mapToLong(Long::longValue).max().orElseThrow();
    double spreadSeconds = (last - first) / 1e9;
    double paced = (ACTIVITIES - 1) / PER_SECOND;
    System.out.printf("%d activities under a task-queue limit of %.0f a second started within %.2f s (paced: >= %.1f s)%n",
        ACTIVITIES, PER_SECOND, spreadSeconds, paced);
    assertThat(starts).hasSize(ACTIVITIES);
    assertThat(spreadSeconds).as("honoured, the limit would spread the starts over %.1f s", paced).isLessThan(paced / 2);
  }
}
