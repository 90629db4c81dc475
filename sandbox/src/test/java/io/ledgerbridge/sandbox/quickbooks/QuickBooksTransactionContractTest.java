package io.ledgerbridge.sandbox.quickbooks;

import static io.ledgerbridge.sandbox.quickbooks.QuickBooksCustomerContractTest.assertFault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Items, invoices and payments and how they move each other's balances (reference §3.2 to §3.4, §1.4). */
class QuickBooksTransactionContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(20).withClock(clock).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo), "Accept", "application/json"};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void itemNeedsNameTypeAndIncomeAccount() {
    assertFaultReply(post("/item", Map.of("Type", "Service")), "2020", "ValidationFault");
    assertFaultReply(post("/item", Map.of("Name", "Gizmo Service", "Type", "Service")), "2020", "ValidationFault");
    JsonNode item = ok(post("/item", Map.of("Name", "Gizmo Service", "Type", "Service", "UnitPrice", 42.5,
        "IncomeAccountRef", Map.of("value", "79")))).get("Item");
    assertThat(item.get("FullyQualifiedName").asText()).isEqualTo("Gizmo Service");
    assertThat(item.get("Active").asBoolean()).isTrue();
    assertFaultReply(post("/item", Map.of("Name", "gizmo service", "Type", "Service", "IncomeAccountRef", Map.of("value", "79"))),
        "6240", "ValidationFault");
    ContractClient.Reply delete = post("/item?operation=delete", Map.of("Id", item.get("Id").asText(), "SyncToken", "0"));
    assertThat(delete.status()).isEqualTo(400);
  }

  @Test
  void invoiceComputesAmountsAddsSubtotalAndRaisesCustomerBalance() {
    JsonNode customer = newCustomer("Invoice Math Co");
    JsonNode item = read("/item/1").get("Item");
    double price = item.get("UnitPrice").asDouble();

    JsonNode invoice = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()),
        "Line", List.of(
            Map.of("DetailType", "SalesItemLineDetail", "SalesItemLineDetail",
                Map.of("ItemRef", Map.of("value", "1"), "Qty", 2)),
            Map.of("DetailType", "SalesItemLineDetail", "Amount", 100.0, "SalesItemLineDetail",
                Map.of("ItemRef", Map.of("value", "2"))))))).get("Invoice");

    double total = 2 * price + 100.0;
    assertThat(invoice.get("TotalAmt").asDouble()).isEqualTo(total);
    assertThat(invoice.get("Balance").asDouble()).isEqualTo(total);
    assertThat(invoice.get("DocNumber").asText()).isNotBlank();
    assertThat(invoice.at("/CustomerRef/name").asText()).isEqualTo("Invoice Math Co");
    assertThat(invoice.at("/Line/0/SalesItemLineDetail/ItemRef/name").asText()).isEqualTo(item.get("Name").asText());
    JsonNode last = invoice.get("Line").get(invoice.get("Line").size() - 1);
    assertThat(last.get("DetailType").asText()).isEqualTo("SubTotalLineDetail");
    assertThat(last.get("Amount").asDouble()).isEqualTo(total);
    assertThat(read("/customer/" + customer.get("Id").asText()).at("/Customer/Balance").asDouble()).isEqualTo(total);
  }

  @Test
  void invoiceNeedsCustomerAndLinesThatExist() {
    JsonNode customer = newCustomer("Invoice Checks Co");
    assertFaultReply(post("/invoice", Map.of("Line", List.of())), "2020", "ValidationFault");
    assertFaultReply(post("/invoice", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()))), "2020",
        "ValidationFault");
    assertFaultReply(post("/invoice", Map.of("CustomerRef", Map.of("value", "99999"), "Line", List.of(salesLine("1", 10)))),
        "2500", "ValidationFault");
    assertFaultReply(post("/invoice", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()),
        "Line", List.of(salesLine("99999", 10)))), "2500", "ValidationFault");
  }

  @Test
  void duplicateDocNumberIsRefused() {
    JsonNode customer = newCustomer("Doc Number Co");
    Map<String, Object> body = Map.of("DocNumber", "DUP-1", "CustomerRef", Map.of("value", customer.get("Id").asText()),
        "Line", List.of(salesLine("1", 10)));
    ok(post("/invoice", body));
    assertThat(post("/invoice", body).json().at("/Fault/Error/0/Message").asText()).isEqualTo("Duplicate Document Number Error");
  }

  @Test
  void paymentLowersInvoiceBalanceLinksItAndVoidUndoesIt() {
    JsonNode customer = newCustomer("Payment Flow Co");
    String customerId = customer.get("Id").asText();
    JsonNode invoice = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 300))))).get("Invoice");
    String invoiceId = invoice.get("Id").asText();

    JsonNode payment = ok(post("/payment", Map.of("CustomerRef", Map.of("value", customerId), "TotalAmt", 120,
        "Line", List.of(Map.of("Amount", 100, "LinkedTxn", List.of(Map.of("TxnId", invoiceId, "TxnType", "Invoice")))))))
        .get("Payment");
    assertThat(payment.get("UnappliedAmt").asDouble()).isEqualTo(20.0);

    JsonNode paidInvoice = read("/invoice/" + invoiceId).get("Invoice");
    assertThat(paidInvoice.get("Balance").asDouble()).isEqualTo(200.0);
    assertThat(paidInvoice.get("SyncToken").asText()).isEqualTo("1");
    assertThat(paidInvoice.get("LinkedTxn")).anySatisfy(link -> {
      assertThat(link.get("TxnId").asText()).isEqualTo(payment.get("Id").asText());
      assertThat(link.get("TxnType").asText()).isEqualTo("Payment");
    });
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isEqualTo(180.0);

    assertThat(post("/invoice?operation=delete", Map.of("Id", invoiceId, "SyncToken", "1")).status()).isEqualTo(400);

    JsonNode voided = ok(post("/payment?operation=void", Map.of("Id", payment.get("Id").asText(), "SyncToken", "0")))
        .get("Payment");
    assertThat(voided.get("TotalAmt").asDouble()).isZero();
    assertThat(voided.get("PrivateNote").asText()).isEqualTo("Voided");
    JsonNode released = read("/invoice/" + invoiceId).get("Invoice");
    assertThat(released.get("Balance").asDouble()).isEqualTo(300.0);
    assertThat(released.get("LinkedTxn")).isEmpty();
    assertThat(read("/customer/" + customerId).at("/Customer/Balance").asDouble()).isEqualTo(300.0);
  }

  @Test
  void paymentCannotExceedTheOpenBalance() {
    JsonNode customer = newCustomer("Overpay Co");
    String invoiceId = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()),
        "Line", List.of(salesLine("1", 50))))).at("/Invoice/Id").asText();
    ContractClient.Reply reply = post("/payment", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()),
        "TotalAmt", 80, "Line", List.of(Map.of("Amount", 80, "LinkedTxn", List.of(Map.of("TxnId", invoiceId, "TxnType", "Invoice"))))));
    assertThat(reply.status()).isEqualTo(400);
    assertFault(reply.json(), "6000", "ValidationFault");
  }

  @Test
  void deletedInvoiceAnswersDeletedStatusAndLowersBalance() {
    JsonNode customer = newCustomer("Delete Invoice Co");
    JsonNode invoice = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()),
        "Line", List.of(salesLine("1", 75))))).get("Invoice");
    JsonNode deleted = ok(post("/invoice?operation=delete", Map.of("Id", invoice.get("Id").asText(), "SyncToken", "0")));
    assertThat(deleted.at("/Invoice/status").asText()).isEqualTo("Deleted");
    assertThat(deleted.at("/Invoice/domain").asText()).isEqualTo("QBO");
    assertThat(read("/customer/" + customer.get("Id").asText()).at("/Customer/Balance").asDouble()).isZero();
    assertThat(qbo.get(COMPANY + "/invoice/" + invoice.get("Id").asText(), auth).status()).isEqualTo(400);
  }

  @Test
  void voidedInvoiceKeepsItsLinesWithZeroAmounts() {
    JsonNode customer = newCustomer("Void Invoice Co");
    JsonNode invoice = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customer.get("Id").asText()),
        "Line", List.of(salesLine("1", 75))))).get("Invoice");
    JsonNode voided = ok(post("/invoice?operation=void", Map.of("Id", invoice.get("Id").asText(), "SyncToken", "0")))
        .get("Invoice");
    assertThat(voided.get("TotalAmt").asDouble()).isZero();
    assertThat(voided.get("Balance").asDouble()).isZero();
    assertThat(voided.get("Line").size()).isEqualTo(invoice.get("Line").size());
    assertThat(voided.get("SyncToken").asText()).isEqualTo("1");
  }

  @Test
  void includeVoidOnAnUpdateVoidsAsOperationVoidDoes() {
    JsonNode customer = newCustomer("Include Void Co");
    String customerId = customer.get("Id").asText();
    JsonNode invoice = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 90))))).get("Invoice");
    JsonNode payment = ok(post("/payment", Map.of("CustomerRef", Map.of("value", customerId), "TotalAmt", 40,
        "Line", List.of(Map.of("Amount", 40, "LinkedTxn", List.of(Map.of("TxnId", invoice.get("Id").asText(),
            "TxnType", "Invoice"))))))).get("Payment");

    // The documented payment void (?operation=update&include=void) ...
    JsonNode voidedPayment = ok(post("/payment?operation=update&include=void",
        Map.of("Id", payment.get("Id").asText(), "SyncToken", "0"))).get("Payment");
    assertThat(voidedPayment.get("TotalAmt").asDouble()).isZero();
    assertThat(read("/invoice/" + invoice.get("Id").asText()).at("/Invoice/Balance").asDouble()).isEqualTo(90.0);

    // ... and Intuit's Java SDK's voidRequest (the entity posted with include=void, no operation).
    JsonNode current = read("/invoice/" + invoice.get("Id").asText()).get("Invoice");
    JsonNode voidedInvoice = ok(post("/invoice?include=void", Map.of("Id", current.get("Id").asText(),
        "SyncToken", current.get("SyncToken").asText(), "CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 90))))).get("Invoice");
    assertThat(voidedInvoice.get("TotalAmt").asDouble()).isZero();
    assertThat(voidedInvoice.get("PrivateNote").asText()).contains("Voided");
  }

  private static void assertFaultReply(ContractClient.Reply reply, String code, String type) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertFault(reply.json(), code, type);
  }

  private static Map<String, Object> salesLine(String itemId, double amount) {
    return Map.of("DetailType", "SalesItemLineDetail", "Amount", amount,
        "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", itemId)));
  }

  private static JsonNode newCustomer(String name) {
    return ok(post("/customer", Map.of("DisplayName", name))).get("Customer");
  }

  private static ContractClient.Reply post(String path, Map<String, Object> body) {
    return qbo.postJson(COMPANY + path, body, auth);
  }

  private static JsonNode read(String path) {
    return ok(qbo.get(COMPANY + path, auth));
  }

  private static JsonNode query(String text) {
    return ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(text), auth)).get("QueryResponse");
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
