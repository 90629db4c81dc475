package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intuit's metering (reference §5.3): data out is CorePlus, data in is Core, failed calls cost nothing. */
class QuickBooksMeteringContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;

  @Test
  void readsQueriesAndChangeDataCaptureAreCorePlusWritesAreCoreAndFailuresAreFree() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-31T23:59:00Z"));
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(2).withClock(clock)
        .withoutQboRateLimits())) {
      ContractClient qbo = new ContractClient(sandbox.quickBooksUrl());
      String[] auth = {"Authorization", "Bearer " + QboConnection.accessToken(qbo)};
      sandbox.resetCallCounts();

      assertThat(qbo.get(COMPANY + "/query?query=" + ContractClient.encode("select * from Customer"), auth).status()).isEqualTo(200);
      assertThat(qbo.get(COMPANY + "/customer/1", auth).status()).isEqualTo(200);
      assertThat(qbo.get(COMPANY + "/cdc?entities=Customer&changedSince=2026-12-30T00:00:00Z", auth).status()).isEqualTo(200);
      assertThat(qbo.post(COMPANY + "/customer", "application/json", "{\"DisplayName\":\"Metered Ltd\"}", auth).status())
          .isEqualTo(200);
      assertThat(qbo.post(COMPANY + "/batch", "application/json",
          "{\"BatchItemRequest\":[{\"bId\":\"1\",\"operation\":\"create\",\"Customer\":{\"DisplayName\":\"Batched Ltd\"}}]}",
          auth).status()).isEqualTo(200);
      assertThat(qbo.post(COMPANY + "/customer", "application/json", "{\"DisplayName\":\"Metered Ltd\"}", auth).status())
          .as("a duplicate name, refused").isEqualTo(400);
      assertThat(qbo.get(COMPANY + "/customer/999999", auth).status()).isNotEqualTo(200);
      clock.advance(Duration.ofMinutes(2));
      assertThat(qbo.get(COMPANY + "/customer/1", auth).status()).isEqualTo(200);

      Map<String, Long> counts = sandbox.callCounts(SandboxApi.QUICKBOOKS);
      assertThat(counts).containsEntry("class CorePlus " + Sandbox.DEMO_REALM_ID + " 2026-12", 3L)
          .containsEntry("class Core " + Sandbox.DEMO_REALM_ID + " 2026-12", 2L)
          .containsEntry("class CorePlus " + Sandbox.DEMO_REALM_ID + " 2027-01", 1L)
          .containsEntry("class CorePlus", 4L)
          .containsEntry("class Core", 2L);
    }
  }
}
