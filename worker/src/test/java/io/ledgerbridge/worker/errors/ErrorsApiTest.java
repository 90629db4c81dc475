package io.ledgerbridge.worker.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.status.MonitoringApiSupport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The error list as an admin uses it: filter, page, look at history, dismiss, retry one or many. */
class ErrorsApiTest extends MonitoringApiSupport {
  private static final SyncDirection QBO_TO_SF = SyncDirection.QBO_TO_SALESFORCE;

  @Autowired JdbcTemplate jdbc;
  @Autowired QuickBooksClient quickBooks;

  private RecordErrorStore errors() {
    return new RecordErrorStore(jdbc);
  }

  private static String company() {
    return "co-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void fail(String company, SyncObject object, String sourceId, FailureType type, String jobId) {
    errors().record(new RecordFailure(company, object, QBO_TO_SF, sourceId, type, "CODE_" + type, type + " of " + sourceId, jobId, "run-" + UUID.randomUUID()));
  }

  private List<String> sourceIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("sourceId").asText()));
    return ids;
  }

  @Test
  void theHistoryCountsTheErrorsOpenAtEachPastDaysEndByType() {
    JsonNode before = call("GET", "/api/errors/history?days=5", null).body();
    String company = company();
    // Open since 4 days ago; open 3 days ago and resolved 2 days ago, before that day's end; opened and
    // dismissed within one day, so never open at a day's end.
    insertError(company, "1", FailureType.VALIDATION, daysAgo(4).plusHours(6), "OPEN", daysAgo(4).plusHours(6));
    insertError(company, "2", FailureType.AUTH, daysAgo(3).plusHours(1), "RESOLVED", daysAgo(2).plusHours(5));
    insertError(company, "3", FailureType.VALIDATION, daysAgo(3).plusHours(2), "DISMISSED", daysAgo(3).plusHours(3));
    ApiResponse after = call("GET", "/api/errors/history?days=5", null);

    assertThat(after.status()).isEqualTo(200);
    JsonNode days = after.body().get("days");
    assertThat(days).hasSize(5);
    assertThat(days.get(4).get("date").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(days.get(0).get("countedAt").asText()).isEqualTo(daysAgo(3).toInstant().toString());
    // Days that have ended are only changed by the rows above, whatever else the shared application does now.
    List<List<Long>> validationAndAuth = new ArrayList<>();
    for (int day = 0; day < 4; day++) {
      validationAndAuth.add(List.of(
          openOfType(days.get(day), "VALIDATION") - openOfType(before.get("days").get(day), "VALIDATION"),
          openOfType(days.get(day), "AUTH") - openOfType(before.get("days").get(day), "AUTH"),
          days.get(day).get("open").asLong() - before.get("days").get(day).get("open").asLong()));
    }
    assertThat(validationAndAuth).containsExactly(
        List.of(1L, 0L, 1L), List.of(1L, 1L, 2L), List.of(1L, 0L, 1L), List.of(1L, 0L, 1L));

    assertThat(call("GET", "/api/errors/history?days=0", null).status()).isEqualTo(400);
    assertThat(call("GET", "/api/errors/history?days=367", null).status()).isEqualTo(400);
  }

  private static OffsetDateTime daysAgo(int days) {
    return LocalDate.now(ZoneOffset.UTC).minusDays(days).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  private static long openOfType(JsonNode day, String type) {
    return day.get("openByType").path(type).asLong(0);
  }

  private void insertError(String company, String sourceId, FailureType type, OffsetDateTime firstSeen, String status,
      OffsetDateTime lastSeen) {
    jdbc.update("INSERT INTO record_error (company_id, object, direction, source_id, error_type, message, attempts, status,"
            + " first_seen_at, last_seen_at) VALUES (?, 'Customer', ?, ?, ?, 'history test', 1, ?, ?, ?)",
        company, QBO_TO_SF.name(), sourceId, type.name(), status, firstSeen, lastSeen);
  }

  @Test
  void errorsAreListedNewestPerRecordFilteredAndPagedAndOlderOnesAreHistory() {
    String company = company();
    fail(company, SyncObject.CUSTOMER, "1", FailureType.VALIDATION, "job-a");
    errors().resolve(company, SyncObject.CUSTOMER, QBO_TO_SF, List.of("1"));
    fail(company, SyncObject.CUSTOMER, "1", FailureType.DUPLICATE, "job-a");
    fail(company, SyncObject.CUSTOMER, "2", FailureType.VALIDATION, "job-a");
    fail(company, SyncObject.CUSTOMER, "3", FailureType.VALIDATION, "job-a");
    fail(company, SyncObject.INVOICE, "40", FailureType.MISSING_PARENT, "job-b");

    ApiResponse first = call("GET", "/api/errors?companyId=" + company + "&size=3", null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("total").asLong()).isEqualTo(4);
    ApiResponse second = call("GET", "/api/errors?companyId=" + company + "&size=3&page=1", null);
    List<String> all = new ArrayList<>(sourceIds(first.body()));
    all.addAll(sourceIds(second.body()));
    assertThat(all).containsExactlyInAnyOrder("1", "2", "3", "40");

    JsonNode parents = call("GET", "/api/errors?companyId=" + company + "&type=MISSING_PARENT", null).body();
    assertThat(sourceIds(parents)).containsExactly("40");
    JsonNode invoice = parents.get("items").get(0);
    assertThat(invoice.get("object").asText()).isEqualTo("Invoice");
    assertThat(invoice.get("scope").asText()).isEqualTo("RECORD");
    assertThat(invoice.get("remoteCode").asText()).isEqualTo("CODE_MISSING_PARENT");
    assertThat(invoice.get("attempts").asInt()).isEqualTo(1);
    assertThat(invoice.get("firstSeenAt").asText()).isNotBlank();
    assertThat(sourceIds(call("GET", "/api/errors?companyId=" + company + "&object=customer&jobId=job-a&type=DUPLICATE", null).body()))
        .containsExactly("1");

    long newest = call("GET", "/api/errors?companyId=" + company + "&sourceId=1", null).body().get("items").get(0).get("id").asLong();
    JsonNode one = call("GET", "/api/errors/" + newest, null).body();
    assertThat(one.get("type").asText()).isEqualTo("DUPLICATE");
    assertThat(one.get("history")).hasSize(1);
    assertThat(one.get("history").get(0).get("type").asText()).isEqualTo("VALIDATION");
    assertThat(one.get("history").get(0).get("status").asText()).isEqualTo("RESOLVED");
  }

  @Test
  void badFiltersAndUnknownErrorsAreClearErrors() {
    ApiResponse object = call("GET", "/api/errors?object=PurchaseOrder", null);
    assertThat(object.status()).isEqualTo(400);
    assertThat(object.body().get("message").asText()).contains("object: unknown object 'PurchaseOrder'");
    ApiResponse status = call("GET", "/api/errors?status=BROKEN", null);
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.body().get("message").asText()).contains("OPEN, RESOLVED, DISMISSED, ANY");
    assertThat(call("GET", "/api/errors?type=NOPE", null).status()).isEqualTo(400);
    assertThat(call("GET", "/api/errors?size=0", null).status()).isEqualTo(400);
    ApiResponse missing = call("POST", "/api/errors/987654321/retry", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("message").asText()).contains("no error with id 987654321");
    assertThat(call("GET", "/api/errors", null, null).status()).as("the admin token is required").isEqualTo(401);
  }

  @Test
  void aDismissedErrorLeavesTheOpenListAndCannotBeDismissedOrRetriedAgain() {
    String company = company();
    fail(company, SyncObject.CUSTOMER, "5", FailureType.VALIDATION, "job-a");
    fail(company, SyncObject.CUSTOMER, "6", FailureType.VALIDATION, "job-a");
    fail(company, SyncObject.CUSTOMER, "7", FailureType.DUPLICATE, "job-a");
    long id = call("GET", "/api/errors?companyId=" + company + "&sourceId=5", null).body().get("items").get(0).get("id").asLong();

    ApiResponse dismissed = call("POST", "/api/errors/" + id + "/dismiss", null);
    assertThat(dismissed.status()).isEqualTo(200);
    assertThat(dismissed.body().get("status").asText()).isEqualTo("DISMISSED");
    assertThat(sourceIds(call("GET", "/api/errors?companyId=" + company, null).body())).containsExactlyInAnyOrder("6", "7");
    assertThat(sourceIds(call("GET", "/api/errors?companyId=" + company + "&status=DISMISSED", null).body())).containsExactly("5");
    assertThat(call("GET", "/api/errors?companyId=" + company + "&status=any", null).body().get("total").asInt()).isEqualTo(3);
    ApiResponse again = call("POST", "/api/errors/" + id + "/dismiss", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("message").asText()).contains("is DISMISSED, not OPEN");
    assertThat(call("POST", "/api/errors/" + id + "/retry", null).status()).isEqualTo(409);

    assertThat(call("POST", "/api/errors/dismiss", "{}").status()).as("an empty filter would dismiss everything").isEqualTo(400);
    ApiResponse bulk = call("POST", "/api/errors/dismiss", "{\"companyId\":\"" + company + "\",\"type\":\"VALIDATION\"}");
    assertThat(bulk.body().get("dismissed").asInt()).isEqualTo(1);
    assertThat(sourceIds(call("GET", "/api/errors?companyId=" + company, null).body())).containsExactly("7");
  }

  @Test
  void retryingAnObjectThatFailedAsAWholeRunsItAgainAndItsSuccessClosesTheError() {
    fail(Sandbox.DEMO_REALM_ID, SyncObject.CUSTOMER, RecordErrorStore.WHOLE_OBJECT, FailureType.REMOTE_UNAVAILABLE, "errors-test");
    JsonNode error =
        call("GET", "/api/errors?companyId=" + Sandbox.DEMO_REALM_ID + "&sourceId=*", null).body().get("items").get(0);
    assertThat(error.get("scope").asText()).isEqualTo("OBJECT");

    ApiResponse retried = call("POST", "/api/errors/" + error.get("id").asLong() + "/retry", null);

    assertThat(retried.status()).as("%s", retried.body()).isEqualTo(202);
    JsonNode workflow = retried.body().get("workflows").get(0);
    assertThat(workflow.get("mode").asText()).isEqualTo("OBJECT_RUN");
    JsonNode run = awaitRunEnd(workflow.get("runId").asText());
    assertThat(run.get("status").asText()).as("%s", run).isEqualTo("SUCCEEDED");
    // The run's report is written by the workflow's last activity, a moment before Temporal closes the workflow.
    JsonNode after = awaitJson("/api/errors/" + error.get("id").asLong(),
        e -> e.path("lastRetry").path("state").asText().equals("COMPLETED"), Duration.ofSeconds(30));
    assertThat(after.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(after.get("lastRetry").get("workflowId").asText()).isEqualTo(workflow.get("workflowId").asText());
  }

  @Test
  void aRetriedRecordIsSyncedByThePerRecordSyncEvenWhenNothingChangedAtTheSource() {
    String id = quickBooks.queryPage(Sandbox.DEMO_REALM_ID, "Customer", "ORDERBY Id", 9, 1).records().get(0).get("Id").asText();
    fail(Sandbox.DEMO_REALM_ID, SyncObject.CUSTOMER, id, FailureType.VALIDATION, "errors-test");
    long errorId = call("GET", "/api/errors?companyId=" + Sandbox.DEMO_REALM_ID + "&sourceId=" + id, null).body().get("items").get(0).get("id").asLong();

    ApiResponse retried = call("POST", "/api/errors/" + errorId + "/retry", null);

    assertThat(retried.status()).as("%s", retried.body()).isEqualTo(202);
    assertThat(retried.body().get("workflows").get(0).get("mode").asText()).isEqualTo("RECORD_SYNC");
    JsonNode closed =
        awaitJson("/api/errors/" + errorId, error -> error.get("status").asText().equals("RESOLVED"), Duration.ofSeconds(30));
    assertThat(closed.get("lastRetry").get("workflowId").asText()).startsWith("ledgerbridge-record-");
  }

  @Test
  void aRecordFixedAtTheSourceAndRetriedByFilterSyncsAndItsErrorClosesByItself() {
    ObjectNode customer = quickBooks.queryPage(Sandbox.DEMO_REALM_ID, "Customer", "ORDERBY Id", 4, 1).records().get(0);
    String id = customer.get("Id").asText();
    fail(Sandbox.DEMO_REALM_ID, SyncObject.CUSTOMER, id, FailureType.VALIDATION, "errors-test");
    ObjectNode fix = customer.objectNode();
    fix.put("Id", id);
    fix.put("SyncToken", customer.get("SyncToken").asText());
    fix.put("sparse", true);
    fix.put("DisplayName", "Fixed " + customer.get("DisplayName").asText());
    quickBooks.save(Sandbox.DEMO_REALM_ID, "Customer", fix, null);

    ApiResponse retried =
        call("POST", "/api/errors/retry", "{\"companyId\":\"%s\",\"object\":\"Customer\",\"sourceId\":\"%s\"}".formatted(Sandbox.DEMO_REALM_ID, id));

    assertThat(retried.status()).as("%s", retried.body()).isEqualTo(202);
    assertThat(retried.body().get("matched").asInt()).isEqualTo(1);
    assertThat(retried.body().get("workflows").get(0).get("mode").asText()).isEqualTo("RECORD_SYNC");
    awaitJson(
        "/api/errors?companyId=" + Sandbox.DEMO_REALM_ID + "&sourceId=" + id + "&status=ANY",
        page -> page.get("items").get(0).get("status").asText().equals("RESOLVED"),
        Duration.ofSeconds(30));
  }
}
