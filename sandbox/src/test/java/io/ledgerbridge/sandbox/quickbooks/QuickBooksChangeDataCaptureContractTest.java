package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CDC (reference §2), batch (§1.8) and requestid replay (§1.7). */
class QuickBooksChangeDataCaptureContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(30).withClock(clock).withAccessTokenTtl(Duration.ofDays(7))
        .withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo), "Accept", "application/json"};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void cdcReturnsChangedAndDeletedObjectsGroupedByEntity() {
    clock.advance(Duration.ofHours(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    JsonNode customer = ok(qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", "CDC Fresh Co"), auth)).get("Customer");
    JsonNode invoice = ok(qbo.postJson(COMPANY + "/invoice", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()),
        "Line", List.of(Map.of("DetailType", "SalesItemLineDetail", "Amount", 10,
            "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", "1"))))), auth)).get("Invoice");
    clock.advance(Duration.ofSeconds(1));
    ok(qbo.postJson(COMPANY + "/invoice?operation=delete", Map.of("Id", invoice.get("Id").asText(), "SyncToken", "0"), auth));

    JsonNode body = ok(qbo.get(COMPANY + "/cdc?entities=Customer,Invoice&changedSince="
        + ContractClient.encode(since.toString()), auth));

    JsonNode groups = body.at("/CDCResponse/0/QueryResponse");
    assertThat(groups).hasSize(2);
    JsonNode customers = groups.get(0).get("Customer");
    assertThat(customers.findValuesAsText("DisplayName")).contains("CDC Fresh Co");
    assertThat(groups.get(0).get("maxResults").asInt()).isEqualTo(customers.size());
    JsonNode deleted = groups.get(1).get("Invoice").get(0);
    assertThat(deleted.get("status").asText()).isEqualTo("Deleted");
    assertThat(deleted.get("Id").asText()).isEqualTo(invoice.get("Id").asText());
    assertThat(deleted.at("/MetaData/LastUpdatedTime").asText()).isNotBlank();
    assertThat(deleted.has("TotalAmt")).isFalse();
  }

  @Test
  void cdcWithNothingChangedIsAnEmptyGroup() {
    clock.advance(Duration.ofHours(1));
    JsonNode body = ok(qbo.get(COMPANY + "/cdc?entities=Payment&changedSince="
        + ContractClient.encode(clock.instant().toString()), auth));
    assertThat(body.at("/CDCResponse/0/QueryResponse/0").size()).isZero();
  }

  @Test
  void cdcLooksBackAtMost30Days() {
    ContractClient.Reply reply = qbo.get(COMPANY + "/cdc?entities=Customer&changedSince="
        + ContractClient.encode(clock.instant().minus(Duration.ofDays(31)).toString()), auth);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/Fault/Error/0/Detail").asText()).contains("older than fixed days is not supported");
  }

  @Test
  void cdcNeedsBothParameters() {
    assertThat(qbo.get(COMPANY + "/cdc?entities=Customer", auth).status()).isEqualTo(400);
  }

  @Test
  void batchItemsSucceedOrFailOnTheirOwn() {
    ok(qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", "Batch Existing Co"), auth));
    JsonNode body = ok(qbo.postJson(COMPANY + "/batch", Map.of("BatchItemRequest", List.of(
        Map.of("bId", "bid1", "operation", "create", "Customer", Map.of("DisplayName", "Batch Existing Co")),
        Map.of("bId", "bid2", "operation", "create", "Customer", Map.of("DisplayName", "Batch New Co")),
        Map.of("bId", "bid3", "Query", "select count(*) from Item"))), auth));

    JsonNode items = body.get("BatchItemResponse");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("bId").asText()).isEqualTo("bid1");
    assertThat(items.get(0).at("/Fault/type").asText()).isEqualTo("ValidationFault");
    assertThat(items.get(0).at("/Fault/Error/0/code").asText()).isEqualTo("6240");
    assertThat(items.get(1).at("/Customer/DisplayName").asText()).isEqualTo("Batch New Co");
    assertThat(items.get(2).at("/QueryResponse/totalCount").asInt()).isPositive();
    assertThat(body.get("time").asText()).isNotBlank();
  }

  @Test
  void batchCdcItemHoldsOneCdcResponseObject() {
    clock.advance(Duration.ofHours(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    ok(qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", "Batch CDC Co"), auth));

    JsonNode item = ok(qbo.postJson(COMPANY + "/batch", Map.of("BatchItemRequest", List.of(
        Map.of("bId", "cdc1", "CDCQuery", Map.of("Entities", "Customer,Invoice", "ChangedSince", since.toString())))), auth))
        .at("/BatchItemResponse/0");

    // XSD BatchItemResponse holds a single CDCResponse, unlike the /cdc envelope's array of them.
    assertThat(item.get("bId").asText()).isEqualTo("cdc1");
    assertThat(item.get("CDCResponse").isObject()).isTrue();
    assertThat(item.at("/CDCResponse/QueryResponse/0/Customer").findValuesAsText("DisplayName")).containsExactly("Batch CDC Co");
  }

  @Test
  void batchOfMoreThan30ItemsIsRefused() {
    List<Map<String, Object>> items = new java.util.ArrayList<>();
    for (int i = 0; i < 31; i++) {
      items.add(Map.of("bId", "q" + i, "Query", "select count(*) from Item"));
    }
    assertThat(qbo.postJson(COMPANY + "/batch", Map.of("BatchItemRequest", items), auth).status()).isEqualTo(400);
  }

  @Test
  void sameRequestIdReplaysTheFirstResponse() {
    String path = COMPANY + "/customer?requestid=create-replay-1";
    JsonNode first = ok(qbo.postJson(path, Map.of("DisplayName", "Replay Co"), auth));
    JsonNode second = ok(qbo.postJson(path, Map.of("DisplayName", "Replay Co"), auth));
    assertThat(second.get("Customer")).isEqualTo(first.get("Customer"));
    JsonNode count = ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(
        "select count(*) from Customer where DisplayName = 'Replay Co'"), auth));
    assertThat(count.at("/QueryResponse/totalCount").asInt()).isEqualTo(1);
  }

  @Test
  void requestIdLongerThan50CharactersIsRefused() {
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer?requestid=" + "r".repeat(51),
        Map.of("DisplayName", "Long Request Id Co"), auth);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/Fault/Error/0/code").asText()).isEqualTo("6000");
    assertThat(reply.json().at("/Fault/Error/0/Detail").asText()).contains("which is 51 characters");
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
