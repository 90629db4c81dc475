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

/** Credit memos: a sales form like an invoice whose unapplied credit lowers what the customer owes. */
class QuickBooksCreditMemoContractTest {
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
  void createComputesTheTotalAndTheCreditAndLowersTheCustomerBalance() {
    String customerId = newCustomer("Credit Math Co");
    double price = read("/item/1").at("/Item/UnitPrice").asDouble();

    JsonNode memo = ok(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId),
        "PrivateNote", "Returned goods", "CustomerMemo", Map.of("value", "Sorry for the trouble"),
        "Line", List.of(
            Map.of("DetailType", "SalesItemLineDetail", "Description", "Two back",
                "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", "1"), "Qty", 2)),
            salesLine("2", 40.0))))).get("CreditMemo");

    double total = 2 * price + 40.0;
    assertThat(memo.get("TotalAmt").asDouble()).isEqualTo(total);
    assertThat(memo.get("Balance").asDouble()).as("nothing applied yet").isEqualTo(total);
    assertThat(memo.get("RemainingCredit").asDouble()).isEqualTo(total);
    assertThat(memo.get("DocNumber").asText()).isNotBlank();
    assertThat(memo.get("TxnDate").asText()).isEqualTo("2026-03-02");
    assertThat(memo.has("DueDate")).isFalse();
    assertThat(memo.at("/CustomerRef/name").asText()).isEqualTo("Credit Math Co");
    assertThat(memo.at("/CustomerMemo/value").asText()).isEqualTo("Sorry for the trouble");
    assertThat(memo.at("/Line/0/Id").asText()).isEqualTo("1");
    assertThat(memo.at("/Line/0/SalesItemLineDetail/UnitPrice").asDouble()).isEqualTo(price);
    JsonNode last = memo.get("Line").get(memo.get("Line").size() - 1);
    assertThat(last.get("DetailType").asText()).isEqualTo("SubTotalLineDetail");
    assertThat(last.get("Amount").asDouble()).isEqualTo(total);
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isEqualTo(-total);
  }

  @Test
  void customerAndLinesAreRequiredAndMustExistAndBeActive() {
    String customerId = newCustomer("Credit Checks Co");
    assertFaultReply(post("/creditmemo", Map.of("Line", List.of(salesLine("1", 10)))), "2020");
    assertFaultReply(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId))), "2020");
    assertFaultReply(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId), "Line", List.of())), "2020");
    assertFaultReply(post("/creditmemo", Map.of("CustomerRef", Map.of("value", "99999"), "Line", List.of(salesLine("1", 10)))),
        "2500");
    assertFaultReply(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("99999", 10)))), "2500");
    assertFaultReply(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId), "Line", List.of(
        Map.of("DetailType", "SalesItemLineDetail", "Amount", 10.0,
            "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", "1"), "Qty", 3, "UnitPrice", 5))))), "6070");

    JsonNode customer = read("/customer/" + customerId).get("Customer");
    ok(post("/customer", Map.of("Id", customerId, "SyncToken", customer.get("SyncToken").asText(), "sparse", true,
        "Active", false)));
    assertFaultReply(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId), "Line", List.of(salesLine("1", 10)))),
        "610");
  }

  @Test
  void docNumbersAreUniqueAmongCreditMemos() {
    String customerId = newCustomer("Credit Numbers Co");
    Map<String, Object> body = Map.of("DocNumber", "CM-DUP", "CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 10)));
    ok(post("/creditmemo", body));
    assertThat(post("/creditmemo", body).json().at("/Fault/Error/0/Message").asText()).isEqualTo("Duplicate Document Number Error");
    ok(post("/invoice", body));
  }

  @Test
  void sparseUpdateReplacesTheLinesAndKeepsTheRest() {
    String customerId = newCustomer("Credit Update Co");
    JsonNode memo = ok(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId), "PrivateNote", "first",
        "Line", List.of(salesLine("1", 10), salesLine("2", 20))))).get("CreditMemo");

    JsonNode updated = ok(post("/creditmemo", Map.of("Id", memo.get("Id").asText(), "SyncToken", "0", "sparse", true,
        "Line", List.of(salesLine("3", 55.5))))).get("CreditMemo");

    assertThat(updated.get("SyncToken").asText()).isEqualTo("1");
    assertThat(updated.get("DocNumber").asText()).isEqualTo(memo.get("DocNumber").asText());
    assertThat(updated.get("PrivateNote").asText()).isEqualTo("first");
    assertThat(updated.get("TotalAmt").asDouble()).isEqualTo(55.5);
    assertThat(updated.get("Balance").asDouble()).isEqualTo(55.5);
    assertThat(updated.get("Line").findValuesAsText("DetailType")).containsExactly("SalesItemLineDetail", "SubTotalLineDetail");
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isEqualTo(-55.5);
    assertFaultReply(post("/creditmemo", Map.of("Id", memo.get("Id").asText(), "SyncToken", "0", "sparse", true,
        "PrivateNote", "stale")), "5010");
  }

  @Test
  void deleteRemovesTheCreditButVoidIsNotOffered() {
    String customerId = newCustomer("Credit Delete Co");
    String id = ok(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 75))))).at("/CreditMemo/Id").asText();

    assertThat(post("/creditmemo?operation=void", Map.of("Id", id, "SyncToken", "0")).status()).isEqualTo(400);
    JsonNode deleted = ok(post("/creditmemo?operation=delete", Map.of("Id", id, "SyncToken", "0")));

    assertThat(deleted.at("/CreditMemo/status").asText()).isEqualTo("Deleted");
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isZero();
    assertThat(qbo.get(COMPANY + "/creditmemo/" + id, auth).status()).isEqualTo(400);
  }

  @Test
  void aPaymentAppliesCreditToInvoicesAlongWithTheMoneyAndHoldsTheMemoUntilVoidingItGivesTheCreditBack() {
    String customerId = newCustomer("Credit Applied Co");
    String first = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 100))))).at("/Invoice/Id").asText();
    String second = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 50))))).at("/Invoice/Id").asText();
    String memo = ok(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 40))))).at("/CreditMemo/Id").asText();

    JsonNode payment = ok(post("/payment", Map.of("CustomerRef", Map.of("value", customerId), "TotalAmt", 95,
        "Line", List.of(applied(first, "Invoice", 100), applied(second, "Invoice", 25), applied(memo, "CreditMemo", 30)))))
        .get("Payment");

    assertThat(payment.get("UnappliedAmt").asDouble()).as("125 paid with 30 of credit and 95 of money").isZero();
    assertThat(read("/invoice/" + first).at("/Invoice/Balance").asDouble()).isZero();
    assertThat(read("/invoice/" + second).at("/Invoice/Balance").asDouble()).isEqualTo(25.0);
    JsonNode credited = read("/creditmemo/" + memo).get("CreditMemo");
    assertThat(credited.get("Balance").asDouble()).isEqualTo(10.0);
    assertThat(credited.get("RemainingCredit").asDouble()).isEqualTo(10.0);
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).as("150 owed - 40 credit - 95 paid")
        .isEqualTo(15.0);

    assertFaultReply(post("/payment", Map.of("CustomerRef", Map.of("value", customerId), "TotalAmt", 0,
        "Line", List.of(applied(second, "Invoice", 5), applied(memo, "CreditMemo", 10)))), "6000");
    assertFaultReply(post("/payment", Map.of("CustomerRef", Map.of("value", customerId), "TotalAmt", 0,
        "Line", List.of(applied(second, "Invoice", 25), applied(memo, "CreditMemo", 25)))), "6000");

    String memoToken = read("/creditmemo/" + memo).at("/CreditMemo/SyncToken").asText();
    assertFaultReply(post("/creditmemo?operation=delete", Map.of("Id", memo, "SyncToken", memoToken)), "6000");

    ok(post("/payment?operation=void", Map.of("Id", payment.get("Id").asText(), "SyncToken", "0")));
    assertThat(read("/creditmemo/" + memo).at("/CreditMemo/Balance").asDouble()).isEqualTo(40.0);
    assertThat(read("/invoice/" + first).at("/Invoice/Balance").asDouble()).isEqualTo(100.0);
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isEqualTo(110.0);
    memoToken = read("/creditmemo/" + memo).at("/CreditMemo/SyncToken").asText();
    assertThat(ok(post("/creditmemo?operation=delete", Map.of("Id", memo, "SyncToken", memoToken)))
        .at("/CreditMemo/status").asText()).as("no payment applies it any more").isEqualTo("Deleted");
  }

  @Test
  void queryAndChangeDataCaptureFindCreditMemos() {
    clock.advance(Duration.ofSeconds(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    String customerId = newCustomer("Credit Query Co");
    String id = ok(post("/creditmemo", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 12))))).at("/CreditMemo/Id").asText();

    JsonNode found = ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(
        "select * from CreditMemo where CustomerRef = '" + customerId + "'"), auth)).at("/QueryResponse/CreditMemo");
    assertThat(found).singleElement().satisfies(memo -> assertThat(memo.get("Id").asText()).isEqualTo(id));
    JsonNode groups = ok(qbo.get(COMPANY + "/cdc?entities=CreditMemo&changedSince=" + ContractClient.encode(since.toString()),
        auth)).at("/CDCResponse/0/QueryResponse");
    assertThat(groups.get(0).get("CreditMemo")).singleElement()
        .satisfies(memo -> assertThat(memo.get("Id").asText()).isEqualTo(id));
  }

  private static void assertFaultReply(ContractClient.Reply reply, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertFault(reply.json(), code, "ValidationFault");
  }

  private static Map<String, Object> salesLine(String itemId, double amount) {
    return Map.of("DetailType", "SalesItemLineDetail", "Amount", amount,
        "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", itemId)));
  }

  private static Map<String, Object> applied(String txnId, String txnType, double amount) {
    return Map.of("Amount", amount, "LinkedTxn", List.of(Map.of("TxnId", txnId, "TxnType", txnType)));
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
