package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.status.MonitoringApiSupport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** 'errors' and 'status' against the running application, with record errors written as a sync writes them. */
class LedgerBridgeCliErrorsApiTest extends MonitoringApiSupport {
  private static final SyncDirection QBO_TO_SF = SyncDirection.QBO_TO_SALESFORCE;

  @Autowired JdbcTemplate jdbc;
  @Autowired QuickBooksClient quickBooks;

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
    return CliRun.of(Map.of(), all.toArray(String[]::new));
  }

  private CliRun succeeded(String... args) {
    CliRun run = cli(args);
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.err()).as("%s", run).isEmpty();
    return run;
  }

  private static String company() {
    return "cli-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void fail(String company, SyncObject object, String sourceId, FailureType type) {
    new RecordErrorStore(jdbc)
        .record(new RecordFailure(company, object, QBO_TO_SF, sourceId, type, "CODE_" + type, type + " of " + sourceId,
            "cli-errors", "run-" + UUID.randomUUID()));
  }

  private long errorId(String company, String sourceId) {
    return call("GET", "/api/errors?status=ANY&companyId=" + company + "&sourceId=" + sourceId, null)
        .body().get("items").get(0).get("id").asLong();
  }

  private static List<String> rowsOf(String table) {
    return table.lines().skip(1).filter(line -> !line.startsWith("...")).toList();
  }

  @Test
  void errorsAreListedFilteredShownAndDismissedOneByOneOrByFilter() throws Exception {
    String company = company();
    fail(company, SyncObject.CUSTOMER, "1", FailureType.VALIDATION);
    new RecordErrorStore(jdbc).resolve(company, SyncObject.CUSTOMER, QBO_TO_SF, List.of("1"));
    fail(company, SyncObject.CUSTOMER, "1", FailureType.DUPLICATE);
    fail(company, SyncObject.CUSTOMER, "2", FailureType.VALIDATION);
    fail(company, SyncObject.INVOICE, RecordErrorStore.WHOLE_OBJECT, FailureType.REMOTE_UNAVAILABLE);
    long duplicate = errorId(company, "1");

    CliRun list = succeeded("errors", "list", "--company", company);
    assertThat(list.out()).startsWith("ID ").contains(" SOURCE ID ", " MESSAGE\n");
    assertThat(rowsOf(list.out())).hasSize(3);
    assertThat(list.out().lines().filter(line -> line.contains(" Invoice ")).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains(company, "QBO->Salesforce  whole object  REMOTE_UNAVAILABLE"));
    assertThat(succeeded("errors", "list", "--company", company, "--limit", "1").out())
        .endsWith("... and 2 more; to see them, narrow the filters, or raise --limit (at most 500).\n");
    assertThat(JSON.readTree(succeeded("errors", "list", "--company", company, "--json").out()).get("total").asInt()).isEqualTo(3);

    CliRun filtered = succeeded("errors", "list", "--company", company, "--type", "duplicate", "--direction", "to-salesforce");
    assertThat(rowsOf(filtered.out())).singleElement().asString().contains(duplicate + "  " + company + "  Customer  ");

    CliRun shown = succeeded("errors", "show", Long.toString(duplicate));
    assertThat(shown.out())
        .startsWith("ID           " + duplicate + "\nStatus       OPEN\n")
        .contains("Source ID    1\n", "Type         DUPLICATE\n", "Remote code  CODE_DUPLICATE\n", "Job          cli-errors\n")
        .contains("\nEarlier errors of this record\n");
    assertThat(shown.out().lines().filter(line -> line.contains(" RESOLVED ")).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains("VALIDATION", "VALIDATION of 1"));

    CliRun dismissed = succeeded("errors", "dismiss", Long.toString(duplicate));
    assertThat(dismissed.out())
        .startsWith("Dismissed error " + duplicate + ": Customer 1 (QBO->Salesforce) of company " + company + ".");
    assertThat(call("GET", "/api/errors/" + duplicate, null).body().get("status").asText()).isEqualTo("DISMISSED");
    CliRun again = cli("errors", "dismiss", Long.toString(duplicate));
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err())
        .isEqualTo("ledgerbridge: error " + duplicate + " is DISMISSED, not OPEN; only open errors can be dismissed\n");

    assertThat(succeeded("errors", "dismiss", "--all", "--company", company, "--object", "invoice").out())
        .isEqualTo("Dismissed 1 open error.\n");
    assertThat(rowsOf(succeeded("errors", "list", "--company", company).out()))
        .singleElement().asString().contains("QBO->Salesforce  2 ");
    assertThat(rowsOf(succeeded("errors", "list", "--company", company, "--status", "dismissed").out())).hasSize(2);
  }

  @Test
  void anUnknownObjectIsRefusedNamingTheCatalogsObjects() {
    CliRun run = cli("errors", "list", "--object", "PurchaseOrder");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown object 'PurchaseOrder'; known objects are " + SyncObject.knownNames());
  }

  @Test
  void aRetriedErrorsRecordSyncsAndItsErrorCloses() {
    String id = quickBooks.queryPage(Sandbox.DEMO_REALM_ID, "Customer", "ORDERBY Id", 13, 1).records().get(0).get("Id").asText();
    fail(Sandbox.DEMO_REALM_ID, SyncObject.CUSTOMER, id, FailureType.VALIDATION);
    long errorId = errorId(Sandbox.DEMO_REALM_ID, id);

    CliRun retried = succeeded("errors", "retry", Long.toString(errorId));

    assertThat(retried.out()).startsWith("Retrying 1 error with 1 workflow.\nWORKFLOW ");
    assertThat(retried.out().lines().filter(line -> line.startsWith("ledgerbridge-record-")).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains("RECORD_SYNC", Sandbox.DEMO_REALM_ID, "Customer", "QBO->Salesforce")
            .endsWith("  " + errorId));
    awaitJson("/api/errors/" + errorId, error -> error.get("status").asText().equals("RESOLVED"), Duration.ofSeconds(30));
    assertThat(succeeded("errors", "show", Long.toString(errorId)).out())
        .contains("Status       RESOLVED\n", "\nLast retry   ", ", workflow ledgerbridge-record-");
    CliRun again = cli("errors", "retry", Long.toString(errorId));
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).startsWith("ledgerbridge: error " + errorId + " is RESOLVED, not OPEN;");

    assertThat(succeeded("errors", "retry", "--all", "--company", company()).out())
        .isEqualTo("No open errors match; nothing retried.\n");
  }

  @Test
  void theStatusShowsTotalsEachCompanysObjectsAndTheNotificationSources() throws Exception {
    String company = company();
    fail(company, SyncObject.CUSTOMER, "7", FailureType.VALIDATION);

    CliRun everything = succeeded("status");
    assertThat(everything.out())
        .startsWith("Totals: ")
        .contains("\nCompany " + Sandbox.DEMO_REALM_ID + " (connected, ", "\nCustomer  QBO->Salesforce  ")
        .contains("\nReal-time notifications since this instance started\nSOURCE ", "\nquickbooks  ", "\nsalesforce  ");

    CliRun one = succeeded("status", "--company", company);
    assertThat(one.out())
        .startsWith("Totals: 0 records in sync, 1 open error, 0 deferred, 0 objects failing\n\nCompany " + company
            + " (not connected to QuickBooks, 1 open error)\nOBJECT ")
        .doesNotContain(Sandbox.DEMO_REALM_ID);
    assertThat(one.out().lines().filter(line -> line.startsWith("Customer ")))
        .singleElement().asString().startsWith("Customer  QBO->Salesforce  ERRORS ");
    JsonNode json = JSON.readTree(succeeded("status", "--company", company, "--json").out());
    assertThat(json.get("totals").get("openErrors").asInt()).isEqualTo(1);

    assertThat(succeeded("status", "--company", "nobody").out())
        .startsWith("Totals: 0 records in sync, 0 open errors, 0 deferred, 0 objects failing\n\n"
            + "Company nobody has no jobs, runs or errors yet.\n\nSalesforce org ")
        .containsPattern("Salesforce org (00D\\w+ at )?http://127\\.0\\.0\\.1:\\d+( as LedgerBridge Integration \\(integration@ledgerbridge-sandbox\\.example\\.com, 005\\w+\\))?, API v\\d+\\.0: ")
        .contains("\n\nReal-time notifications");
  }
}
