package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static io.ledgerbridge.sandbox.salesforce.SalesforceSObjectContractTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The daily API allocation: /limits, and 403 REQUEST_LIMIT_EXCEEDED when used up (reference §6). */
class SalesforceLimitsContractTest {
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0).withSalesforceDailyApiLimit(3));
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void allocationRunsOutWith403() {
    ContractClient.Reply limits = sf.get(API + "/limits", auth);
    assertThat(limits.json().at("/DailyApiRequests/Max").asLong()).isEqualTo(3);
    assertThat(limits.json().at("/DailyApiRequests/Remaining").asLong()).isEqualTo(2);
    sf.get(API + "/sobjects", auth);
    sf.get(API + "/sobjects", auth);

    ContractClient.Reply refused = sf.get(API + "/sobjects", auth);
    assertError(refused, 403, "REQUEST_LIMIT_EXCEEDED");
    assertThat(refused.header("Sforce-Limit-Info")).isEqualTo("api-usage=3/3");
  }
}
