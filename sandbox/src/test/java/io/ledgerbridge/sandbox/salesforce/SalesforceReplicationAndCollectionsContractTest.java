package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static io.ledgerbridge.sandbox.salesforce.SalesforceSObjectContractTest.assertError;
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

/** sObject Collections create/update/retrieve/delete (reference §4) and the replication resources (§2). */
class SalesforceReplicationAndCollectionsContractTest {
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:30Z"));
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0).withClock(clock)
        .withSalesforceSessionTtl(Duration.ofDays(60)));
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void collectionsCreateUpdateRetrieveAndDelete() {
    JsonNode created = ok(sf.postJson(API + "/composite/sobjects", Map.of("allOrNone", false, "records", List.of(
        Map.of("attributes", Map.of("type", "Account"), "Name", "Collection A"),
        Map.of("attributes", Map.of("type", "Product2"), "Name", "Collection Product"),
        Map.of("attributes", Map.of("type", "Account"), "Name", "Bad", "Id", "001Hs0000000001"))), auth));
    assertThat(created.get(0).get("id").asText()).startsWith("001");
    assertThat(created.get(0).has("created")).isFalse();
    assertThat(created.get(1).get("id").asText()).startsWith("01t");
    assertThat(created.get(2).at("/errors/0/statusCode").asText()).isEqualTo("INVALID_FIELD");
    String accountId = created.get(0).get("id").asText();

    JsonNode updated = ok(sf.patchJson(API + "/composite/sobjects", Map.of("records", List.of(
        Map.of("attributes", Map.of("type", "Account"), "id", accountId, "Phone", "555-0100"))), auth));
    assertThat(updated.get(0).get("success").asBoolean()).isTrue();

    JsonNode retrieved = ok(sf.get(API + "/composite/sobjects/Account?ids=" + accountId + ",001Hs0000000999&fields=Name,Phone",
        auth));
    assertThat(retrieved.get(0).get("Phone").asText()).isEqualTo("555-0100");
    assertThat(retrieved.get(1).isNull()).isTrue();

    JsonNode deleted = ok(sf.delete(API + "/composite/sobjects?ids=" + accountId + ",nonsense", auth));
    assertThat(deleted.get(0).get("success").asBoolean()).isTrue();
    assertThat(deleted.get(1).at("/errors/0/statusCode").asText()).isEqualTo("MALFORMED_ID");
  }

  @Test
  void replicationListsUpdatedAndDeletedIds() {
    Instant start = clock.instant().minus(Duration.ofHours(1));
    String kept = created("Replicated Kept");
    String gone = created("Replicated Gone");
    clock.advance(Duration.ofMinutes(1));
    assertThat(sf.delete(API + "/sobjects/Account/" + gone, auth).status()).isEqualTo(204);
    clock.advance(Duration.ofMinutes(2));
    String end = clock.instant().toString();

    JsonNode updated = ok(sf.get(API + "/sobjects/Account/updated/?start=" + ContractClient.encode(start.toString())
        + "&end=" + ContractClient.encode(end), auth));
    assertThat(updated.get("ids")).extracting(JsonNode::asText).contains(kept).doesNotContain(gone);
    assertThat(updated.get("latestDateCovered").asText()).endsWith(":00.000+0000");

    JsonNode deleted = ok(sf.get(API + "/sobjects/Account/deleted/?start=" + ContractClient.encode(start.toString())
        + "&end=" + ContractClient.encode(end), auth));
    assertThat(deleted.get("deletedRecords").findValuesAsText("id")).contains(gone).doesNotContain(kept);
    assertThat(deleted.get("deletedRecords").findValuesAsText("deletedDate")).allMatch(date -> date.endsWith(".000+0000"));
    assertThat(deleted.has("earliestDateAvailable")).isTrue();

    assertError(sf.get(API + "/sobjects/Account/deleted/?start=" + ContractClient.encode(
        clock.instant().minus(Duration.ofDays(16)).toString()) + "&end=" + ContractClient.encode(end), auth), 400,
        "INVALID_REPLICATION_DATE");
  }

  private static String created(String name) {
    return ok(sf.postJson(API + "/sobjects/Account", Map.of("Name", name), auth)).get("id").asText();
  }

  private static JsonNode ok(ContractClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isIn(200, 201);
    return reply.json();
  }
}
