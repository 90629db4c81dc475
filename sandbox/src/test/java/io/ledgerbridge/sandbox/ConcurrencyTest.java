package io.ledgerbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Racing clients: uniqueness and optimistic locking hold when calls arrive at the same time. */
class ConcurrencyTest {
  private static final int RACERS = 12;
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static ContractClient sf;
  private static String[] qboAuth;
  private static String[] sfAuth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(5).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    sf = new ContractClient(sandbox.salesforceUrl());
    String redirect = "http://localhost/cb";
    String location = qbo.get("/connect/oauth2?response_type=code&client_id=" + Sandbox.QBO_CLIENT_ID + "&redirect_uri="
        + ContractClient.encode(redirect) + "&scope=com.intuit.quickbooks.accounting").header("Location");
    qboAuth = new String[] {"Authorization", "Bearer " + qbo.postForm("/oauth2/v1/tokens/bearer", Map.of("grant_type",
        "authorization_code", "code", ContractClient.queryOf(location).get("code"), "redirect_uri", redirect),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET)).json()
        .get("access_token").asText()};
    sfAuth = new String[] {"Authorization", "Bearer " + sf.postForm("/services/oauth2/token", Map.of("grant_type",
        "client_credentials", "client_id", Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET))
        .json().get("access_token").asText()};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void racingUpsertsOfOneExternalIdMakeOneRecord() throws Exception {
    List<Integer> statuses = race(() -> sf.patchJson("/services/data/v62.0/sobjects/Account/QBO_Id__c/RACE-1",
        Map.of("Name", "Race Co"), sfAuth).status());
    assertThat(statuses).containsOnly(201, 200);
    assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
    JsonNode count = sf.get("/services/data/v62.0/query?q=" + ContractClient.encode(
        "SELECT COUNT() FROM Account WHERE QBO_Id__c = 'RACE-1'"), sfAuth).json();
    assertThat(count.get("totalSize").asInt()).isEqualTo(1);
  }

  @Test
  void racingCreatesOfOneNameLetOneThrough() throws Exception {
    List<Integer> statuses = race(() -> qbo.postJson("/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer",
        Map.of("DisplayName", "Race Customer"), qboAuth).status());
    assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
    assertThat(statuses.stream().filter(status -> status == 400)).hasSize(RACERS - 1);
  }

  @Test
  void racingUpdatesWithOneSyncTokenLetOneWin() throws Exception {
    String id = qbo.postJson("/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer", Map.of("DisplayName", "Locked Co"),
        qboAuth).json().at("/Customer/Id").asText();
    List<Integer> statuses = race(() -> qbo.postJson("/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer",
        Map.of("Id", id, "SyncToken", "0", "sparse", true, "Notes", Thread.currentThread().getName()), qboAuth).status());
    assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
  }

  private static List<Integer> race(Callable<Integer> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return call.call();
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> result : results) {
        statuses.add(result.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
