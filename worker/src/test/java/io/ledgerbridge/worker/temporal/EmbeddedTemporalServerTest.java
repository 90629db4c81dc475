package io.ledgerbridge.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.operatorservice.v1.ListNexusEndpointsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedTemporalServerTest {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServerTest.class);

  private static final String LOOPBACK = "127.0.0.1";
  private static final String TASK_QUEUE = "embedded-temporal-test";
  private static final Duration WORKFLOW_SLEEP = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private static EmbeddedTemporalServer server;
  private static WorkflowServiceStubs serviceStubs;
  private static WorkflowClient client;

  @BeforeAll
  static void startServer() {
    server = EmbeddedTemporalServer.start(LOOPBACK, 0);
    // newConnectedServiceStubs runs the gRPC health check, as the temporal CLI does.
    serviceStubs =
        WorkflowServiceStubs.newConnectedServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build(),
            Duration.ofSeconds(10));
    client = WorkflowClient.newInstance(serviceStubs);
  }

  @AfterAll
  static void stopServer() {
    serviceStubs.shutdownNow();
    server.close();
  }

  @Test
  void targetIsTheLoopbackAddressAndTheBoundPort() {
    assertThat(server.port()).isPositive();
    assertThat(server.target()).isEqualTo(LOOPBACK + ":" + server.port());
  }

  @Test
  void workerRunsWorkflowAndActivityToCompletionOnTheRealClock() {
    WorkerFactory workerFactory = WorkerFactory.newInstance(client);
    Worker worker = workerFactory.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
    worker.registerActivitiesImplementations(new GreetingActivitiesImpl());
    workerFactory.start();
    try {
      GreetingWorkflow workflow =
          client.newWorkflowStub(
              GreetingWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TASK_QUEUE)
                  .setWorkflowId("greeting-" + UUID.randomUUID())
                  .setWorkflowExecutionTimeout(Duration.ofSeconds(15))
                  .build());

      long startNanos = System.nanoTime();
      String greeting = workflow.greet("QuickBooks");
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);

      assertThat(greeting).isEqualTo("Hello, QuickBooks");
      // A time-skipping server would fire the workflow's timer at once.
      assertThat(elapsed).isGreaterThanOrEqualTo(WORKFLOW_SLEEP);
    } finally {
      workerFactory.shutdownNow();
      workerFactory.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void cronWorkflowCanBeStartedDescribedAndTerminated() {
    String workflowId = "cron-" + UUID.randomUUID();
    GreetingWorkflow cronWorkflow =
        client.newWorkflowStub(
            GreetingWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId(workflowId)
                .setCronSchedule("* * * * *")
                .build());
    WorkflowClient.start(cronWorkflow::greet, "Salesforce");

    WorkflowStub untyped = WorkflowStub.fromTyped(cronWorkflow);
    assertThat(untyped.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    // DescribeWorkflowExecution does not carry the cron string; the first history event does.
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    HistoryEvent started = history.getEvents().get(0);
    assertThat(started.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(started.getWorkflowExecutionStartedEventAttributes().getCronSchedule())
        .isEqualTo("* * * * *");

    untyped.terminate("test done");
    assertThat(untyped.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  @Test
  void operatorServiceIsServed() {
    OperatorServiceStubs operatorStubs =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(server.target())
                .validateAndBuildWithDefaults());
    try {
      assertThat(
              operatorStubs
                  .blockingStub()
                  .listNexusEndpoints(ListNexusEndpointsRequest.getDefaultInstance())
                  .getEndpointsList())
          .isEmpty();
    } finally {
      operatorStubs.shutdownNow();
    }
  }

  @Test
  void listensOnLoopbackOnly() throws SocketException {
    assertThatCode(() -> connect(InetAddress.getByName(LOOPBACK), server.port()))
        .as("embedded Temporal reachable on loopback")
        .doesNotThrowAnyException();

    Optional<InetAddress> nonLoopback = firstNonLoopbackAddress();
    assumeTrue(
        nonLoopback.isPresent(),
        "This machine has no non-loopback address; cannot check that the server is unreachable on"
            + " one");
    assertThatThrownBy(() -> connect(nonLoopback.get(), server.port()))
        .as("embedded Temporal must not be reachable on %s", nonLoopback.get().getHostAddress())
        .isInstanceOf(IOException.class);
  }

  @Test
  void secondStartOnTheSamePortFailsClearly() {
    assertThatThrownBy(() -> EmbeddedTemporalServer.start(LOOPBACK, server.port()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot listen on " + server.target())
        .hasMessageContaining("Address already in use");
  }

  @Test
  void closeFreesThePort() {
    EmbeddedTemporalServer first = EmbeddedTemporalServer.start(LOOPBACK, 0);
    int port = first.port();
    first.close();
    first.close(); // a second close, as from a shutdown hook after Spring's, is harmless
    assertThat(first.port()).as("port stays readable after close").isEqualTo(port);

    try (EmbeddedTemporalServer restarted = EmbeddedTemporalServer.start(LOOPBACK, port)) {
      assertThat(restarted.port()).isEqualTo(port);
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) CONNECT_TIMEOUT.toMillis());
    }
  }

  /** Prefers IPv4, and skips IPv6 link-local addresses, which need a scope to be dialled. */
  private static Optional<InetAddress> firstNonLoopbackAddress() throws SocketException {
    Optional<InetAddress> found =
        NetworkInterface.networkInterfaces()
            .filter(EmbeddedTemporalServerTest::isUpAndNotLoopback)
            .flatMap(NetworkInterface::inetAddresses)
            .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
            .min(Comparator.comparing(address -> !(address instanceof Inet4Address)));
    found.ifPresent(address -> log.info("Checking reachability on {}", address.getHostAddress()));
    return found;
  }

  private static boolean isUpAndNotLoopback(NetworkInterface networkInterface) {
    try {
      return networkInterface.isUp() && !networkInterface.isLoopback();
    } catch (SocketException e) {
      log.debug("Skipping interface {}: {}", networkInterface.getName(), e.getMessage());
      return false;
    }
  }

  @WorkflowInterface
  public interface GreetingWorkflow {
    @WorkflowMethod
    String greet(String name);
  }

  public static class GreetingWorkflowImpl implements GreetingWorkflow {
    private final GreetingActivities activities =
        Workflow.newActivityStub(
            GreetingActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());

    @Override
    public String greet(String name) {
      Workflow.sleep(WORKFLOW_SLEEP);
      return activities.compose(name);
    }
  }

  @ActivityInterface
  public interface GreetingActivities {
    String compose(String name);
  }

  static class GreetingActivitiesImpl implements GreetingActivities {
    @Override
    public String compose(String name) {
      return "Hello, " + name;
    }
  }
}
