package io.ledgerbridge.worker.observability;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** {@code temporal}: the Temporal frontend answers within three seconds. */
@Component("temporal")
class TemporalHealth extends AbstractHealthIndicator {
  private final WorkflowClient client;

  TemporalHealth(WorkflowClient client) {
    super("Temporal is not answering");
    this.client = client;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    var info =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .withDeadlineAfter(3, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    health
        .up()
        .withDetail("target", String.valueOf(client.getWorkflowServiceStubs().getOptions().getTarget()))
        .withDetail("namespace", client.getOptions().getNamespace())
        .withDetail("serverVersion", info.getServerVersion());
  }
}
