package io.ledgerbridge.activities.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.testing.MutableClock;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Salesforce client against the LedgerBridge sandbox. */
class SalesforceClientSandboxTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ObjectNode account(String extId, String name) {
    return JSON.createObjectNode().put("QBO_Id__c", extId).put("Name", name);
  }

  @Test
  void collectionUpsertCreatesThenUpdatesAndQueryFollowsNextRecordsUrl() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      SalesforceClient client = fx.salesforce();
      List<ObjectNode> records = new ArrayList<>();
      for (int i = 1; i <= 250; i++) {
        records.add(account("42-" + i, "Account " + i));
      }

      List<SaveResult> first = client.upsertAll("Account", "QBO_Id__c", records);
      List<SaveResult> second = client.upsertAll("Account", "QBO_Id__c", records.subList(0, 3));

      assertThat(first).hasSize(250).allMatch(r -> r.success() && r.created() && r.id().startsWith("001"));
      assertThat(second).allMatch(r -> r.success() && !r.created());
      assertThat(second.get(0).id()).isEqualTo(first.get(0).id());
      assertThat(fx.count("PATCH", "/composite/sobjects/Account/QBO_Id__c")).isEqualTo(3); // 200 + 50 + 3

      SoqlPage page = client.query("SELECT Id, QBO_Id__c FROM Account", 200);
      assertThat(page.done()).isFalse();
      assertThat(page.nextRecordsUrl()).startsWith("/services/data/v62.0/query/");
      assertThat(client.queryAll("SELECT Id, QBO_Id__c FROM Account")).hasSize(250);
      List<ObjectNode> all = new ArrayList<>(page.records());
      while (!page.done()) {
        page = client.queryMore(page.nextRecordsUrl());
        all.addAll(page.records());
      }
      assertThat(all).hasSize(250).extracting(r -> r.get("QBO_Id__c").asText()).doesNotHaveDuplicates();
    }
  }

  @Test
  void collectionCreateUpdateAndDeleteAnswerPerRecordInOrder() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      SalesforceClient client = fx.salesforce();
      List<ObjectNode> accounts = new ArrayList<>();
      for (int i = 1; i <= 201; i++) {
        accounts.add(JSON.createObjectNode().put("Name", "Account " + i));
      }
      accounts.add(JSON.createObjectNode().put("Phone", "no name"));

      List<SaveResult> created = client.createAll("Account", accounts);

      assertThat(created).hasSize(202);
      assertThat(created.subList(0, 201)).allMatch(r -> r.success() && r.created() && r.id().startsWith("001"));
      assertThat(created.get(201).success()).isFalse();
      assertThat(created.get(201).errors().get(0).code()).isEqualTo("REQUIRED_FIELD_MISSING");
      assertThat(fx.count("POST", "/composite/sobjects")).isEqualTo(2);

      List<SaveResult> updated = client.updateAll("Account", List.of(
          JSON.createObjectNode().put("Id", created.get(0).id()).put("Phone", "(303) 555-0100"),
          JSON.createObjectNode().put("Id", "001000000000000AAA").put("Phone", "(303) 555-0101")));

      assertThat(updated).extracting(SaveResult::success).containsExactly(true, false);
      assertThat(updated.get(0).created()).isFalse();
      assertThat(client.queryAll("SELECT Phone FROM Account WHERE Id = '" + created.get(0).id() + "'").get(0)
          .get("Phone").asText()).isEqualTo("(303) 555-0100");

      List<SaveResult> deleted = client.deleteAll(List.of(created.get(0).id(), created.get(0).id().substring(0, 15) + "x"));

      assertThat(deleted.get(0).success()).isTrue();
      assertThat(deleted.get(1).success()).isFalse();
      assertThat(client.queryAll("SELECT Id FROM Account")).hasSize(200);
      assertThatThrownBy(() -> client.updateAll("Account", List.of(JSON.createObjectNode().put("Phone", "1"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Id");
    }
  }

  @Test
  void singleUpsertReportsCreatedThenUpdated() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      SalesforceClient client = fx.salesforce();

      SaveResult created = client.upsert("Account", "QBO_Id__c", "42-1", account("42-1", "Amy"));
      SaveResult updated = client.upsert("Account", "QBO_Id__c", "42-1", account("42-1", "Amy B"));

      assertThat(created.created()).isTrue();
      assertThat(updated.created()).isFalse();
      assertThat(updated.id()).isEqualTo(created.id());
      assertThat(client.queryAll("SELECT Name FROM Account WHERE QBO_Id__c = '42-1'"))
          .extracting(r -> r.get("Name").asText())
          .containsExactly("Amy B");
    }
  }

  @Test
  void expiredSessionIsFetchedAgainOnceAndTheCallRetried() {
    MutableClock clock = new MutableClock(Instant.now());
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0).withClock(clock))) {
      SalesforceClient client = fx.salesforce();
      client.query("SELECT Id FROM Account");

      clock.advance(Duration.ofHours(3));
      client.query("SELECT Id FROM Account");

      assertThat(fx.count("POST", "/services/oauth2/token")).isEqualTo(2);
      assertThat(fx.count("GET", "/query")).isEqualTo(3);
    }
  }

  @Test
  void callsStopAtTheReserveOfTheDailyAllowanceAndOneLooksAgainWhenTheCountIsOld() {
    MutableClock clock = new MutableClock(Instant.now());
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0)
        .withSalesforceDailyApiLimit(100))) {
      SalesforceClient client = new SalesforceClient(fx.http, new SalesforceSettings(fx.sandbox.salesforceUrl(),
          Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION),
          CallRetries.standard(), 30, clock);
      int sent = 0;
      Throwable stopped = null;
      while (stopped == null && sent < 100) {
        stopped = catchThrowable(() -> client.query("SELECT Id FROM Account"));
        sent += stopped == null ? 1 : 0;
      }

      assertThat(sent).as("calls until 30 of 100 were left").isEqualTo(70);
      assertThat(fx.count("GET", "/query")).isEqualTo(70);
      assertThat(stopped).isInstanceOf(ApiReserveReachedException.class)
          .hasMessageContaining("30 of 100 calls left").hasMessageContaining("keeps 30")
          .hasMessageContaining("LEDGERBRIDGE_SALESFORCE_API_RESERVE_PERCENT");
      ApplicationFailure failure = asFailure(stopped);
      assertThat(failure.getType()).isEqualTo("API_RESERVE");
      assertThat(failure.isNonRetryable()).as("a run stops instead of retrying into the reserve").isTrue();
      assertThat(client.status().apiCallsReserve()).isEqualTo(30);

      clock.advance(Duration.ofMinutes(16));
      client.query("SELECT Id FROM Account");
      assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOf(ApiReserveReachedException.class);
      assertThat(fx.count("GET", "/query")).as("one call looked again").isEqualTo(71);
    }
  }

  @Test
  void recordTooLongForItsFieldFailsAloneWhileTheOthersAreWritten() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      SalesforceClient client = fx.salesforce();

      List<SaveResult> results =
          client.upsertAll(
              "Account",
              "QBO_Id__c",
              List.of(account("42-1", "Fine"), account("42-2", "Fine too").put("BillingCity", "x".repeat(41)), account("42-3", "Also fine")));

      assertThat(results).extracting(SaveResult::success).containsExactly(true, false, true);
      SalesforceError error = results.get(1).errors().get(0);
      assertThat(error.code()).isEqualTo("STRING_TOO_LONG");
      assertThat(RemoteFailures.recordFailureType(error).name()).isEqualTo("VALIDATION");
    }
  }

  @Test
  void unknownExternalIdFieldIsConfigurationAndSeveralMatchesAreDuplicate() {
    try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(0))) {
      SalesforceClient client = fx.salesforce();

      ApplicationFailure noField =
          asFailure(catchThrowable(() -> client.upsertAll("Account", "Missing_Id__c", List.of(account("1", "x").put("Missing_Id__c", "1")))));
      assertThat(noField.getType()).isEqualTo("CONFIGURATION");

      // Legacy_Id__c is the sandbox's non-unique external id: two records may share a value.
      client.upsertAll("Account", "QBO_Id__c", List.of(account("42-1", "A").put("Legacy_Id__c", "L1"), account("42-2", "B").put("Legacy_Id__c", "L1")));
      ApplicationFailure several =
          asFailure(catchThrowable(() -> client.upsert("Account", "Legacy_Id__c", "L1", JSON.createObjectNode().put("Name", "C"))));
      assertThat(several.getType()).isEqualTo("DUPLICATE");

      ApplicationFailure badQuery = asFailure(catchThrowable(() -> client.query("SELECT Nope__c FROM Account")));
      assertThat(badQuery.getType()).isEqualTo("CONFIGURATION");
    }
  }

  static ApplicationFailure asFailure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(RuntimeException.class);
    return (ApplicationFailure) RemoteFailures.toActivityFailure((RuntimeException) thrown);
  }
}
