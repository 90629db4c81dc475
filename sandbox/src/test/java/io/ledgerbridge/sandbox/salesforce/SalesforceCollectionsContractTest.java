package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static io.ledgerbridge.sandbox.salesforce.SalesforceSObjectContractTest.assertError;
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

/** sObject Collections upsert (reference §4): input order, per-record statusCode errors, allOrNone. */
class SalesforceCollectionsContractTest {
  private static final String UPSERT = API + "/composite/sobjects/Account/QBO_Id__c";
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0));
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void partialFailureKeepsTheGoodRecordsInInputOrder() {
    sf.patchJson(API + "/sobjects/Account/QBO_Id__c/R-existing", Map.of("Name", "Existing"), auth);

    ContractClient.Reply reply = sf.patchJson(UPSERT, Map.of("allOrNone", false, "records", List.of(
        account("R-new", "New Co"),
        account("R-existing", "Existing Renamed"),
        Map.of("attributes", Map.of("type", "Account"), "QBO_Id__c", "R-bad"),
        account("R-long", "n".repeat(300)))), auth);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode results = reply.json();
    assertThat(results).hasSize(4);
    assertThat(results.get(0).get("success").asBoolean()).isTrue();
    assertThat(results.get(0).get("created").asBoolean()).isTrue();
    assertThat(results.get(1).get("created").asBoolean()).isFalse();
    assertThat(results.get(2).get("success").asBoolean()).isFalse();
    assertThat(results.get(2).at("/errors/0/statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(results.get(2).at("/errors/0/fields/0").asText()).isEqualTo("Name");
    assertThat(results.get(3).at("/errors/0/statusCode").asText()).isEqualTo("STRING_TOO_LONG");
    assertThat(sf.get(API + "/sobjects/Account/QBO_Id__c/R-new", auth).status()).isEqualTo(200);
    assertThat(sf.get(API + "/sobjects/Account/QBO_Id__c/R-existing", auth).json().get("Name").asText())
        .isEqualTo("Existing Renamed");
  }

  @Test
  void allOrNoneRollsEverythingBackOnOneFailure() {
    ContractClient.Reply reply = sf.patchJson(UPSERT, Map.of("allOrNone", true, "records", List.of(
        account("AON-1", "Would Be Created"),
        Map.of("attributes", Map.of("type", "Account"), "QBO_Id__c", "AON-2", "Name", "Bad", "Nope__c", 1))), auth);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode results = reply.json();
    assertThat(results.get(0).get("success").asBoolean()).isFalse();
    assertThat(results.get(0).at("/errors/0/statusCode").asText()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(results.get(1).at("/errors/0/statusCode").asText()).isEqualTo("INVALID_FIELD");
    assertThat(sf.get(API + "/sobjects/Account/QBO_Id__c/AON-1", auth).status()).isEqualTo(404);
  }

  @Test
  void sameExternalIdTwiceInOneRequestFailsBoth() {
    JsonNode results = sf.patchJson(UPSERT, Map.of("records", List.of(account("TWICE", "One"), account("twice", "Two"))),
        auth).json();
    assertThat(results).allSatisfy(result -> assertThat(result.at("/errors/0/statusCode").asText())
        .isEqualTo("DUPLICATE_EXTERNAL_ID"));
  }

  @Test
  void recordWithoutTypeOrKeyFails() {
    JsonNode results = sf.patchJson(UPSERT, Map.of("records", List.of(Map.of("QBO_Id__c", "NT", "Name", "No Type"),
        Map.of("attributes", Map.of("type", "Account"), "Name", "No Key"))), auth).json();
    assertThat(results.get(0).at("/errors/0/statusCode").asText()).isEqualTo("INVALID_TYPE");
    assertThat(results.get(1).at("/errors/0/statusCode").asText()).isEqualTo("MISSING_ARGUMENT");
  }

  @Test
  void moreThan200RecordsIsRefusedWhole() {
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      records.add(account("MANY-" + i, "Many " + i));
    }
    assertError(sf.patchJson(UPSERT, Map.of("records", records), auth), 400, "EXCEEDED_ID_LIMIT");
  }

  @Test
  void collectionCountsAsOneApiCall() {
    ContractClient.Reply before = sf.get(API + "/limits", auth);
    ContractClient.Reply upsert = sf.patchJson(UPSERT, Map.of("records", List.of(account("ONE-CALL-1", "A"),
        account("ONE-CALL-2", "B"))), auth);
    long usedBefore = Long.parseLong(before.header("Sforce-Limit-Info").replaceAll("api-usage=(\\d+)/.*", "$1"));
    assertThat(upsert.header("Sforce-Limit-Info")).startsWith("api-usage=" + (usedBefore + 1) + "/");
  }

  private static Map<String, Object> account(String key, String name) {
    return Map.of("attributes", Map.of("type", "Account"), "QBO_Id__c", key, "Name", name);
  }
}
