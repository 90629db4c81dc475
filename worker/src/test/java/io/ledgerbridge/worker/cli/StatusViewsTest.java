package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status summary as text, from JSON in the API's shape. */
class StatusViewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String STATUS =
      """
      {"generatedAt":"2025-03-01T07:40:08.932Z",
       "totals":{"inSync":140,"openErrors":3,"deferred":2,"objectsFailing":1},
       "companies":[
         {"companyId":"9130357766001001","connected":true,"openErrors":3,"objects":[
           {"object":"Customer","direction":"QBO_TO_SALESFORCE","state":"OK","linked":70,"inSync":70,"openErrors":0,
            "errorsByType":{},"deferred":0,"lastSuccessfulSync":"2025-03-01T07:40:00.217Z",
            "lastRun":{"runId":"1f101bfe","status":"SUCCEEDED","finishedAt":"2025-03-01T07:40:00.217Z","deferred":0},
            "jobs":["demo-customers"]},
           {"object":"Customer","direction":"SALESFORCE_TO_QBO","state":"ERRORS","linked":70,"inSync":68,"openErrors":2,
            "errorsByType":{"DUPLICATE":2},"deferred":2,"lastSuccessfulSync":"2025-03-01T07:39:39.160Z",
            "lastRun":{"runId":"1d3f202b","status":"PARTLY_FAILED","finishedAt":"2025-03-01T07:39:39.160Z","deferred":2,
                       "error":"2 record(s) failed"},
            "jobs":["accounts-to-qbo"]},
           {"object":"Invoice","direction":"QBO_TO_SALESFORCE","state":"FAILING","linked":0,"inSync":0,"openErrors":1,
            "errorsByType":{"AUTH":1},"deferred":0,
            "lastRun":{"runId":"5e5e5e5e","status":"FAILED","finishedAt":"2025-03-01T07:41:00Z","deferred":0,
                       "error":"AUTH: reconnect QuickBooks"},
            "jobs":["nightly"]}]},
         {"companyId":"4620816365214002","connected":false,"openErrors":0,"objects":[]}],
       "realTime":[
         {"system":"quickbooks","enabled":true,"endpoints":["/webhooks/quickbooks"],"notifications":3,"recordsSyncing":10,
          "recordsIgnored":0,"lastNotificationAt":"2025-03-01T07:39:38.707Z","lastRejectedAt":"2025-03-01T07:30:00Z",
          "lastRejection":"401: the intuit-signature does not match"},
         {"system":"salesforce","enabled":false,"endpoints":["/webhooks/salesforce"],"notifications":0,"recordsSyncing":0,
          "recordsIgnored":0}]}
      """;

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void theSummaryHasTheTotalsATablePerCompanyAndTheNotificationSources() throws Exception {
    assertThat(StatusViews.summary(json(STATUS), Optional.empty()))
        .isEqualTo(
            """
            Totals: 140 records in sync, 3 open errors, 2 deferred, 1 object failing

            Company 9130357766001001 (connected, 3 open errors)
            OBJECT    DIRECTION        STATE     IN SYNC  OPEN ERRORS  DEFERRED  LAST SUCCESSFUL SYNC     LAST RUN
            Customer  QBO->Salesforce  OK       70 of 70            0         0  2025-03-01 07:40:00 UTC  SUCCEEDED 2025-03-01 07:40:00 UTC
            Customer  Salesforce->QBO  ERRORS   68 of 70            2         2  2025-03-01 07:39:39 UTC  PARTLY_FAILED 2025-03-01 07:39:39 UTC
            Invoice   QBO->Salesforce  FAILING    0 of 0            1         0  -                        FAILED 2025-03-01 07:41:00 UTC
            Invoice QBO->Salesforce: its last run failed: AUTH: reconnect QuickBooks

            Company 4620816365214002 (not connected to QuickBooks, 0 open errors)
            Nothing synced yet.

            Real-time notifications since this instance started
            SOURCE      STATE  NOTIFICATIONS  SYNCING  IGNORED  LAST NOTIFICATION        LAST REFUSAL
            quickbooks  on                 3       10        0  2025-03-01 07:39:38 UTC  2025-03-01 07:30:00 UTC 401: the intuit-signature does not match
            salesforce  off                0        0        0  -                        -
            """);
  }

  @Test
  void withoutCompaniesItSaysSo() throws Exception {
    JsonNode empty =
        json("{\"totals\":{\"inSync\":1,\"openErrors\":1,\"deferred\":0,\"objectsFailing\":0},\"companies\":[],\"realTime\":[]}");

    assertThat(StatusViews.summary(empty, Optional.empty()))
        .isEqualTo(
            """
            Totals: 1 record in sync, 1 open error, 0 deferred, 0 objects failing

            No company has jobs, runs or errors yet.
            """);
    assertThat(StatusViews.summary(empty, Optional.of("123"))).endsWith("\nCompany 123 has no jobs, runs or errors yet.\n");
  }

  @Test
  void quickBooksCallsShowTheMonthsMeteredReadsAgainstTheBudgetAndEachCompanysCalls() throws Exception {
    JsonNode calls = JSON.readTree("""
        {"month":"2026-12","corePlus":401234,"budget":500000,"state":"WARNING","resetsAt":"2027-01-01T00:00:00Z",
         "companies":[{"companyId":"9130357766001001","corePlus":401000,"core":5120},
                      {"companyId":"4620816365214002","corePlus":234,"core":0}]}""");

    assertThat(StatusViews.quickBooksCalls(calls)).isEqualTo(
        "QuickBooks reads (CorePlus, metered) in 2026-12: 401,234 of 500,000 for all companies (WARNING); budget renews "
            + "2027-01-01 00:00:00 UTC\n"
            + "  company 9130357766001001: 401,000 CorePlus, 5,120 Core (writes, not metered)\n"
            + "  company 4620816365214002: 234 CorePlus, 0 Core (writes, not metered)\n");
  }
}
