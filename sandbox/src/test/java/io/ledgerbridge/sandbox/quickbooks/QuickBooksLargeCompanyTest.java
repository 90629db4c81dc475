package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A large seeded company, whose rows are generated on demand, behaves like a stored one. */
class QuickBooksLargeCompanyTest {
  private static final int CUSTOMERS = 10_000;
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(CUSTOMERS).withClock(clock)
        .withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo)};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void incrementalPagingVisitsEveryCustomerOnceInOrder() {
    String base = "select * from Customer where MetaData.LastUpdatedTime >= '2020-01-01T00:00:00Z'"
        + " orderby MetaData.LastUpdatedTime";
    int total = query("select count(*) from Customer where MetaData.LastUpdatedTime >= '2020-01-01T00:00:00Z'")
        .get("totalCount").asInt();
    Set<String> ids = new HashSet<>();
    Instant previous = Instant.MIN;
    for (int start = 1; ; start += 1000) {
      JsonNode page = query(base + " startposition " + start + " maxresults 1000").path("Customer");
      if (page.isMissingNode()) {
        break;
      }
      for (JsonNode customer : page) {
        Instant updated = OffsetDateTime.parse(customer.at("/MetaData/LastUpdatedTime").asText()).toInstant();
        assertThat(updated).isAfterOrEqualTo(previous);
        previous = updated;
        ids.add(customer.get("Id").asText());
      }
    }
    assertThat(total).isGreaterThanOrEqualTo(CUSTOMERS - 10);
    assertThat(ids).hasSize(total);
  }

  @Test
  void seededNamesAreTakenUntilRenamed() {
    JsonNode seeded = ok(qbo.get(COMPANY + "/customer/7000", auth)).get("Customer");
    String name = seeded.get("DisplayName").asText();
    ContractClient.Reply duplicate = qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", name.toUpperCase()), auth);
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.json().at("/Fault/Error/0/code").asText()).isEqualTo("6240");
    assertThat(query("select * from Customer where DisplayName = '" + name.replace("'", "\\'") + "'").at("/Customer/0/Id")
        .asText()).isEqualTo("7000");

    clock.advance(Duration.ofMinutes(1));
    JsonNode renamed = ok(qbo.postJson(COMPANY + "/customer", Map.of("Id", "7000", "SyncToken",
        seeded.get("SyncToken").asText(), "sparse", true, "DisplayName", name + " Holdings"), auth)).get("Customer");
    assertThat(renamed.get("SyncToken").asInt()).isEqualTo(seeded.get("SyncToken").asInt() + 1);
    assertThat(qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", name), auth).status()).isEqualTo(200);

    JsonNode changes = ok(qbo.get(COMPANY + "/cdc?entities=Customer&changedSince="
        + ContractClient.encode(clock.instant().minusSeconds(30).toString()), auth));
    assertThat(changes.at("/CDCResponse/0/QueryResponse/0/Customer").findValuesAsText("Id")).contains("7000");
  }

  @Test
  void seededInvoicesAreFoundByKeyAndCanBeDeleted() {
    assertThat(query("select * from Invoice where DocNumber = '1001'").at("/Invoice/0/Id").asText()).isEqualTo("1");
    assertThat(query("select * from Invoice where Id in ('2', '3', '4')").get("Invoice")).hasSize(3);
    JsonNode unpaid = null;
    for (JsonNode invoice : query("select * from Invoice orderby Id maxresults 100").get("Invoice")) {
      if (invoice.get("LinkedTxn").isEmpty()) {
        unpaid = invoice;
        break;
      }
    }
    assertThat(unpaid).isNotNull();
    String customerPath = COMPANY + "/customer/" + unpaid.at("/CustomerRef/value").asText();
    double balanceBefore = ok(qbo.get(customerPath, auth)).at("/Customer/Balance").asDouble();

    ok(qbo.postJson(COMPANY + "/invoice?operation=delete", Map.of("Id", unpaid.get("Id").asText(),
        "SyncToken", unpaid.get("SyncToken").asText()), auth));

    assertThat(qbo.get(COMPANY + "/invoice/" + unpaid.get("Id").asText(), auth).status()).isEqualTo(400);
    assertThat(ok(qbo.get(customerPath, auth)).at("/Customer/Balance").asDouble())
        .isCloseTo(balanceBefore - unpaid.get("Balance").asDouble(), org.assertj.core.data.Offset.offset(0.001));
  }

  private static JsonNode query(String text) {
    return ok(qbo.get(COMPANY + "/query?query=" + ContractClient.encode(text), auth)).get("QueryResponse");
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
