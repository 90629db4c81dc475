package io.ledgerbridge.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.worker.RemoteApis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The walking skeleton end to end: the demo job's cron run copies every QuickBooks customer to a
 * Salesforce Account exactly once; a run with no change writes nothing; a renamed customer is
 * updated. Everything goes through the REST API and the sandbox's wire APIs.
 */
class CustomerSyncEndToEndTest extends ApplicationTestSupport {
  private static final Duration ONE_CRON_PERIOD_AND_SLACK = Duration.ofSeconds(100);
  /** Accounts linked to a QuickBooks customer; the sandbox org also holds unlinked prospects. */
  private static final String LINKED_ACCOUNTS =
      "SELECT Id, Name, QBO_Id__c, SystemModstamp FROM Account WHERE QBO_Id__c != null ORDER BY QBO_Id__c";

  @Autowired Sandbox sandbox;

  @Test
  void demoJobSyncsEveryCustomerOnceThenWritesNothingThenUpdatesAChangedCustomer() {
    RemoteApis apis = new RemoteApis(sandbox);

    JsonNode scheduledRuns =
        awaitJson(
            "/api/runs?jobId=demo-customers",
            runs -> runs.size() > 0 && runs.get(runs.size() - 1).path("status").asText().equals("SUCCEEDED"),
            ONE_CRON_PERIOD_AND_SLACK);
    JsonNode firstObject = scheduledRuns.get(scheduledRuns.size() - 1).path("objectReports").get(0);
    assertThat(firstObject.path("object").asText()).isEqualTo("Customer");
    assertThat(firstObject.path("failed").asInt()).isZero();

    // From here on only manual runs, so no cron run races the assertions. The first one takes in
    // whatever other tests of the shared application changed in QuickBooks meanwhile.
    assertThat(call("POST", "/api/jobs/demo-customers/pause", null).status()).isEqualTo(200);
    awaitJson("/api/jobs/demo-customers", job -> job.path("temporalState").asText().equals("PAUSED"),
        ONE_CRON_PERIOD_AND_SLACK);
    String jobId = createJobThatRunsOnlyOnNewYear();
    try {
      manualRunsSyncEveryCustomerOnceThenWriteNothingThenUpdateAChangedCustomer(apis, jobId);
    } finally {
      call("DELETE", "/api/jobs/" + jobId, null);
      call("POST", "/api/jobs/demo-customers/resume", null);
    }
  }

  private void manualRunsSyncEveryCustomerOnceThenWriteNothingThenUpdateAChangedCustomer(RemoteApis apis, String jobId) {
    runNowAndAwait(jobId);

    List<JsonNode> customers = apis.qboAll(Sandbox.DEMO_REALM_ID, "Customer");
    assertThat(customers).hasSizeGreaterThanOrEqualTo(50);
    Map<String, JsonNode> accounts = accountsByExternalId(apis);
    assertThat(apis.soql(LINKED_ACCOUNTS)).as("one Account per customer, no duplicates").hasSize(customers.size());
    for (JsonNode customer : customers) {
      JsonNode account = accounts.get(Sandbox.DEMO_REALM_ID + "-" + customer.get("Id").asText());
      assertThat(account).as("Account for customer %s", customer.get("Id")).isNotNull();
      assertThat(account.get("Name").asText()).isEqualTo(customer.get("DisplayName").asText());
    }

    JsonNode quietRun = runNowAndAwait(jobId).path("objectReports").get(0);
    assertThat(quietRun.path("created").asInt()).isZero();
    assertThat(quietRun.path("updated").asInt()).isZero();
    assertThat(quietRun.path("failed").asInt()).isZero();
    assertThat(accountsByExternalId(apis))
        .as("no Account was written by a run without QuickBooks changes")
        .allSatisfy((id, account) -> assertThat(account.get("SystemModstamp")).isEqualTo(accounts.get(id).get("SystemModstamp")));

    String changedId = customers.get(7).get("Id").asText();
    JsonNode current = apis.qboRead(Sandbox.DEMO_REALM_ID, "Customer", changedId);
    apis.qboUpdate(Sandbox.DEMO_REALM_ID, "Customer", """
        {"Id":"%s","SyncToken":"%s","sparse":true,"DisplayName":"Renamed Bicycle Works"}
        """.formatted(changedId, current.get("SyncToken").asText()));
    JsonNode changeRun = runNowAndAwait(jobId).path("objectReports").get(0);
    assertThat(changeRun.path("updated").asInt()).isEqualTo(1);
    assertThat(changeRun.path("created").asInt()).isZero();
    assertThat(accountsByExternalId(apis).get(Sandbox.DEMO_REALM_ID + "-" + changedId).get("Name").asText())
        .isEqualTo("Renamed Bicycle Works");
    assertThat(apis.soql(LINKED_ACCOUNTS)).hasSize(customers.size());
  }

  private String createJobThatRunsOnlyOnNewYear() {
    ApiResponse created =
        call(
            "POST",
            "/api/jobs",
            """
            {"name":"e2e customers","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
             "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}
            """
                .formatted(Sandbox.DEMO_REALM_ID));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private JsonNode runNowAndAwait(String jobId) {
    ApiResponse started = call("POST", "/api/jobs/" + jobId + "/run", null);
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    String runId = started.body().get("runId").asText();
    JsonNode run =
        awaitJson("/api/runs/" + runId, r -> !r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(60));
    assertThat(run.path("status").asText()).as("%s", run).isEqualTo("SUCCEEDED");
    return run;
  }

  private static Map<String, JsonNode> accountsByExternalId(RemoteApis apis) {
    return apis.soql(LINKED_ACCOUNTS).stream()
        .collect(Collectors.toMap(a -> a.get("QBO_Id__c").asText(), Function.identity()));
  }
}
