package io.ledgerbridge.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** LEDGERBRIDGE_SALESFORCE_* settings a start refuses, with what to set instead. */
class SalesforcePropertiesTest {
  private static LedgerBridgeProperties.Salesforce withBulkThreshold(int records) {
    return new LedgerBridgeProperties.Salesforce(null, null, null, "v62.0", null, 10, "client-credentials", null, null, records);
  }

  @Test
  void aNegativeBulkThresholdIsRefusedNamingTheVariableAndItsValues() {
    assertThatThrownBy(() -> withBulkThreshold(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LEDGERBRIDGE_SALESFORCE_BULK_THRESHOLD").hasMessageContaining("0 turns bulk jobs off")
        .hasMessageContaining("not -1");
  }

  @Test
  void zeroTurnsBulkJobsOffAndAnyCountIsTaken() {
    assertThat(withBulkThreshold(0).bulkThreshold()).isZero();
    assertThat(withBulkThreshold(2000).toString()).contains("bulkThreshold=2000");
  }
}
