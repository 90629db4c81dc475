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

/**
 * Vendors: a name-list entity named like a Customer, with ids of its own, sharing QBO's one list of names with
 * customers (error 6240: "Another customer, vendor or employee is already using this name").
 */
class QuickBooksVendorContractTest {
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
  void createFillsTheDefaultsAndNumbersTheAddress() {
    JsonNode vendor = create(Map.of("DisplayName", "Paper Supplies Ltd", "AcctNum", "A-17",
        "PrimaryPhone", Map.of("FreeFormNumber", "(555) 010-2000"), "WebAddr", Map.of("URI", "https://paper.example.com"),
        "BillAddr", Map.of("Line1", "2 Mill Rd.", "City", "Millbrook")));

    assertThat(vendor.get("SyncToken").asText()).isEqualTo("0");
    assertThat(vendor.get("Active").asBoolean()).isTrue();
    assertThat(vendor.get("Vendor1099").asBoolean()).isFalse();
    assertThat(vendor.get("Balance").asDouble()).isZero();
    assertThat(vendor.get("AcctNum").asText()).isEqualTo("A-17");
    assertThat(vendor.at("/BillAddr/Id").asText()).isNotBlank();
    assertThat(qbo.get(COMPANY + "/vendor/" + vendor.get("Id").asText(), auth).json().get("Vendor")).isEqualTo(vendor);
  }

  @Test
  void aVendorHasIdsOfItsOwnButNotACustomersName() {
    JsonNode customer = qbo.get(COMPANY + "/customer/1", auth).json().get("Customer");
    JsonNode demoVendor = qbo.get(COMPANY + "/vendor/1", auth).json().get("Vendor");
    assertThat(demoVendor.get("Id")).as("vendor ids count on their own").isEqualTo(customer.get("Id"));

    ContractClient.Reply vendorNamedLikeACustomer = qbo.postJson(COMPANY + "/vendor",
        Map.of("DisplayName", customer.get("DisplayName").asText().toUpperCase()), auth);
    assertThat(vendorNamedLikeACustomer.status()).isEqualTo(400);
    assertFault(vendorNamedLikeACustomer.json(), "6240", "ValidationFault");
    ContractClient.Reply customerNamedLikeAVendor = qbo.postJson(COMPANY + "/customer",
        Map.of("DisplayName", demoVendor.get("DisplayName").asText()), auth);
    assertThat(customerNamedLikeAVendor.status()).isEqualTo(400);
    assertFault(customerNamedLikeAVendor.json(), "6240", "ValidationFault");
    JsonNode renamed = qbo.postJson(COMPANY + "/vendor", Map.of("Id", demoVendor.get("Id").asText(), "SyncToken",
        demoVendor.get("SyncToken").asText(), "sparse", true, "DisplayName", customer.get("DisplayName").asText()), auth)
        .json();
    assertFault(renamed, "6240", "ValidationFault");
  }

  @Test
  void aDeactivatedCustomersNameIsFreeForAVendor() {
    JsonNode customer = qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", "Former Customer Now Supplier"), auth)
        .json().get("Customer");
    qbo.postJson(COMPANY + "/customer", Map.of("Id", customer.get("Id").asText(), "SyncToken", "0", "sparse", true,
        "Active", false), auth);

    assertThat(create(Map.of("DisplayName", "Former Customer Now Supplier")).get("Active").asBoolean()).isTrue();
  }

  @Test
  void batchItemsCreateAndUpdateVendorsEachOnItsOwn() {
    JsonNode existing = create(Map.of("DisplayName", "Batch Vendor Existing"));
    String customerName = qbo.get(COMPANY + "/customer/2", auth).json().at("/Customer/DisplayName").asText();
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/batch", Map.of("BatchItemRequest", List.of(
        Map.of("bId", "new", "operation", "create", "Vendor", Map.of("DisplayName", "Batch Vendor New")),
        Map.of("bId", "clash", "operation", "create", "Vendor", Map.of("DisplayName", customerName)),
        Map.of("bId", "change", "operation", "update", "Vendor", Map.of("Id", existing.get("Id").asText(),
            "SyncToken", "0", "sparse", true, "CompanyName", "Batch Vendor Existing Ltd")))), auth);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode items = reply.json().get("BatchItemResponse");
    assertThat(items.get(0).at("/Vendor/DisplayName").asText()).isEqualTo("Batch Vendor New");
    assertThat(items.get(1).at("/Fault/Error/0/code").asText()).isEqualTo("6240");
    assertThat(items.get(2).at("/Vendor/CompanyName").asText()).isEqualTo("Batch Vendor Existing Ltd");
    assertThat(items.get(2).at("/Vendor/SyncToken").asText()).isEqualTo("1");
  }

  @Test
  void displayNameIsBuiltFromNamePartsAndMustBeUniqueAmongVendors() {
    assertThat(create(Map.of("GivenName", "Grace", "FamilyName", "Hopper-Vendor")).get("DisplayName").asText())
        .isEqualTo("Grace Hopper-Vendor");

    ContractClient.Reply duplicate = qbo.postJson(COMPANY + "/vendor", Map.of("DisplayName", "grace hopper-vendor"), auth);
    assertThat(duplicate.status()).isEqualTo(400);
    assertFault(duplicate.json(), "6240", "ValidationFault");
    ContractClient.Reply nameless = qbo.postJson(COMPANY + "/vendor", Map.of("CompanyName", "Only A Company"), auth);
    assertFault(nameless.json(), "2020", "ValidationFault");
    assertThat(qbo.postJson(COMPANY + "/vendor", Map.of("DisplayName", "Tab\tVendor"), auth).status()).isEqualTo(400);
  }

  @Test
  void balanceIsReadOnly() {
    JsonNode created = create(Map.of("DisplayName", "Balance Probe Vendor"));
    JsonNode updated = qbo.postJson(COMPANY + "/vendor", Map.of("Id", created.get("Id").asText(), "SyncToken", "0",
        "sparse", true, "Balance", 99, "AcctNum", "B-1"), auth).json().get("Vendor");
    assertThat(updated.get("Balance").asDouble()).isZero();
    assertThat(updated.get("AcctNum").asText()).isEqualTo("B-1");
  }

  @Test
  void inactiveVendorsAreQueriedOnlyWhenActiveIsNamed() {
    JsonNode created = create(Map.of("DisplayName", "Retired Vendor"));
    qbo.postJson(COMPANY + "/vendor", Map.of("Id", created.get("Id").asText(), "SyncToken", "0", "sparse", true,
        "Active", false), auth);

    String query = "select * from Vendor where DisplayName = 'Retired Vendor'";
    assertThat(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(query), auth).json().get("QueryResponse").size())
        .isZero();
    assertThat(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(query + " and Active IN (true, false)"), auth)
        .json().at("/QueryResponse/Vendor/0/Id").asText()).isEqualTo(created.get("Id").asText());
  }

  @Test
  void changeDataCaptureListsVendors() {
    clock.advance(Duration.ofSeconds(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    create(Map.of("DisplayName", "CDC Vendor"));

    JsonNode groups = qbo.get(COMPANY + "/cdc?entities=Vendor&changedSince=" + ContractClient.encode(since.toString()), auth)
        .json().at("/CDCResponse/0/QueryResponse");
    assertThat(groups.get(0).get("Vendor").findValuesAsText("DisplayName")).containsExactly("CDC Vendor");
  }

  private static JsonNode create(Map<String, Object> body) {
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/vendor", body, auth);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("Vendor");
  }
}
