package io.ledgerbridge.worker.status;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.runs.RunReportActivitiesImpl;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.DeferredRecordStore;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunFinished;
import io.ledgerbridge.workflows.runs.RunStarted;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/status}: per company and object, in sync, errors, deferred, last successful sync. */
class StatusApiTest extends MonitoringApiSupport {
  private static final SyncDirection QBO_TO_SF = SyncDirection.QBO_TO_SALESFORCE;

  @Autowired JdbcTemplate jdbc;

  @Test
  void theSummaryCountsWhatIsInSyncFailedAndDeferredPerObject() {
    String company = "status-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
    RunStore runs = new RunStore(jdbc);
    RecordErrorStore errors = new RecordErrorStore(jdbc);
    RunReportActivitiesImpl reports = new RunReportActivitiesImpl(runs);
    RecordLinkStore links = new RecordLinkStore(jdbc);
    for (String id : List.of("1", "2", "3")) {
      links.save(new RecordLink(company, SyncObject.CUSTOMER, id, "001" + id, "0", "h" + id, QBO_TO_SF, t0));
    }
    // An invoice linked to two Salesforce objects is one record.
    links.save(new RecordLink(company, SyncObject.INVOICE, "90", "Invoice__c", "a01x", "0", "h", null, QBO_TO_SF, t0, null, false));
    links.save(new RecordLink(company, SyncObject.INVOICE, "90", "Opportunity", "006x", "0", "h", null, QBO_TO_SF, t0, null, false));
    new CursorStore(jdbc).save(company, SyncObject.CUSTOMER, QBO_TO_SF, new CursorStore.Cursor("2026-11-26T03:00:00-08:00", null));
    DeferredRecordStore deferred = new DeferredRecordStore(jdbc);
    deferred.defer(company, SyncObject.ITEM, QBO_TO_SF, "31", "Account 7", "status-job", "earlier-run");
    deferred.defer(company, SyncObject.ITEM, QBO_TO_SF, "32", "Account 7", "status-job", "earlier-run");
    deferred.defer(company, SyncObject.ITEM, QBO_TO_SF, "33", "Account 7", "status-job", "earlier-run");
    String runId = UUID.randomUUID().toString();
    reports.recordRunStarted(new RunStarted(runId, "status-job", "ledgerbridge-job-status-job", "Status", company, QBO_TO_SF,
        List.of("Customer", "Item", "Invoice"), t0));
    errors.record(new RecordFailure(company, SyncObject.CUSTOMER, QBO_TO_SF, "3", FailureType.VALIDATION, "STRING_TOO_LONG", "too long", "status-job", runId));
    reports.recordRunFinished(
        new RunFinished(runId, "status-job", RunStatus.PARTLY_FAILED,
            List.of(
                new ObjectRunReport("Customer", RunStatus.PARTLY_FAILED, new RecordCounts(3,0,1,1,0,1), "1 failed", t0, t0.plusSeconds(5), null),
                new ObjectRunReport("Item", RunStatus.SUCCEEDED, new RecordCounts(4,2,0,0,2,0), null, t0.plusSeconds(5), t0.plusSeconds(8), null),
                new ObjectRunReport("Invoice", RunStatus.FAILED, new RecordCounts(0,0,0,0,0,0), "AUTH: reconnect QuickBooks", t0.plusSeconds(8), t0.plusSeconds(9), null)),
            t0.plusSeconds(10), "Invoice: AUTH: reconnect QuickBooks"));

    JsonNode status = call("GET", "/api/status?companyId=" + company, null).body();

    assertThat(status.get("companies")).hasSize(1);
    JsonNode companyStatus = status.get("companies").get(0);
    assertThat(companyStatus.get("companyId").asText()).isEqualTo(company);
    assertThat(companyStatus.get("connected").asBoolean()).isFalse();
    assertThat(companyStatus.get("openErrors").asInt()).isEqualTo(2);
    JsonNode objects = companyStatus.get("objects");
    assertThat(objects).extracting(o -> o.get("object").asText()).containsExactly("Customer", "Item", "Invoice");
    JsonNode customer = objects.get(0);
    assertThat(customer.get("state").asText()).isEqualTo("ERRORS");
    assertThat(customer.get("linked").asInt()).isEqualTo(3);
    assertThat(customer.get("inSync").asInt()).isEqualTo(2);
    assertThat(customer.get("openErrors").asInt()).isEqualTo(1);
    assertThat(customer.get("errorsByType").get("VALIDATION").asInt()).isEqualTo(1);
    assertThat(Instant.parse(customer.get("lastSuccessfulSync").asText())).isEqualTo(t0.plusSeconds(5));
    assertThat(customer.get("cursor").asText()).isEqualTo("2026-11-26T03:00:00-08:00");
    JsonNode item = objects.get(1);
    assertThat(item.get("state").asText()).isEqualTo("OK");
    assertThat(item.get("deferred").asInt()).as("waiting now").isEqualTo(3);
    assertThat(item.get("lastRun").get("deferred").asInt()).as("deferred by the last run").isEqualTo(2);
    JsonNode invoice = objects.get(2);
    assertThat(invoice.get("state").asText()).isEqualTo("FAILING");
    assertThat(invoice.get("errorsByType").get("AUTH").asInt()).isEqualTo(1);
    assertThat(invoice.get("lastRun").get("error").asText()).contains("AUTH");
    assertThat(invoice.has("lastSuccessfulSync")).isFalse();
    assertThat(invoice.get("linked").asInt()).isEqualTo(1);
    assertThat(status.get("totals").get("inSync").asInt()).isEqualTo(2 + 0 + 1);
    assertThat(status.get("totals").get("deferred").asInt()).isEqualTo(3);
    assertThat(status.get("totals").get("objectsFailing").asInt()).isEqualTo(1);
  }

