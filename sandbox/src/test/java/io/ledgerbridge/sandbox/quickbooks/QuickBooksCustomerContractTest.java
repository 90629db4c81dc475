package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Customer create/read/update and their faults (reference §1.3, §3.1, §4). */
class QuickBooksCustomerContractTest {
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
  void createReturnsTheEntityEnvelopeWithServerFields() {
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer?minorversion=75", Map.of(
        "DisplayName", "Create Envelope Co", "PrimaryEmailAddr", Map.of("Address", "ap@envelope.example.com"),
        "BillAddr", Map.of("Line1", "1 Main St.", "City", "Bayshore")), auth);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("intuit_tid")).isNotBlank();
    JsonNode body = reply.json();
    assertThat(OffsetDateTime.parse(body.get("time").asText())).isNotNull();
    JsonNode customer = body.get("Customer");
    assertThat(customer.get("Id").asText()).matches("\\d+");
    assertThat(customer.get("SyncToken").asText()).isEqualTo("0");
    assertThat(customer.get("Active").asBoolean()).isTrue();
    assertThat(customer.get("FullyQualifiedName").asText()).isEqualTo("Create Envelope Co");
    assertThat(customer.get("Balance").asDouble()).isZero();
    assertThat(customer.at("/BillAddr/Id").asText()).isNotBlank();
    assertThat(customer.at("/MetaData/CreateTime").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}")
        .isEqualTo(customer.at("/MetaData/LastUpdatedTime").asText());

    ContractClient.Reply read = qbo.get(COMPANY + "/customer/" + customer.get("Id").asText(), auth);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("Customer")).isEqualTo(customer);
  }

  @Test
  void displayNameIsBuiltFromNamePartsWhenLeftOut() {
    JsonNode customer = create(Map.of("GivenName", "Ada", "FamilyName", "Lovelace-Parts"));
    assertThat(customer.get("DisplayName").asText()).isEqualTo("Ada Lovelace-Parts");
  }

  @Test
  void customerWithoutAnyNameIsRefusedWith2020() {
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer", Map.of("CompanyName", ""), auth);
    assertThat(reply.status()).isEqualTo(400);
    assertFault(reply.json(), "2020", "ValidationFault");
  }

  @Test
  void duplicateDisplayNameIs6240CaseInsensitive() {
    create(Map.of("DisplayName", "Duplicate Bakery"));
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", "duplicate bakery"), auth);

    assertThat(reply.status()).isEqualTo(400);
    JsonNode fault = reply.json();
    assertFault(fault, "6240", "ValidationFault");
    assertThat(fault.at("/Fault/Error/0/Message").asText()).isEqualTo("Duplicate Name Exists Error");
  }

  @Test
  void sparseUpdateChangesOnlySentFieldsAndBumpsSyncToken() {
    JsonNode created = create(Map.of("DisplayName", "Sparse Update Co", "CompanyName", "Sparse Update Co",
        "Notes", "keep me"));
    clock.advance(Duration.ofSeconds(5));

    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer?operation=update", Map.of("Id", created.get("Id").asText(),
        "SyncToken", "0", "sparse", true, "CompanyName", "Renamed Company"), auth);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode updated = reply.json().get("Customer");
    assertThat(updated.get("SyncToken").asText()).isEqualTo("1");
    assertThat(updated.get("CompanyName").asText()).isEqualTo("Renamed Company");
    assertThat(updated.get("Notes").asText()).isEqualTo("keep me");
    assertThat(updated.at("/MetaData/CreateTime")).isEqualTo(created.at("/MetaData/CreateTime"));
    assertThat(OffsetDateTime.parse(updated.at("/MetaData/LastUpdatedTime").asText()))
        .isAfter(OffsetDateTime.parse(created.at("/MetaData/LastUpdatedTime").asText()));
  }

  @Test
  void sparseUpdateClearsFieldsSentEmptyAndAnAddressLeftWithNone() {
    JsonNode created = create(Map.of("DisplayName", "Emptied Fields Co", "CompanyName", "Emptied Fields Co",
        "Notes", "keep me", "PrimaryPhone", Map.of("FreeFormNumber", "(303) 555-0100"),
        "BillAddr", Map.of("Line1", "1 Main St.", "City", "Denver")));

    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer", Map.of("Id", created.get("Id").asText(),
        "SyncToken", "0", "sparse", true, "CompanyName", "", "PrimaryPhone", Map.of("FreeFormNumber", ""),
        "BillAddr", Map.of("Line1", "", "City", "")), auth);

    JsonNode updated = reply.json().get("Customer");
    assertThat(updated.has("CompanyName")).as("%s", updated).isFalse();
    assertThat(updated.has("PrimaryPhone")).isFalse();
    assertThat(updated.has("BillAddr")).isFalse();
    assertThat(updated.get("Notes").asText()).as("not sent, so kept").isEqualTo("keep me");
    assertThat(updated.get("SyncToken").asText()).isEqualTo("1");
  }

  @Test
  void fullUpdateDropsOmittedWritableFields() {
    JsonNode created = create(Map.of("DisplayName", "Full Update Co", "Notes", "will vanish"));

    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer", Map.of("Id", created.get("Id").asText(),
        "SyncToken", "0", "DisplayName", "Full Update Co"), auth);

    JsonNode updated = reply.json().get("Customer");
    assertThat(updated.has("Notes")).isFalse();
    assertThat(updated.get("SyncToken").asText()).isEqualTo("1");
  }

  @Test
  void staleSyncTokenIs5010() {
    JsonNode created = create(Map.of("DisplayName", "Stale Token Co"));
    String id = created.get("Id").asText();
    qbo.postJson(COMPANY + "/customer", Map.of("Id", id, "SyncToken", "0", "sparse", true, "Notes", "first"), auth);

    ContractClient.Reply stale = qbo.postJson(COMPANY + "/customer",
        Map.of("Id", id, "SyncToken", "0", "sparse", true, "Notes", "second"), auth);

    assertThat(stale.status()).isEqualTo(400);
    assertFault(stale.json(), "5010", "ValidationFault");
    assertThat(stale.json().at("/Fault/Error/0/Message").asText()).isEqualTo("Stale Object Error");
  }

  @Test
  void updateThatChangesNothingKeepsSyncToken() {
    JsonNode created = create(Map.of("DisplayName", "No Change Co"));
    JsonNode same = qbo.postJson(COMPANY + "/customer", Map.of("Id", created.get("Id").asText(), "SyncToken", "0",
        "sparse", true, "DisplayName", "No Change Co"), auth).json().get("Customer");
    assertThat(same.get("SyncToken").asText()).isEqualTo("0");
  }

  @Test
  void deactivatingFreesTheNameAndHidesFromDefaultQueries() {
    JsonNode created = create(Map.of("DisplayName", "Inactive Later Co"));
    JsonNode inactive = qbo.postJson(COMPANY + "/customer", Map.of("Id", created.get("Id").asText(), "SyncToken", "0",
        "sparse", true, "Active", false), auth).json().get("Customer");
    assertThat(inactive.get("Active").asBoolean()).isFalse();

    String query = "select * from Customer where DisplayName = 'Inactive Later Co'";
    assertThat(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(query), auth).json().get("QueryResponse").size())
        .isZero();
    JsonNode withInactive = qbo.get(COMPANY + "/query?query=" + ContractClient.encode(query + " and Active = false"), auth)
        .json();
    assertThat(withInactive.at("/QueryResponse/Customer/0/Id").asText()).isEqualTo(created.get("Id").asText());
  }

  @Test
  void customerCannotBeDeleted() {
    JsonNode created = create(Map.of("DisplayName", "Not Deletable Co"));
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer?operation=delete",
        Map.of("Id", created.get("Id").asText(), "SyncToken", "0"), auth);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/Fault/Error/0/Message").asText()).isEqualTo("Unsupported Operation");
  }

  @Test
  void unknownIdIs610() {
    ContractClient.Reply reply = qbo.get(COMPANY + "/customer/987654", auth);
    assertThat(reply.status()).isEqualTo(400);
    assertFault(reply.json(), "610", "ValidationFault");
  }

  @Test
  void nameWithColonIsRefused() {
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", "Parent:Child"), auth);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/Fault/type").asText()).isEqualTo("ValidationFault");
  }

  @Test
  void seededCustomersLookReal() {
    JsonNode customer = qbo.get(COMPANY + "/customer/1", auth).json().get("Customer");
    assertThat(customer.get("DisplayName").asText()).isNotBlank();
    assertThat(customer.at("/PrimaryEmailAddr/Address").asText()).contains("@");
    assertThat(customer.at("/PrimaryPhone/FreeFormNumber").asText()).matches("\\(\\d{3}\\) 555-01\\d{2}");
    assertThat(customer.at("/BillAddr/City").asText()).isNotBlank();
    assertThat(OffsetDateTime.parse(customer.at("/MetaData/LastUpdatedTime").asText()).toInstant())
        .isBefore(clock.instant());
  }

  private static JsonNode create(Map<String, Object> body) {
    ContractClient.Reply reply = qbo.postJson(COMPANY + "/customer", body, auth);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("Customer");
  }

  static void assertFault(JsonNode body, String code, String type) {
    assertThat(body.at("/Fault/type").asText()).isEqualTo(type);
    ObjectNode error = (ObjectNode) body.at("/Fault/Error/0");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.has("Message")).isTrue();
    assertThat(error.has("Detail")).isTrue();
    assertThat(body.get("time").asText()).isNotBlank();
  }
}
