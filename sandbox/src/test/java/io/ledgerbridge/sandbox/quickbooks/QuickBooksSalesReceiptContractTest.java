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

/** Sales receipts: a sales form like an invoice, paid when it is made, so nothing is owed on it. */
class QuickBooksSalesReceiptContractTest {
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
  void createComputesTheTotalWithNothingOwedAndLeavesTheCustomerBalance() {
    String customerId = newCustomer("Receipt Math Co");
    double price = read("/item/1").at("/Item/UnitPrice").asDouble();

    JsonNode receipt = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "PrivateNote", "Paid at the counter", "CustomerMemo", Map.of("value", "Thank you"),
        "Line", List.of(
            Map.of("DetailType", "SalesItemLineDetail", "Description", "Two sold",
                "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", "1"), "Qty", 2)),
            salesLine("2", 40.0))))).get("SalesReceipt");

    double total = 2 * price + 40.0;
    assertThat(receipt.get("TotalAmt").asDouble()).isEqualTo(total);
    assertThat(receipt.get("Balance").asDouble()).as("paid at once").isZero();
    assertThat(receipt.get("DocNumber").asText()).isNotBlank();
    assertThat(receipt.get("TxnDate").asText()).isEqualTo("2026-03-02");
    assertThat(receipt.has("DueDate")).isFalse();
    assertThat(receipt.at("/CustomerRef/name").asText()).isEqualTo("Receipt Math Co");
    assertThat(receipt.at("/CustomerMemo/value").asText()).isEqualTo("Thank you");
    assertThat(receipt.at("/Line/0/Id").asText()).isEqualTo("1");
    assertThat(receipt.at("/Line/0/SalesItemLineDetail/UnitPrice").asDouble()).isEqualTo(price);
    JsonNode last = receipt.get("Line").get(receipt.get("Line").size() - 1);
    assertThat(last.get("DetailType").asText()).isEqualTo("SubTotalLineDetail");
    assertThat(last.get("Amount").asDouble()).isEqualTo(total);
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isZero();
  }

  @Test
  void customerAndLinesAreRequiredAndMustExistAndBeActive() {
    String customerId = newCustomer("Receipt Checks Co");
    assertFaultReply(post("/salesreceipt", Map.of("Line", List.of(salesLine("1", 10)))), "2020");
    assertFaultReply(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId))), "2020");
    assertFaultReply(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId), "Line", List.of())), "2020");
    assertFaultReply(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", "99999"), "Line", List.of(salesLine("1", 10)))),
        "2500");
    assertFaultReply(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("99999", 10)))), "2500");

    JsonNode customer = read("/customer/" + customerId).get("Customer");
    ok(post("/customer", Map.of("Id", customerId, "SyncToken", customer.get("SyncToken").asText(), "sparse", true,
        "Active", false)));
    assertFaultReply(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId), "Line", List.of(salesLine("1", 10)))),
        "610");
  }

  @Test
  void docNumbersAreUniqueAmongSalesReceipts() {
    String customerId = newCustomer("Receipt Numbers Co");
    Map<String, Object> body = Map.of("DocNumber", "SR-DUP", "CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 10)));
    ok(post("/salesreceipt", body));
    assertThat(post("/salesreceipt", body).json().at("/Fault/Error/0/Message").asText()).isEqualTo("Duplicate Document Number Error");
    ok(post("/invoice", body));
  }

  @Test
  void sparseUpdateReplacesTheLinesAndKeepsTheRest() {
    String customerId = newCustomer("Receipt Update Co");
    JsonNode receipt = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId), "PrivateNote", "first",
        "Line", List.of(salesLine("1", 10), salesLine("2", 20))))).get("SalesReceipt");

    JsonNode updated = ok(post("/salesreceipt", Map.of("Id", receipt.get("Id").asText(), "SyncToken", "0", "sparse", true,
        "Line", List.of(salesLine("3", 55.5))))).get("SalesReceipt");

    assertThat(updated.get("SyncToken").asText()).isEqualTo("1");
    assertThat(updated.get("DocNumber").asText()).isEqualTo(receipt.get("DocNumber").asText());
    assertThat(updated.get("PrivateNote").asText()).isEqualTo("first");
    assertThat(updated.get("TotalAmt").asDouble()).isEqualTo(55.5);
    assertThat(updated.get("Balance").asDouble()).isZero();
    assertThat(updated.get("Line").findValuesAsText("DetailType")).containsExactly("SalesItemLineDetail", "SubTotalLineDetail");
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isZero();
    assertFaultReply(post("/salesreceipt", Map.of("Id", receipt.get("Id").asText(), "SyncToken", "0", "sparse", true,
        "PrivateNote", "stale")), "5010");
  }

  @Test
  void deleteRemovesTheReceiptAndLeavesTheCustomerBalance() {
    String customerId = newCustomer("Receipt Delete Co");
    String id = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 75))))).at("/SalesReceipt/Id").asText();

    JsonNode deleted = ok(post("/salesreceipt?operation=delete", Map.of("Id", id, "SyncToken", "0")));

    assertThat(deleted.at("/SalesReceipt/status").asText()).isEqualTo("Deleted");
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isZero();
    assertThat(qbo.get(COMPANY + "/salesreceipt/" + id, auth).status()).isEqualTo(400);
  }

  @Test
  void voidKeepsTheReceiptWithItsAmountsZeroedAlsoInABatch() {
    String customerId = newCustomer("Receipt Void Co");
    String id = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 75))))).at("/SalesReceipt/Id").asText();
    String other = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 25))))).at("/SalesReceipt/Id").asText();

    JsonNode voided = ok(post("/salesreceipt?operation=void", Map.of("Id", id, "SyncToken", "0"))).get("SalesReceipt");
    JsonNode inBatch = ok(post("/batch", Map.of("BatchItemRequest", List.of(Map.of("bId", "1", "operation", "update",
        "optionsData", "void", "SalesReceipt", Map.of("Id", other, "SyncToken", "0")))))).at("/BatchItemResponse/0/SalesReceipt");

    for (JsonNode receipt : List.of(voided, inBatch)) {
      assertThat(receipt.get("TotalAmt").asDouble()).isZero();
      assertThat(receipt.get("PrivateNote").asText()).isEqualTo("Voided");
      assertThat(receipt.get("SyncToken").asText()).isEqualTo("1");
    }
    assertThat(read("/salesreceipt/" + id).at("/SalesReceipt/Line/0/Amount").asDouble()).isZero();
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isZero();
  }

  @Test
  void queryChangeDataCaptureAndBatchFindSalesReceipts() {
    clock.advance(Duration.ofSeconds(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    String customerId = newCustomer("Receipt Query Co");
    String id = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 12))))).at("/SalesReceipt/Id").asText();

    JsonNode found = ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(
        "select * from SalesReceipt where CustomerRef = '" + customerId + "'"), auth)).at("/QueryResponse/SalesReceipt");
    assertThat(found).singleElement().satisfies(receipt -> assertThat(receipt.get("Id").asText()).isEqualTo(id));
    JsonNode groups = ok(qbo.get(COMPANY + "/cdc?entities=SalesReceipt&changedSince=" + ContractClient.encode(since.toString()),
        auth)).at("/CDCResponse/0/QueryResponse");
    assertThat(groups.get(0).get("SalesReceipt")).singleElement()
        .satisfies(receipt -> assertThat(receipt.get("Id").asText()).isEqualTo(id));
    JsonNode batch = ok(post("/batch", Map.of("BatchItemRequest", List.of(Map.of("bId", "1", "operation", "create",
        "SalesReceipt", Map.of("CustomerRef", Map.of("value", customerId), "Line", List.of(salesLine("2", 30))))))));
    assertThat(batch.at("/BatchItemResponse/0/SalesReceipt/TotalAmt").asDouble()).isEqualTo(30.0);
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
