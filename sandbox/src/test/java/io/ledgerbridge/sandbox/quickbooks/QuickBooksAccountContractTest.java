package io.ledgerbridge.sandbox.quickbooks;

import static io.ledgerbridge.sandbox.quickbooks.QuickBooksCustomerContractTest.assertFault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart of accounts as Intuit keeps it: every company starts with a new company's default accounts, which
 * read, query, change data capture and creation serve like the other entities (unique names: 6240), and items
 * are refused without the accounts their type posts to.
 */
class QuickBooksAccountContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(5).withClock(clock)
        .withAccessTokenTtl(Duration.ofDays(7)).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo), "Accept", "application/json"};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aCompanyStartsWithTheDefaultChartOfAccounts() {
    JsonNode accounts = query("select * from Account where AccountType in ('Income', 'Cost of Goods Sold', "
        + "'Other Current Asset') orderby Id").path("Account");

    Map<String, String> typeByName = new HashMap<>();
    accounts.forEach(account -> typeByName.put(account.get("Name").asText(), account.get("AccountType").asText()));
    assertThat(typeByName).containsEntry("Services", "Income")
        .containsEntry("Sales of Product Income", "Income")
        .containsEntry("Cost of Goods Sold", "Cost of Goods Sold")
        .containsEntry("Inventory Asset", "Other Current Asset")
        .containsEntry("Undeposited Funds", "Other Current Asset")
        .doesNotContainKey("Checking");
    JsonNode sales = query("select * from Account where Name = 'Sales of Product Income'").path("Account").get(0);
    assertThat(sales.get("Id").asText()).isEqualTo("79");
    assertThat(sales.get("Classification").asText()).isEqualTo("Revenue");
    assertThat(sales.get("AccountSubType").asText()).isEqualTo("SalesOfProductIncome");
    assertThat(sales.get("FullyQualifiedName").asText()).isEqualTo("Sales of Product Income");
    assertThat(sales.get("Active").asBoolean()).isTrue();
    assertThat(sales.get("CurrentBalance").asDouble()).isZero();
    assertThat(sales.get("SyncToken").asText()).isEqualTo("0");
    assertThat(sales.at("/MetaData/CreateTime").asText()).isNotBlank();
    assertThat(qbo.get(COMPANY + "/account/79", auth).json().get("Account")).isEqualTo(sales);
  }

  @Test
  void demoItemsPostToAccountsOfTheChart() {
    JsonNode service = qbo.get(COMPANY + "/item/1", auth).json().get("Item");
    JsonNode account = qbo.get(COMPANY + "/account/" + service.at("/IncomeAccountRef/value").asText(), auth).json()
        .get("Account");
    assertThat(account.get("AccountType").asText()).isEqualTo("Income");
    assertThat(service.at("/IncomeAccountRef/name").asText()).isEqualTo(account.get("Name").asText());
  }

  @Test
  void anAccountIsCreatedWithItsClassificationAndANameNoOtherAccountHas() {
    JsonNode created = ok(qbo.postJson(COMPANY + "/account", Map.of("Name", "Hardware Sales", "AccountSubType",
        "SalesOfProductIncome"), auth)).get("Account");

    assertThat(created.get("AccountType").asText()).as("implied by the subtype").isEqualTo("Income");
    assertThat(created.get("Classification").asText()).isEqualTo("Revenue");
    assertThat(Long.parseLong(created.get("Id").asText())).as("numbered after the default accounts").isGreaterThan(84);
    assertThat(query("select * from Account where Name = 'hardware sales'").path("Account")).hasSize(1);

    ContractClient.Reply duplicate = qbo.postJson(COMPANY + "/account", Map.of("Name", "HARDWARE SALES",
        "AccountType", "Expense"), auth);
    assertThat(duplicate.status()).isEqualTo(400);
    assertFault(duplicate.json(), "6240", "ValidationFault");
    assertThat(duplicate.json().at("/Fault/Error/0/Detail").asText()).contains("Another account is already using this name");
    assertFault(qbo.postJson(COMPANY + "/account", Map.of("Name", "No Type"), auth).json(), "2020", "ValidationFault");
    assertFault(qbo.postJson(COMPANY + "/account", Map.of("Name", "Odd", "AccountType", "Savings Jar"), auth).json(),
        "6000", "ValidationFault");
    assertFault(qbo.postJson(COMPANY + "/account", Map.of("AccountType", "Bank"), auth).json(), "2020", "ValidationFault");
  }

  @Test
  void changeDataCaptureReportsNewAccountsAndReadsAreMetered() {
    clock.advance(Duration.ofHours(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    ok(qbo.postJson(COMPANY + "/account", Map.of("Name", "Freight Costs", "AccountType", "Cost of Goods Sold"), auth));
    sandbox.resetCallCounts();

    JsonNode changes = ok(qbo.get(COMPANY + "/cdc?entities=Account&changedSince=" + ContractClient.encode(since.toString()),
        auth)).at("/CDCResponse/0/QueryResponse/0/Account");
    query("select * from Account");

    assertThat(changes.findValuesAsText("Name")).containsExactly("Freight Costs");
    assertThat(sandbox.callCounts(SandboxApi.QUICKBOOKS)).containsEntry("class CorePlus", 2L);
  }

  @Test
  void aServiceOrNonInventoryItemNeedsAnIncomeAccount() {
    assertFault(item(Map.of("Name", "No Account Service", "Type", "Service")), "2020", "ValidationFault");
    assertFault(item(Map.of("Name", "No Account Product", "Type", "NonInventory")), "2020", "ValidationFault");
    assertFault(item(Map.of("Name", "Unknown Account", "Type", "Service", "IncomeAccountRef", Map.of("value", "9999"))),
        "2500", "ValidationFault");
    JsonNode bank = item(Map.of("Name", "Bank Account Service", "Type", "Service", "IncomeAccountRef", Map.of("value", "35")));
    assertFault(bank, "6000", "ValidationFault");
    assertThat(bank.at("/Fault/Error/0/Detail").asText()).contains("Invalid account type").contains("IncomeAccountRef");

    JsonNode created = item(Map.of("Name", "Window Cleaning", "Type", "Service", "IncomeAccountRef", Map.of("value", "1")))
        .get("Item");
    assertThat(created.at("/IncomeAccountRef/name").asText()).isEqualTo("Services");
  }

  @Test
  void anInventoryItemNeedsIncomeCostOfGoodsSoldAssetAccountsAndItsStartingStock() {
    Map<String, Object> inventory = new HashMap<>(Map.of("Name", "Stocked Widget", "Type", "Inventory",
        "IncomeAccountRef", Map.of("value", "79"), "ExpenseAccountRef", Map.of("value", "80"),
        "AssetAccountRef", Map.of("value", "81"), "TrackQtyOnHand", true, "QtyOnHand", 12, "InvStartDate", "2026-03-01"));
    for (String needed : new String[] {"ExpenseAccountRef", "AssetAccountRef", "TrackQtyOnHand", "QtyOnHand", "InvStartDate"}) {
      Map<String, Object> without = new HashMap<>(inventory);
      without.remove(needed);
      JsonNode refused = item(without);
      assertThat(refused.has("Fault")).as(needed + ": " + refused).isTrue();
      assertFault(refused, "2020", "ValidationFault");
      assertThat(refused.at("/Fault/Error/0/element").asText()).isEqualTo(needed);
    }
    Map<String, Object> incomeAsCost = new HashMap<>(inventory);
    incomeAsCost.put("ExpenseAccountRef", Map.of("value", "1"));
    assertFault(item(incomeAsCost), "6000", "ValidationFault");
    Map<String, Object> bankAsAsset = new HashMap<>(inventory);
    bankAsAsset.put("AssetAccountRef", Map.of("value", "35"));
    assertFault(item(bankAsAsset), "6000", "ValidationFault");

    JsonNode created = item(inventory).get("Item");
    assertThat(created.at("/AssetAccountRef/name").asText()).isEqualTo("Inventory Asset");
    assertThat(created.at("/ExpenseAccountRef/name").asText()).isEqualTo("Cost of Goods Sold");
    assertThat(created.get("QtyOnHand").asInt()).isEqualTo(12);
  }

  private static JsonNode item(Map<String, Object> body) {
    return qbo.postJson(COMPANY + "/item", body, auth).json();
  }

  private static JsonNode query(String text) {
    return ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(text), auth)).get("QueryResponse");
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
