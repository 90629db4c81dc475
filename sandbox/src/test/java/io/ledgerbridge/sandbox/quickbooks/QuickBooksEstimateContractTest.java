package io.ledgerbridge.sandbox.quickbooks;

import static io.ledgerbridge.sandbox.quickbooks.QuickBooksCustomerContractTest.assertFault;
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

/** Estimates: a sales form like an invoice that only proposes a sale: no Balance, a TxnStatus, an ExpirationDate. */
class QuickBooksEstimateContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(5).withClock(clock).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo), "Accept", "application/json"};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void createComputesTheTotalWithNoBalanceIsPendingAndLeavesTheCustomerBalance() {
    String customerId = newCustomer("Estimate Math Co");
    double price = read("/item/1").at("/Item/UnitPrice").asDouble();

    JsonNode estimate = ok(post("/estimate", Map.of("CustomerRef", Map.of("value", customerId),
        "ExpirationDate", "2026-04-01", "CustomerMemo", Map.of("value", "Valid for a month"),
        "Line", List.of(
            Map.of("DetailType", "SalesItemLineDetail", "Description", "Two proposed",
                "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", "1"), "Qty", 2)),
            salesLine("2", 40.0))))).get("Estimate");

    double total = 2 * price + 40.0;
    assertThat(estimate.get("TotalAmt").asDouble()).isEqualTo(total);
    assertThat(estimate.has("Balance")).as("an estimate owes nothing").isFalse();
    assertThat(estimate.get("TxnStatus").asText()).isEqualTo("Pending");
    assertThat(estimate.get("ExpirationDate").asText()).isEqualTo("2026-04-01");
    assertThat(estimate.get("DocNumber").asText()).isNotBlank();
    assertThat(estimate.get("TxnDate").asText()).isEqualTo("2026-03-02");
    assertThat(estimate.at("/CustomerRef/name").asText()).isEqualTo("Estimate Math Co");
    assertThat(estimate.at("/Line/0/SalesItemLineDetail/UnitPrice").asDouble()).isEqualTo(price);
    JsonNode last = estimate.get("Line").get(estimate.get("Line").size() - 1);
    assertThat(last.get("DetailType").asText()).isEqualTo("SubTotalLineDetail");
    assertThat(last.get("Amount").asDouble()).isEqualTo(total);
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isZero();
  }

  @Test
  void customerLinesAndAKnownStatusAreRequired() {
    String customerId = newCustomer("Estimate Checks Co");
    assertFaultReply(post("/estimate", Map.of("Line", List.of(salesLine("1", 10)))), "2020");
    assertFaultReply(post("/estimate", Map.of("CustomerRef", Map.of("value", customerId))), "2020");
    assertFaultReply(post("/estimate", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("99999", 10)))), "2500");
    ContractClient.Reply unknownStatus = post("/estimate", Map.of("CustomerRef", Map.of("value", customerId),
        "TxnStatus", "Won", "Line", List.of(salesLine("1", 10))));
    assertThat(unknownStatus.status()).isEqualTo(400);
    assertThat(unknownStatus.json().at("/Fault/Error/0/Detail").asText()).contains("TxnStatus Won", "Pending, Accepted, Closed, Rejected");
  }

  @Test
  void docNumbersAreUniqueAmongEstimatesOnly() {
    String customerId = newCustomer("Estimate Numbers Co");
    Map<String, Object> body = Map.of("DocNumber", "EST-DUP", "CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 10)));
    ok(post("/estimate", body));
    assertThat(post("/estimate", body).json().at("/Fault/Error/0/Message").asText()).isEqualTo("Duplicate Document Number Error");
    ok(post("/invoice", body));
  }

  @Test
  void sparseUpdateChangesTheStatusAndKeepsTheRest() {
    String customerId = newCustomer("Estimate Update Co");
    JsonNode estimate = ok(post("/estimate", Map.of("CustomerRef", Map.of("value", customerId), "PrivateNote", "first",
        "Line", List.of(salesLine("1", 10), salesLine("2", 20))))).get("Estimate");
    String id = estimate.get("Id").asText();

    JsonNode accepted = ok(post("/estimate", Map.of("Id", id, "SyncToken", "0", "sparse", true,
        "TxnStatus", "Accepted"))).get("Estimate");
    JsonNode relined = ok(post("/estimate", Map.of("Id", id, "SyncToken", "1", "sparse", true,
        "Line", List.of(salesLine("3", 55.5))))).get("Estimate");

    assertThat(accepted.get("TxnStatus").asText()).isEqualTo("Accepted");
    assertThat(accepted.get("TotalAmt").asDouble()).isEqualTo(30.0);
    assertThat(relined.get("SyncToken").asText()).isEqualTo("2");
    assertThat(relined.get("TxnStatus").asText()).as("kept when none is sent").isEqualTo("Accepted");
    assertThat(relined.get("DocNumber").asText()).isEqualTo(estimate.get("DocNumber").asText());
    assertThat(relined.get("PrivateNote").asText()).isEqualTo("first");
    assertThat(relined.get("TotalAmt").asDouble()).isEqualTo(55.5);
    assertThat(relined.has("Balance")).isFalse();
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isZero();

    JsonNode smaller = ok(post("/estimate", Map.of("Id", id, "SyncToken", "2", "sparse", true,
        "Line", List.of(salesLine("1", 5))))).get("Estimate");
    assertThat(smaller.get("TotalAmt").asDouble()).as("nothing is settled against an estimate").isEqualTo(5.0);
  }

  @Test
  void deleteRemovesTheEstimateAndVoidIsRefused() {
    String customerId = newCustomer("Estimate Delete Co");
    String id = ok(post("/estimate", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 75))))).at("/Estimate/Id").asText();

    assertThat(post("/estimate?operation=void", Map.of("Id", id, "SyncToken", "0")).status()).isEqualTo(400);
    JsonNode deleted = ok(post("/estimate?operation=delete", Map.of("Id", id, "SyncToken", "0")));

    assertThat(deleted.at("/Estimate/status").asText()).isEqualTo("Deleted");
    assertThat(qbo.get(COMPANY + "/estimate/" + id, auth).status()).isEqualTo(400);
  }

  @Test
  void queryChangeDataCaptureAndBatchFindEstimates() {
    clock.advance(Duration.ofSeconds(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    String customerId = newCustomer("Estimate Query Co");
    String id = ok(post("/estimate", Map.of("CustomerRef", Map.of("value", customerId), "TxnStatus", "Rejected",
        "Line", List.of(salesLine("1", 12))))).at("/Estimate/Id").asText();

    JsonNode found = ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(
        "select * from Estimate where CustomerRef = '" + customerId + "' and TxnStatus = 'Rejected'"), auth))
        .at("/QueryResponse/Estimate");
    assertThat(found).singleElement().satisfies(estimate -> assertThat(estimate.get("Id").asText()).isEqualTo(id));
    JsonNode groups = ok(qbo.get(COMPANY + "/cdc?entities=Estimate&changedSince=" + ContractClient.encode(since.toString()),
        auth)).at("/CDCResponse/0/QueryResponse");
    assertThat(groups.get(0).get("Estimate")).singleElement()
        .satisfies(estimate -> assertThat(estimate.get("Id").asText()).isEqualTo(id));
    JsonNode batch = ok(post("/batch", Map.of("BatchItemRequest", List.of(Map.of("bId", "1", "operation", "create",
        "Estimate", Map.of("CustomerRef", Map.of("value", customerId), "Line", List.of(salesLine("2", 30))))))));
    assertThat(batch.at("/BatchItemResponse/0/Estimate/TotalAmt").asDouble()).isEqualTo(30.0);
  }

  private static void assertFaultReply(ContractClient.Reply reply, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertFault(reply.json(), code, "ValidationFault");
  }

  private static Map<String, Object> salesLine(String itemId, double amount) {
    return Map.of("DetailType", "SalesItemLineDetail", "Amount", amount,
        "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", itemId)));
  }

  private static String newCustomer(String name) {
    return ok(post("/customer", Map.of("DisplayName", name))).at("/Customer/Id").asText();
  }

  private static ContractClient.Reply post(String path, Map<String, Object> body) {
    return qbo.postJson(COMPANY + path, body, auth);
  }

  private static JsonNode read(String path) {
    return ok(qbo.get(COMPANY + path, auth));
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
