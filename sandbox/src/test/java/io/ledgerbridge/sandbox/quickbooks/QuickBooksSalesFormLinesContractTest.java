package io.ledgerbridge.sandbox.quickbooks;

import static io.ledgerbridge.sandbox.quickbooks.QuickBooksCustomerContractTest.assertFault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every line type of Intuit's sales forms (reference §3.3), as QuickBooks computes them: bundle (group) lines take
 * their amount from their inner item lines, which get ids of the form's own sequence; discount lines reduce the
 * total, by amount or by percent of the lines above; a SubTotal line within the form sums the lines since the
 * previous one; description-only lines have no amount.
 */
class QuickBooksSalesFormLinesContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static String[] auth;
  private static String customerId;
  private static double firstPrice;
  private static double secondPrice;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(3).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo), "Accept", "application/json"};
    customerId = ok(post("/customer", Map.of("DisplayName", "Line Types Co"))).at("/Customer/Id").asText();
    firstPrice = ok(qbo.get(COMPANY + "/item/1", auth)).at("/Item/UnitPrice").asDouble();
    secondPrice = ok(qbo.get(COMPANY + "/item/2", auth)).at("/Item/UnitPrice").asDouble();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aBundleLineHoldsItsItemsTimesItsQuantityAndTheirAmount() {
    String bundleId = bundle("Starter Kit");

    JsonNode invoice = ok(post("/invoice", form(List.of(Map.of("DetailType", "GroupLineDetail",
        "GroupLineDetail", Map.of("GroupItemRef", Map.of("value", bundleId), "Quantity", 2)))))).get("Invoice");

    JsonNode group = invoice.at("/Line/0");
    assertThat(group.get("DetailType").asText()).isEqualTo("GroupLineDetail");
    assertThat(group.at("/GroupLineDetail/GroupItemRef/name").asText()).isEqualTo("Starter Kit");
    JsonNode inner = group.at("/GroupLineDetail/Line");
    assertThat(inner).hasSize(2);
    assertThat(inner.get(0).at("/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo("1");
    assertThat(inner.get(0).at("/SalesItemLineDetail/Qty").asDouble()).as("2 in the kit x 2 kits").isEqualTo(4);
    assertThat(inner.get(1).at("/SalesItemLineDetail/Qty").asDouble()).isEqualTo(2);
    double amount = 4 * firstPrice + 2 * secondPrice;
    assertThat(group.get("Amount").asDouble()).isEqualTo(amount);
    assertThat(invoice.get("TotalAmt").asDouble()).isEqualTo(amount);
    assertThat(List.of(group.get("Id").asText(), inner.get(0).get("Id").asText(), inner.get(1).get("Id").asText()))
        .as("one id sequence for the form's lines, inner lines included").containsExactly("1", "2", "3");
  }

  @Test
  void aBundleLineSentWithItsLinesTakesThemAndOnlyABundleItemMakesOne() {
    String bundleId = bundle("Custom Kit");

    JsonNode receipt = ok(post("/salesreceipt", form(List.of(salesLine("2", 5), Map.of("DetailType", "GroupLineDetail",
        "GroupLineDetail", Map.of("GroupItemRef", Map.of("value", bundleId), "Quantity", 1,
            "Line", List.of(salesLine("1", 30), salesLine("2", 12.5)))))))).get("SalesReceipt");

    JsonNode group = receipt.at("/Line/1");
    assertThat(group.get("Amount").asDouble()).isEqualTo(42.5);
    assertThat(group.at("/GroupLineDetail/Line").findValuesAsText("Id")).containsExactly("3", "4");
    assertThat(receipt.get("TotalAmt").asDouble()).isEqualTo(47.5);

    assertFaultReply(post("/invoice", form(List.of(Map.of("DetailType", "GroupLineDetail",
        "GroupLineDetail", Map.of("GroupItemRef", Map.of("value", "1")))))), "6000");
    Map<String, Object> describedBundle = Map.of("DetailType", "GroupLineDetail", "GroupLineDetail", Map.of(
        "GroupItemRef", Map.of("value", bundleId), "Line", List.of(Map.of("DetailType", "DescriptionOnly", "Description", "no"))));
    assertFaultReply(post("/invoice", form(List.of(describedBundle))), "6000");
  }

  @Test
  void discountLinesReduceTheTotalByTheirAmountOrAPercentOfTheLinesAbove() {
    JsonNode byAmount = ok(post("/invoice", form(List.of(salesLine("1", 100), discount(15))))).get("Invoice");
    assertThat(byAmount.get("TotalAmt").asDouble()).isEqualTo(85);
    assertThat(byAmount.at("/Line/1/DiscountLineDetail/PercentBased").asBoolean()).isFalse();

    JsonNode byPercent = ok(post("/creditmemo", form(List.of(salesLine("1", 80), salesLine("2", 20),
        Map.of("DetailType", "DiscountLineDetail", "DiscountLineDetail", Map.of("PercentBased", true, "DiscountPercent", 10))))))
        .get("CreditMemo");
    assertThat(byPercent.at("/Line/2/Amount").asDouble()).isEqualTo(10);
    assertThat(byPercent.get("TotalAmt").asDouble()).isEqualTo(90);

    assertFaultReply(post("/invoice", form(List.of(salesLine("1", 10), Map.of("DetailType", "DiscountLineDetail")))), "2020");
  }

  @Test
  void aSubTotalLineWithinTheFormSumsTheLinesSinceThePreviousOneAndTheTrailingOneIsQuickBooksOwn() {
    JsonNode invoice = ok(post("/invoice", form(List.of(salesLine("1", 10), salesLine("2", 20), subtotal(),
        salesLine("1", 5), subtotal())))).get("Invoice");

    JsonNode lines = invoice.get("Line");
    assertThat(lines.findValuesAsText("DetailType")).containsExactly("SalesItemLineDetail", "SalesItemLineDetail",
        "SubTotalLineDetail", "SalesItemLineDetail", "SubTotalLineDetail");
    assertThat(lines.get(2).get("Amount").asDouble()).isEqualTo(30);
    assertThat(lines.get(2).get("Id").asText()).as("a subtotal someone entered is a line").isEqualTo("3");
    assertThat(lines.get(4).has("Id")).as("QuickBooks' own subtotal, replacing the one sent last").isFalse();
    assertThat(lines.get(4).get("Amount").asDouble()).isEqualTo(35);
    assertThat(invoice.get("TotalAmt").asDouble()).as("subtotals add nothing").isEqualTo(35);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Invoice", "CreditMemo", "SalesReceipt"})
  void everySalesFormTakesEveryLineTypeAndDescriptionLinesHaveNoAmount(String entity) {
    String bundleId = bundle(entity + " Kit");
    List<Map<String, Object>> lines = new ArrayList<>(List.of(
        salesLine("1", 50),
        Map.of("DetailType", "GroupLineDetail", "GroupLineDetail", Map.of("GroupItemRef", Map.of("value", bundleId))),
        subtotal(),
        Map.of("DetailType", "DescriptionOnly", "Description", "Delivered on site", "Amount", 999),
        discount(5)));

    JsonNode form = ok(post("/" + entity.toLowerCase(), form(lines))).get(entity);

    JsonNode written = form.get("Line");
    List<String> types = new ArrayList<>();
    written.forEach(line -> types.add(line.get("DetailType").asText()));
    assertThat(types).as("the form's own lines, in order").containsExactly("SalesItemLineDetail", "GroupLineDetail",
        "SubTotalLineDetail", "DescriptionOnly", "DiscountLineDetail", "SubTotalLineDetail");
    assertThat(written.get(3).get("Amount").asDouble()).as("a description has no amount").isZero();
    assertThat(written.get(3).get("Description").asText()).isEqualTo("Delivered on site");
    double bundle = 2 * firstPrice + secondPrice;
    assertThat(written.get(1).get("Amount").asDouble()).isEqualTo(bundle);
    assertThat(written.get(2).get("Amount").asDouble()).isEqualTo(50 + bundle);
    assertThat(form.get("TotalAmt").asDouble()).isEqualTo(50 + bundle - 5);
  }

  @Test
  void aBundleItemListsItsItemsWhichAreNoBundles() {
    String kit = bundle("Nested Base");
    assertFaultReply(post("/item", Map.of("Name", "Empty Kit", "Type", "Group")), "2020");
    assertFaultReply(post("/item", Map.of("Name", "Kit of Kits", "Type", "Group", "ItemGroupDetail",
        Map.of("ItemGroupLine", List.of(Map.of("ItemRef", Map.of("value", kit), "Qty", 1))))), "6000");
  }

  private static String bundle(String name) {
    return ok(post("/item", Map.of("Name", name, "Type", "Group", "ItemGroupDetail", Map.of("ItemGroupLine", List.of(
        Map.of("ItemRef", Map.of("value", "1"), "Qty", 2), Map.of("ItemRef", Map.of("value", "2"), "Qty", 1))))))
        .at("/Item/Id").asText();
  }

  private static Map<String, Object> form(List<Map<String, Object>> lines) {
    return Map.of("CustomerRef", Map.of("value", customerId), "Line", lines);
  }

  private static Map<String, Object> salesLine(String itemId, double amount) {
    return Map.of("DetailType", "SalesItemLineDetail", "Amount", amount,
        "SalesItemLineDetail", Map.of("ItemRef", Map.of("value", itemId)));
  }

  private static Map<String, Object> discount(double amount) {
    return Map.of("DetailType", "DiscountLineDetail", "Amount", amount, "DiscountLineDetail", Map.of("PercentBased", false));
  }

  private static Map<String, Object> subtotal() {
    return Map.of("DetailType", "SubTotalLineDetail", "SubTotalLineDetail", Map.of());
  }

  private static void assertFaultReply(ContractClient.Reply reply, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertFault(reply.json(), code, "ValidationFault");
  }

  private static ContractClient.Reply post(String path, Map<String, Object> body) {
    return qbo.postJson(COMPANY + path, body, auth);
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
