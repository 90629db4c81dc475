package io.ledgerbridge.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.worker.LedgerBridgeApplication;
import io.ledgerbridge.worker.temporal.EmbeddedTemporalServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** With TEMPORAL_ADDRESS set, LedgerBridge uses that Temporal and starts none of its own. */
class ExternalTemporalTest {

  @Test
  void withAnAddressTheWorkerSchedulesJobsOnThatTemporalAndStartsNoServer() throws Exception {
    Path dataDir = Files.createTempDirectory("ledgerbridge-external");
    int embeddedPort = freePort();
    try (EmbeddedTemporalServer external = EmbeddedTemporalServer.start("127.0.0.1", 0);
        ConfigurableApplicationContext app =
            SpringApplication.run(
                LedgerBridgeApplication.class,
                "--server.port=0",
                "--ledgerbridge.demo=true",
                "--ledgerbridge.data-dir=" + dataDir,
                "--ledgerbridge.sandbox.qbo-port=0",
                "--ledgerbridge.sandbox.salesforce-port=0",
                "--temporal.embedded-port=" + embeddedPort,
                "--temporal.address=" + external.target())) {
      assertThat(listens(embeddedPort)).as("no embedded Temporal of its own on port %s", embeddedPort).isFalse();

      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(external.target()).build());
      try {
        WorkflowExecutionStatus demoJob =
            stubs.blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("ledgerbridge-job-demo-customers"))
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus();
        assertThat(demoJob).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
