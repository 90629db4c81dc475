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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SOQL over REST: paging with nextRecordsUrl and batchSize, COUNT(), filters, errors (reference §2). */
class SalesforceQueryContractTest {
  private static final int ACCOUNTS = 450;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0).withClock(clock).withoutQboRateLimits());
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
    for (int batch = 0; batch * 200 < ACCOUNTS; batch++) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (int i = batch * 200; i < Math.min(ACCOUNTS, (batch + 1) * 200); i++) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", "Account"));
        record.put("QBO_Id__c", "9130357766001001-" + i);
        record.put("Name", String.format("Query Account %03d", i));
        record.put("BillingState", i % 2 == 0 ? "CA" : "OR");
        records.add(record);
      }
      ContractClient.Reply reply = sf.patchJson(API + "/composite/sobjects/Account/QBO_Id__c",
          Map.of("allOrNone", true, "records", records), auth);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void pagesFollowNextRecordsUrlWithRequestedBatchSize() {
    ContractClient.Reply first = sf.get(API + "/query?q=" + ContractClient.encode(
        "SELECT Id, Name, SystemModstamp FROM Account WHERE SystemModstamp > 2026-01-01T00:00:00Z ORDER BY SystemModstamp, Id"),
        SalesforceConnection.bearer(authToken(), "Sforce-Query-Options", "batchSize=200"));
    assertThat(first.status()).isEqualTo(200);
    JsonNode page = first.json();
    assertThat(page.get("totalSize").asInt()).isEqualTo(ACCOUNTS);
    Set<String> ids = new HashSet<>();
    int pages = 0;
    while (true) {
      pages++;
      page.get("records").forEach(record -> {
        assertThat(record.at("/attributes/type").asText()).isEqualTo("Account");
        assertThat(record.at("/attributes/url").asText()).isEqualTo(API + "/sobjects/Account/" + record.get("Id").asText());
        ids.add(record.get("Id").asText());
      });
      if (page.get("done").asBoolean()) {
        assertThat(page.has("nextRecordsUrl")).isFalse();
        break;
      }
      assertThat(page.get("records")).hasSize(200);
      String next = page.get("nextRecordsUrl").asText();
      assertThat(next).matches("/services/data/v62\\.0/query/01g\\w+-\\d+");
      page = sf.get(next, auth).json();
    }
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(ACCOUNTS);
  }

  @Test
  void defaultBatchIs2000SoOnePageHoldsAll() {
    JsonNode page = query("SELECT Id FROM Account");
    assertThat(page.get("done").asBoolean()).isTrue();
    assertThat(page.get("records")).hasSize(ACCOUNTS);
  }

  @Test
  void batchSizeBelowMinimumIsRaisedTo200() {
    JsonNode page = sf.get(API + "/query?q=" + ContractClient.encode("SELECT Id FROM Account"),
        SalesforceConnection.bearer(authToken(), "Sforce-Query-Options", "batchSize=5")).json();
    assertThat(page.get("records")).hasSize(200);
  }

  @Test
  void countReturnsTotalSizeAndNoRecords() {
    JsonNode body = query("SELECT COUNT() FROM Account WHERE BillingState = 'CA'");
    assertThat(body.get("totalSize").asInt()).isEqualTo(ACCOUNTS / 2);
    assertThat(body.get("done").asBoolean()).isTrue();
    assertThat(body.get("records")).isEmpty();
  }

  @Test
  void filtersOrderAndLimit() {
    JsonNode body = query("SELECT Name, QBO_Id__c FROM Account WHERE (Name LIKE 'query account 00%' OR Name = 'Query Account 449')"
        + " AND BillingState != null ORDER BY Name DESC LIMIT 3");
    assertThat(body.get("records").findValuesAsText("Name"))
        .containsExactly("Query Account 449", "Query Account 009", "Query Account 008");
    JsonNode in = query("SELECT Id FROM Account WHERE QBO_Id__c IN ('9130357766001001-1', '9130357766001001-2') AND"
        + " BillingState NOT IN ('CA')");
    assertThat(in.get("totalSize").asInt()).isEqualTo(1);
  }

  @Test
  void notEqualToAValueMatchesTheRecordsWithoutOne() {
    assertThat(query("SELECT COUNT() FROM Account WHERE Type != 'Vendor'").get("totalSize").asInt())
        .as("none of the accounts has a Type").isEqualTo(ACCOUNTS);
    assertThat(query("SELECT COUNT() FROM Account WHERE Type = 'Vendor'").get("totalSize").asInt()).isZero();
  }

  @Test
  void mixingAndWithOrNeedsParentheses() {
    assertError(get("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'"), 400, "MALFORMED_QUERY");
  }

  @Test
  void malformedQueryIsMalformedQuery() {
    ContractClient.Reply reply = get("SELECT Id FORM Account");
    assertError(reply, 400, "MALFORMED_QUERY");
    assertThat(reply.json().at("/0/message").asText()).contains("ERROR at Row:1:Column:11").contains("unexpected token: FORM");
  }

  @Test
  void unknownColumnIsInvalidFieldAndUnknownObjectIsInvalidType() {
    ContractClient.Reply column = get("SELECT Id, Colour__c FROM Account");
    assertError(column, 400, "INVALID_FIELD");
    assertThat(column.json().at("/0/message").asText()).contains("No such column 'Colour__c' on entity 'Account'");
    assertError(get("SELECT Id FROM Invoice_Thing__c"), 400, "INVALID_TYPE");
  }

  @Test
  void quotedDatetimeIsAnInvalidFilter() {
    assertError(get("SELECT Id FROM Account WHERE SystemModstamp > '2026-01-01T00:00:00Z'"), 400, "INVALID_FIELD");
  }

  @Test
  void queryAllSeesDeletedRecords() {
    String id = sf.postJson(API + "/sobjects/Account", Map.of("Name", "Deleted Later"), auth).json().get("id").asText();
    sf.delete(API + "/sobjects/Account/" + id, auth);
    String soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Deleted Later'";
    assertThat(query(soql).get("totalSize").asInt()).isZero();
    JsonNode all = sf.get(API + "/queryAll?q=" + ContractClient.encode(soql), auth).json();
    assertThat(all.get("totalSize").asInt()).isEqualTo(1);
    assertThat(all.at("/records/0/IsDeleted").asBoolean()).isTrue();
  }

  @Test
  void unknownLocatorIsInvalidQueryLocator() {
    assertError(sf.get(API + "/query/01gXXXXXXXXXXXXXXX-200", auth), 400, "INVALID_QUERY_LOCATOR");
  }

  private static String authToken() {
    return auth[1].substring("Bearer ".length());
  }

  private static ContractClient.Reply get(String soql) {
    return sf.get(API + "/query?q=" + ContractClient.encode(soql), auth);
  }

  private static JsonNode query(String soql) {
    ContractClient.Reply reply = get(soql);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
