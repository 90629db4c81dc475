package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sObject CRUD, External-ID read and upsert, field validation (reference §3, §5). */
class SalesforceSObjectContractTest {
  private static final String ACCOUNTS = API + "/sobjects/Account";
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0).withClock(clock).withoutQboRateLimits());
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void createReadUpdateDelete() {
    ContractClient.Reply created = sf.postJson(ACCOUNTS, Map.of("Name", "Burlington Textiles", "BillingCity", "Burlington"),
        auth);
    assertThat(created.status()).isEqualTo(201);
    JsonNode result = created.json();
    assertThat(result.get("id").asText()).matches("001\\w{15}");
    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("errors").isArray()).isTrue();
    String id = result.get("id").asText();

    JsonNode record = sf.get(ACCOUNTS + "/" + id, auth).json();
    assertThat(record.at("/attributes/type").asText()).isEqualTo("Account");
    assertThat(record.at("/attributes/url").asText()).isEqualTo(ACCOUNTS + "/" + id);
    assertThat(record.get("Name").asText()).isEqualTo("Burlington Textiles");
    assertThat(record.get("IsDeleted").asBoolean()).isFalse();
    assertThat(record.get("Phone").isNull()).isTrue();
    assertThat(record.get("SystemModstamp").asText()).isEqualTo("2026-03-02T18:00:00.000+0000");
    assertThat(record.get("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

    clock.advance(Duration.ofSeconds(2));
    ContractClient.Reply patched = sf.patchJson(ACCOUNTS + "/" + id, Map.of("Phone", "(336) 222-7000"), auth);
    assertThat(patched.status()).isEqualTo(204);
    assertThat(patched.body()).isEmpty();
    JsonNode afterPatch = sf.get(ACCOUNTS + "/" + id + "?fields=Phone,SystemModstamp", auth).json();
    assertThat(afterPatch.get("Phone").asText()).isEqualTo("(336) 222-7000");
    assertThat(afterPatch.get("SystemModstamp").asText()).isEqualTo("2026-03-02T18:00:02.000+0000");
    assertThat(afterPatch.has("Name")).isFalse();

    assertThat(sf.delete(ACCOUNTS + "/" + id, auth).status()).isEqualTo(204);
    ContractClient.Reply gone = sf.get(ACCOUNTS + "/" + id, auth);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().at("/0/errorCode").asText()).isEqualTo("ENTITY_IS_DELETED");
  }

  @Test
  void fifteenCharacterIdsAreAccepted() {
    String id = sf.postJson(ACCOUNTS, Map.of("Name", "Short Id Ltd"), auth).json().get("id").asText();
    assertThat(sf.get(ACCOUNTS + "/" + id.substring(0, 15), auth).json().get("Id").asText()).isEqualTo(id);
  }

  @Test
  void missingRequiredFieldIsRequiredFieldMissing() {
    ContractClient.Reply reply = sf.postJson(ACCOUNTS, Map.of("Phone", "1"), auth);
    assertError(reply, 400, "REQUIRED_FIELD_MISSING");
    assertThat(reply.json().at("/0/message").asText()).isEqualTo("Required fields are missing: [Name]");
    assertThat(reply.json().at("/0/fields/0").asText()).isEqualTo("Name");
  }

  @Test
  void tooLongValueIsStringTooLong() {
    assertError(sf.postJson(ACCOUNTS, Map.of("Name", "x".repeat(256)), auth), 400, "STRING_TOO_LONG");
    assertError(sf.postJson(ACCOUNTS, Map.of("Name", "Ok", "BillingCity", "c".repeat(41)), auth), 400, "STRING_TOO_LONG");
  }

  @Test
  void unknownFieldAndIdInBodyAreInvalidField() {
    ContractClient.Reply unknown = sf.postJson(ACCOUNTS, Map.of("Name", "X", "Colour__c", "red"), auth);
    assertError(unknown, 400, "INVALID_FIELD");
    assertThat(unknown.json().at("/0/message").asText()).isEqualTo("No such column 'Colour__c' on sobject of type Account");
    assertError(sf.postJson(ACCOUNTS, Map.of("Name", "X", "Id", "001Hs0000000001AAA"), auth), 400, "INVALID_FIELD");
  }

  @Test
  void systemFieldsCannotBeWritten() {
    assertError(sf.postJson(ACCOUNTS, Map.of("Name", "X", "CreatedDate", "2020-01-01T00:00:00Z"), auth), 400,
        "INVALID_FIELD_FOR_INSERT_UPDATE");
  }

  @Test
  void duplicateExternalIdIsDuplicateValueIgnoringCase() {
    sf.postJson(ACCOUNTS, Map.of("Name", "Dup One", "QBO_Id__c", "9130357766001001-DUP"), auth);
    ContractClient.Reply reply = sf.postJson(ACCOUNTS, Map.of("Name", "Dup Two", "QBO_Id__c", "9130357766001001-dup"), auth);
    assertError(reply, 400, "DUPLICATE_VALUE");
    assertThat(reply.json().at("/0/message").asText()).startsWith("duplicate value found: QBO_Id__c duplicates value on record with id: 001");
  }

  @Test
  void upsertCreatesThenUpdates() {
    String path = ACCOUNTS + "/QBO_Id__c/9130357766001001-77";
    ContractClient.Reply created = sf.patchJson(path, Map.of("Name", "Upsert Co"), auth);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("created").asBoolean()).isTrue();
    String id = created.json().get("id").asText();

    ContractClient.Reply updated = sf.patchJson(path, Map.of("Name", "Upsert Co Renamed"), auth);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("created").asBoolean()).isFalse();
    assertThat(updated.json().get("id").asText()).isEqualTo(id);
    assertThat(updated.json().get("success").asBoolean()).isTrue();

    JsonNode byExternalId = sf.get(path, auth).json();
    assertThat(byExternalId.get("Id").asText()).isEqualTo(id);
    assertThat(byExternalId.get("Name").asText()).isEqualTo("Upsert Co Renamed");
    assertThat(byExternalId.get("QBO_Id__c").asText()).isEqualTo("9130357766001001-77");
  }

  @Test
  void upsertBeforeApi46AnswersNoContentOnUpdate() {
    String path = "/services/data/v45.0/sobjects/Account/QBO_Id__c/9130357766001001-45";
    ContractClient.Reply created = sf.patchJson(path, Map.of("Name", "Old Api Co"), auth);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().has("created")).isFalse();
    assertThat(sf.patchJson(path, Map.of("Name", "Old Api Co 2"), auth).status()).isEqualTo(204);
  }

  @Test
  void upsertOnSeveralMatchesIsMultipleChoices() {
    String first = sf.postJson(ACCOUNTS, Map.of("Name", "Legacy A", "Legacy_Id__c", "L-1"), auth).json().get("id").asText();
    String second = sf.postJson(ACCOUNTS, Map.of("Name", "Legacy B", "Legacy_Id__c", "L-1"), auth).json().get("id").asText();

    ContractClient.Reply reply = sf.patchJson(ACCOUNTS + "/Legacy_Id__c/L-1", Map.of("Name", "Which one?"), auth);

    assertThat(reply.status()).isEqualTo(300);
    assertThat(reply.json()).extracting(JsonNode::asText).containsExactlyInAnyOrder(ACCOUNTS + "/" + first, ACCOUNTS + "/" + second);
  }

  @Test
  void upsertOnUnknownOrNonExternalFieldIsNotFound() {
    assertError(sf.patchJson(ACCOUNTS + "/Nope__c/1", Map.of("Name", "X"), auth), 404, "NOT_FOUND");
    assertError(sf.patchJson(ACCOUNTS + "/Phone/1", Map.of("Name", "X"), auth), 404, "NOT_FOUND");
  }

  @Test
  void upsertBodyMustNotHoldIdOrTheExternalIdField() {
    String path = ACCOUNTS + "/QBO_Id__c/9130357766001001-88";
    assertError(sf.patchJson(path, Map.of("Name", "X", "QBO_Id__c", "9130357766001001-88"), auth), 400, "INVALID_FIELD");
    assertError(sf.patchJson(path, Map.of("Name", "X", "Id", "001Hs0000000001AAA"), auth), 400, "INVALID_FIELD");
  }

  @Test
  void updateOnlyUpsertRefusesToCreate() {
    assertError(sf.patchJson(ACCOUNTS + "/QBO_Id__c/none-such?updateOnly=true", Map.of("Name", "X"), auth), 404,
        "NOT_FOUND");
  }

  @Test
  void postWithMethodOverrideActsAsPatch() {
    String id = sf.postJson(ACCOUNTS, Map.of("Name", "Override Co"), auth).json().get("id").asText();
    assertThat(sf.postJson(ACCOUNTS + "/" + id + "?_HttpMethod=PATCH", Map.of("Website", "https://override.example.com"),
        auth).status()).isEqualTo(204);
    assertThat(sf.get(ACCOUNTS + "/" + id, auth).json().get("Website").asText()).isEqualTo("https://override.example.com");
  }

  @Test
  void everyRestResponseCarriesApiUsage() {
    ContractClient.Reply first = sf.get(ACCOUNTS + "/describe", auth);
    ContractClient.Reply second = sf.get(ACCOUNTS + "/describe", auth);
    assertThat(first.header("Sforce-Limit-Info")).matches("api-usage=\\d+/100000");
    int used = Integer.parseInt(first.header("Sforce-Limit-Info").replaceAll("api-usage=(\\d+)/.*", "$1"));
    assertThat(second.header("Sforce-Limit-Info")).isEqualTo("api-usage=" + (used + 1) + "/100000");
    assertThat(sf.get(ACCOUNTS + "/001Hs00000000zzAAA", auth).header("Sforce-Limit-Info")).isNotNull();
  }

  @Test
  void describeReportsTheEnforcedSchema() {
    JsonNode describe = sf.get(ACCOUNTS + "/describe", auth).json();
    assertThat(describe.get("name").asText()).isEqualTo("Account");
    assertThat(describe.get("keyPrefix").asText()).isEqualTo("001");
    JsonNode qboId = field(describe, "QBO_Id__c");
    assertThat(qboId.get("type").asText()).isEqualTo("string");
    assertThat(qboId.get("length").asInt()).isEqualTo(80);
    assertThat(qboId.get("externalId").asBoolean()).isTrue();
    assertThat(qboId.get("unique").asBoolean()).isTrue();
    assertThat(qboId.get("caseSensitive").asBoolean()).isFalse();
    assertThat(qboId.get("custom").asBoolean()).isTrue();
    JsonNode name = field(describe, "Name");
    assertThat(name.get("nillable").asBoolean()).isFalse();
    assertThat(name.get("length").asInt()).isEqualTo(255);
    assertThat(field(describe, "SystemModstamp").get("createable").asBoolean()).isFalse();
    assertThat(field(describe, "Description").get("length").asInt()).isEqualTo(32000);
  }

  @Test
  void unknownObjectAndVersionAreNotFound() {
    assertError(sf.get(API + "/sobjects/Nothing__c/describe", auth), 404, "NOT_FOUND");
    assertError(sf.get("/services/data/v12.0/sobjects/Account/describe", auth), 404, "NOT_FOUND");
  }

  static JsonNode field(JsonNode describe, String name) {
    for (JsonNode field : describe.get("fields")) {
      if (field.get("name").asText().equals(name)) {
        return field;
      }
    }
    throw new AssertionError("no field " + name);
  }

  static void assertError(ContractClient.Reply reply, int status, String errorCode) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    JsonNode body = reply.json();
    assertThat(body.isArray()).as(reply.body()).isTrue();
    assertThat(body.get(0).get("errorCode").asText()).isEqualTo(errorCode);
    assertThat(body.get(0).get("message").asText()).isNotBlank();
  }
}
