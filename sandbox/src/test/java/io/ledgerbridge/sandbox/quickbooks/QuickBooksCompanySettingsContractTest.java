package io.ledgerbridge.sandbox.quickbooks;

import static io.ledgerbridge.sandbox.quickbooks.QuickBooksCustomerContractTest.assertFault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.QboCompanyProfile;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A company's settings as Intuit's API has them: Preferences (CurrencyPrefs, TaxPrefs), CompanyInfo (Country) and
 * TaxCode, and what they make QuickBooks enforce: the currencies of customers and transactions, exchange rates,
 * and sales tax by the company's tax model.
 */
class QuickBooksCompanySettingsContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private Sandbox sandbox;
  private ContractClient qbo;
  private String[] auth;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(3).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo), "Accept", "application/json"};
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aNewCompanyIsUsWithOneCurrencyAndAutomatedSalesTaxAndMultiCurrencyCanBeTurnedOnButNotOff() {
    JsonNode preferences = ok(qbo.get(COMPANY + "/preferences", auth)).get("Preferences");
    assertThat(preferences.at("/CurrencyPrefs/MultiCurrencyEnabled").asBoolean()).isFalse();
    assertThat(preferences.at("/CurrencyPrefs/HomeCurrency/value").asText()).isEqualTo("USD");
    assertThat(preferences.at("/TaxPrefs/PartnerTaxEnabled").asBoolean()).isTrue();
    assertThat(query("SELECT * FROM CompanyInfo").at("/CompanyInfo/0/Country").asText()).isEqualTo("US");
    assertThat(ok(qbo.get(COMPANY + "/companyinfo/" + Sandbox.DEMO_REALM_ID, auth)).at("/CompanyInfo/Country").asText())
        .isEqualTo("US");
    assertThat(query("SELECT * FROM TaxCode").has("TaxCode")).as("US lines say TAX or NON").isFalse();

    assertFaultReply(post("/customer", Map.of("DisplayName", "Euro Too Soon", "CurrencyRef", Map.of("value", "EUR"))), "6000");
    JsonNode on = ok(post("/preferences", Map.of("Id", preferences.get("Id").asText(), "SyncToken",
        preferences.get("SyncToken").asText(), "sparse", true, "CurrencyPrefs", Map.of("MultiCurrencyEnabled", true))))
        .get("Preferences");
    assertThat(on.at("/CurrencyPrefs/MultiCurrencyEnabled").asBoolean()).isTrue();
    assertThat(on.at("/CurrencyPrefs/HomeCurrency/value").asText()).as("kept").isEqualTo("USD");
    assertFaultReply(post("/preferences", Map.of("Id", on.get("Id").asText(), "SyncToken", on.get("SyncToken").asText(),
        "sparse", true, "CurrencyPrefs", Map.of("MultiCurrencyEnabled", false))), "6000");
    assertFaultReply(post("/preferences", Map.of("Id", on.get("Id").asText(), "SyncToken", on.get("SyncToken").asText(),
        "sparse", true, "CurrencyPrefs", Map.of("MultiCurrencyEnabled", true, "HomeCurrency", Map.of("value", "EUR")))), "6000");
    assertThat(ok(post("/customer", Map.of("DisplayName", "Euro Now", "CurrencyRef", Map.of("value", "EUR"))))
        .at("/Customer/CurrencyRef/name").asText()).isEqualTo("Euro");
  }

  @Test
  void aTransactionIsInItsCustomersCurrencyWithItsExchangeRateAndTheCustomersCurrencyIsFixedOnceUsed() {
    sandbox.configureQboCompany(Sandbox.DEMO_REALM_ID, QboCompanyProfile.us().withMultiCurrency());
    JsonNode customer = ok(post("/customer", Map.of("DisplayName", "Bistro Lyon", "CurrencyRef", Map.of("value", "EUR"))))
        .get("Customer");
    String customerId = customer.get("Id").asText();
    JsonNode home = ok(post("/customer", Map.of("DisplayName", "Home Diner"))).get("Customer");
    assertThat(home.at("/CurrencyRef/value").asText()).as("the home currency by default").isEqualTo("USD");

    JsonNode invoice = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 100, null))))).get("Invoice");
    assertThat(invoice.at("/CurrencyRef/value").asText()).as("the customer's").isEqualTo("EUR");
    assertThat(invoice.get("ExchangeRate").decimalValue()).as("the day's rate").isEqualByComparingTo("1.1");
    assertThat(invoice.get("TotalAmt").decimalValue()).as("in euros").isEqualByComparingTo("100");
    assertThat(invoice.get("HomeTotalAmt").decimalValue()).isEqualByComparingTo("110");
    JsonNode given = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", customerId), "ExchangeRate", 1.2,
        "Line", List.of(salesLine("1", 10, null))))).get("Invoice");
    assertThat(given.get("ExchangeRate").decimalValue()).isEqualByComparingTo("1.2");
    JsonNode atHome = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", home.get("Id").asText()),
        "ExchangeRate", 3, "Line", List.of(salesLine("1", 10, null))))).get("SalesReceipt");
    assertThat(atHome.get("ExchangeRate").decimalValue()).as("1 in the home currency").isEqualByComparingTo("1");

    assertFaultReply(post("/invoice", Map.of("CustomerRef", Map.of("value", customerId), "CurrencyRef", Map.of("value", "USD"),
        "Line", List.of(salesLine("1", 10, null)))), "6000");
    assertFaultReply(post("/customer", Map.of("Id", customerId, "SyncToken", customer.get("SyncToken").asText(),
        "sparse", true, "CurrencyRef", Map.of("value", "GBP"))), "6000");
    assertFaultReply(post("/customer", Map.of("DisplayName", "Nowhere", "CurrencyRef", Map.of("value", "XYZ"))), "2500");
  }

  @Test
  void aNonUsCompanyTaxesEachLineAtItsTaxCodesRateAndAUsCompanyTaxesTaxLines() {
    JsonNode us = ok(post("/invoice", Map.of("CustomerRef", Map.of("value", "1"),
        "Line", List.of(salesLine("1", 100, "TAX"), salesLine("1", 50, null))))).get("Invoice");
    assertThat(us.at("/TxnTaxDetail/TotalTax").decimalValue()).isEqualByComparingTo("8.25");
    assertThat(us.get("TotalAmt").decimalValue()).isEqualByComparingTo("158.25");
    assertThat(us.at("/Line/1/SalesItemLineDetail/TaxCodeRef/value").asText()).isEqualTo("NON");
    assertFaultReply(post("/invoice", Map.of("CustomerRef", Map.of("value", "1"), "Line", List.of(salesLine("1", 1, "3")))),
        "2500");

    assertThat(qbo.send("PUT", "/__sandbox/company-settings", "{\"realmId\":\"" + Sandbox.DEMO_REALM_ID
        + "\",\"country\":\"GB\",\"homeCurrency\":\"GBP\",\"automatedSalesTax\":false}").status()).isEqualTo(204);
    JsonNode codes = query("SELECT * FROM TaxCode");
    assertThat(codes.get("TaxCode")).extracting(code -> code.get("Name").asText())
        .containsExactly("20.0% S", "5.0% R", "0.0% Z", "Exempt");
    assertThat(ok(qbo.get(COMPANY + "/taxcode/3", auth)).at("/TaxCode/SalesTaxRateList/TaxRateDetail/0/RateValue")
        .decimalValue()).isEqualByComparingTo("20");
    assertFaultReply(post("/taxcode", Map.of("Name", "Mine")), "500");
    assertThat(query("SELECT * FROM CompanyInfo").at("/CompanyInfo/0/Country").asText()).isEqualTo("GB");
    assertThat(ok(qbo.get(COMPANY + "/preferences", auth)).at("/Preferences/TaxPrefs/PartnerTaxEnabled").asBoolean()).isFalse();
    String customerId = ok(post("/customer", Map.of("DisplayName", "Leeds Ltd"))).at("/Customer/Id").asText();

    JsonNode vat = ok(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 100, "3"), salesLine("1", 40, "4"))))).get("SalesReceipt");
    assertThat(vat.at("/TxnTaxDetail/TotalTax").decimalValue()).as("20% of 100 and 5% of 40").isEqualByComparingTo("22");
    assertThat(vat.get("TotalAmt").decimalValue()).isEqualByComparingTo("162");
    assertThat(vat.at("/CurrencyRef/value").asText()).isEqualTo("GBP");
    assertFaultReply(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 100, null)))), "6000");
    assertFaultReply(post("/salesreceipt", Map.of("CustomerRef", Map.of("value", customerId),
        "Line", List.of(salesLine("1", 100, "TAX")))), "2500");
  }

  private static Map<String, Object> salesLine(String itemId, double amount, String taxCode) {
    Map<String, Object> detail = taxCode == null ? Map.of("ItemRef", Map.of("value", itemId))
        : Map.of("ItemRef", Map.of("value", itemId), "TaxCodeRef", Map.of("value", taxCode));
    return Map.of("DetailType", "SalesItemLineDetail", "Amount", amount, "SalesItemLineDetail", detail);
  }

  private JsonNode query(String text) {
    return ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(text), auth)).get("QueryResponse");
  }

  private ContractClient.Reply post(String path, Map<String, Object> body) {
    return qbo.postJson(COMPANY + path, body, auth);
  }

  private static void assertFaultReply(ContractClient.Reply reply, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertFault(reply.json(), code, "ValidationFault");
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
