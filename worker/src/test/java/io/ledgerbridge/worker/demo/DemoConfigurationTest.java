package io.ledgerbridge.worker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoConfigurationTest {
  private static LedgerBridgeProperties demo(boolean qboThrottle) {
    return new LedgerBridgeProperties(Path.of("data"), true, null, null, null, "http://localhost:8080",
        new LedgerBridgeProperties.QuickBooks(null, null, "production", null, null, 500_000),
        new LedgerBridgeProperties.Salesforce(null, null, null, "v62.0", null, 10, "client-credentials", null, null, 2000),
        new LedgerBridgeProperties.Sandbox(0, 0, 1, false, qboThrottle), null, null);
  }

  @Test
  void theDemoSandboxEnforcesIntuitsThrottlesUnlessTheyAreSwitchedOff() {
    try (Sandbox throttled = new DemoConfiguration().sandbox(demo(true));
        Sandbox free = new DemoConfiguration().sandbox(demo(false))) {
      assertThat(throttled.options().qboRequestsPerSecond()).isEqualTo(10);
      assertThat(throttled.options().qboRequestsPerMinute()).isEqualTo(500);
      assertThat(throttled.options().qboBatchRequestsPerMinute()).isEqualTo(40);
      assertThat(free.options().qboRequestsPerSecond()).isZero();
      assertThat(free.options().qboRequestsPerMinute()).isZero();
      assertThat(free.options().qboBatchRequestsPerMinute()).isZero();
    }
  }
}