  @Test
  void theDemoCompanyIsConnectedAndItsCustomersAreInSync() {
    JsonNode status = call("GET", "/api/status", null).body();

    JsonNode demo = null;
    for (JsonNode company : status.get("companies")) {
      if (company.get("companyId").asText().equals(Sandbox.DEMO_REALM_ID)) {
        demo = company;
      }
    }
    assertThat(demo).isNotNull();
    assertThat(demo.get("connected").asBoolean()).isTrue();
    JsonNode customers = demo.get("objects").get(0);
    assertThat(customers.get("object").asText()).isEqualTo("Customer");
    assertThat(customers.get("direction").asText()).isEqualTo("QBO_TO_SALESFORCE");
    assertThat(customers.get("inSync").asInt()).isGreaterThan(0);
    assertThat(customers.get("lastSuccessfulSync").asText()).isNotBlank();
    JsonNode salesforce = status.get("salesforce");
    assertThat(salesforce.get("instanceUrl").asText()).as("%s", salesforce).startsWith("http");
    assertThat(salesforce.get("apiVersion").asText()).startsWith("v");
    assertThat(salesforce.get("orgId").asText()).startsWith("00D");
    assertThat(salesforce.get("userId").asText()).startsWith("005");
    assertThat(salesforce.get("userName").asText()).as("from the identity URL").isEqualTo("LedgerBridge Integration");
    assertThat(salesforce.get("username").asText()).isEqualTo("integration@ledgerbridge-sandbox.example.com");
    assertThat(salesforce.get("apiCallsLimit").asInt()).as("from the sandbox's Sforce-Limit-Info").isPositive();
    assertThat(salesforce.get("apiCallsLeft").asInt()).isEqualTo(salesforce.get("apiCallsLimit").asInt()
        - salesforce.get("apiCallsUsed").asInt());
  }

  @Test
  void quickBooksCallsAreCountedAsIntuitMetersThemAgainstTheMonthlyReadBudget() {
    JsonNode calls = call("GET", "/api/status", null).body().get("quickBooksCalls");

    assertThat(calls.get("month").asText()).isEqualTo(java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString());
    assertThat(calls.get("budget").asLong()).as("Intuit's Builder tier").isEqualTo(500_000);
    assertThat(calls.get("state").asText()).isEqualTo("OK");
    assertThat(calls.get("resetsAt").asText()).endsWith("-01T00:00:00Z");
    JsonNode demo = null;
    for (JsonNode company : calls.get("companies")) {
      if (company.get("companyId").asText().equals(Sandbox.DEMO_REALM_ID)) {
        demo = company;
      }
    }
    assertThat(demo).as("%s", calls).isNotNull();
    assertThat(demo.get("corePlus").asLong()).as("the demo job's reads").isPositive();
    assertThat(calls.get("corePlus").asLong()).isGreaterThanOrEqualTo(demo.get("corePlus").asLong());
    JsonNode gauge = call("GET", "/actuator/metrics/ledgerbridge.quickbooks.calls.month?tag=class:CorePlus&tag=company:"
        + Sandbox.DEMO_REALM_ID, null).body();
    assertThat(gauge.at("/measurements/0/value").asDouble()).as("%s", gauge).isPositive();
  }
}
