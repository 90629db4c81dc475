package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Tables and pages from JSON in the API's shapes. */
class ViewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RUN =
      """
      {"runId":"3f2a1b2c-5d6e-4f70-8192-a3b4c5d6e7f8","jobId":"demo-customers",
       "workflowId":"ledgerbridge-job-demo-customers","jobName":"demo-customers","companyId":"9130357766001001",
       "direction":"QBO_TO_SALESFORCE","objects":["Customer","Invoice"],"status":"PARTLY_FAILED","cause":"scheduled",
       "startedAt":"2025-03-01T03:00:04.250Z","finishedAt":"2025-03-01T03:01:10.750Z",
       "temporalUrl":"http://localhost:8080/namespaces/default/workflows/ledgerbridge-job-demo-customers/3f2a1b2c-5d6e-4f70-8192-a3b4c5d6e7f8/history",
       "objectReports":[
         {"object":"Customer","status":"SUCCEEDED","read":60,"created":60,"updated":0,"unchanged":0,"deferred":0,
          "failed":0,"startedAt":"2025-03-01T03:00:04.300Z","finishedAt":"2025-03-01T03:00:09.300Z"},
         {"object":"Invoice","status":"PARTLY_FAILED","read":12,"created":10,"updated":0,"unchanged":0,"deferred":1,
          "failed":1,"error":"1 invoice refused: INVALID_FIELD","startedAt":"2025-03-01T03:00:09.300Z",
          "finishedAt":"2025-03-01T03:01:10.700Z"}]}
      """;

  private static final String DEMO_JOB =
      """
      {"id":"demo-customers","name":"demo-customers","companyId":"9130357766001001","direction":"QBO_TO_SALESFORCE",
       "objects":["Customer","Invoice"],"schedule":{"cron":"* * * * *","timeZone":"UTC"},
       "scheduleDescription":"every minute","timeZone":"UTC","cron":"* * * * *","state":"ACTIVE",
       "temporalState":"SCHEDULED","external":false,
       "nextRuns":["2025-03-01T03:02:00Z","2025-03-01T03:03:00Z"],
       "lastRun":%s,"createdAt":"2025-03-01T02:59:00.120Z","updatedAt":"2025-03-01T02:59:00.120Z"}
      """.formatted(RUN);

  private static final String PAUSED_EXTERNAL_JOB =
      """
      {"id":"nightly","name":"Nightly invoices","companyId":"9130357766001001","direction":"SALESFORCE_TO_QBO",
       "objects":["Customer"],"schedule":{"minute":["0","30"],"hour":["3"],"dayOfWeek":["MON-FRI"],
       "timeZone":"Europe/Berlin"},"timeZone":"Europe/Berlin","cron":"0,30 1,2 * * 1-5","state":"PAUSED",
       "external":true,"scheduled":false,"nextRuns":[]}
      """;

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void theJobListShowsScheduleStateNextAndLastRun() throws Exception {
    String text = JobViews.list(json("[" + DEMO_JOB + "," + PAUSED_EXTERNAL_JOB + "]"));

    assertThat(text)
        .isEqualTo(
            """
            ID              NAME              COMPANY           DIRECTION        OBJECTS           SCHEDULE                          STATE            NEXT RUN              LAST RUN
            demo-customers  demo-customers    9130357766001001  QBO->Salesforce  Customer,Invoice  every minute                      ACTIVE           2025-03-01 03:02 UTC  PARTLY_FAILED 2025-03-01 03:00:04 UTC
            nightly         Nightly invoices  9130357766001001  Salesforce->QBO  Customer          0,30 1,2 * * 1-5 (Europe/Berlin)  PAUSED EXTERNAL  -                     -
            """);
    assertThat(JobViews.list(json("[]"))).startsWith("No jobs.");
  }

  @Test
  void theStateMarksWhatTemporalReallyHas() throws Exception {
    assertThat(JobViews.state(json("{\"state\":\"ACTIVE\",\"scheduled\":false}"))).isEqualTo("ACTIVE UNSCHEDULED");
    assertThat(JobViews.state(json("{\"state\":\"ACTIVE\",\"temporalState\":\"PAUSED\"}"))).isEqualTo("ACTIVE UNSCHEDULED");
    assertThat(JobViews.state(json("{\"state\":\"ACTIVE\",\"temporalState\":\"CHANGE_PENDING\",\"external\":true}")))
        .isEqualTo("ACTIVE EXTERNAL CHANGE_PENDING");
  }

  @Test
  void theSalesforceOrgLineSaysItsDailyApiAllowanceOrThatItIsNotKnownYet() throws Exception {
    assertThat(StatusViews.salesforce(json("""
        {"loginUrl":"https://acme.my.salesforce.com","instanceUrl":"https://acme.my.salesforce.com","apiVersion":"v62.0",
         "orgId":"00Dx0000000BV7z","userId":"005x00000012Q9P",
         "apiCallsUsed":1234,"apiCallsLimit":15000,"apiCallsLeft":13766,"observedAt":"2026-12-03T13:05:00Z"}""")))
        .isEqualTo("Salesforce org 00Dx0000000BV7z at https://acme.my.salesforce.com as user 005x00000012Q9P, API v62.0:"
            + " 1,234 of 15,000 daily API calls used (13,766 left) at 2026-12-03 13:05:00 UTC\n");
    assertThat(StatusViews.salesforce(json("""
        {"loginUrl":"https://acme.my.salesforce.com","instanceUrl":"https://acme.my.salesforce.com","apiVersion":"v62.0",
         "orgId":"00Dx0000000BV7z","userId":"005x00000012Q9P","userName":"Jane Doe","username":"jane@acme.com",
         "apiCallsUsed":1234,"apiCallsLimit":15000,"apiCallsLeft":13766,"observedAt":"2026-12-03T13:05:00Z"}""")))
        .startsWith("Salesforce org 00Dx0000000BV7z at https://acme.my.salesforce.com as Jane Doe (jane@acme.com,"
            + " 005x00000012Q9P), API v62.0:");
    assertThat(StatusViews.salesforce(json("""
        {"loginUrl":"https://acme.my.salesforce.com","instanceUrl":"https://acme.my.salesforce.com","apiVersion":"v62.0",
         "apiCallsUsed":1234,"apiCallsLimit":15000,"apiCallsLeft":13766,"apiCallsReserve":1500,
         "observedAt":"2026-12-03T13:05:00Z"}""")))
        .endsWith("(13,766 left) at 2026-12-03 13:05:00 UTC; 1,500 kept for the org's other users\n");
    assertThat(StatusViews.salesforce(json("""
        {"loginUrl":"https://acme.my.salesforce.com","instanceUrl":"https://acme.my.salesforce.com","apiVersion":"v62.0",
         "apiCallsUsed":13600,"apiCallsLimit":15000,"apiCallsLeft":1400,"apiCallsReserve":1500,
         "observedAt":"2026-12-03T13:05:00Z"}""")))
        .endsWith("(1,400 left) at 2026-12-03 13:05:00 UTC; DOWN TO THE RESERVE of 1,500: runs stop with API_RESERVE"
            + " until Salesforce frees more\n");
    assertThat(StatusViews.salesforce(json("""
        {"loginUrl":"https://acme.my.salesforce.com","instanceUrl":null,"apiVersion":"v62.0","apiCallsUsed":null}""")))
        .isEqualTo("Salesforce org https://acme.my.salesforce.com, API v62.0: no call answered since this instance"
            + " started, so its daily API allowance is not known yet\n");
  }

  @Test
  void aJobsPageHasItsDefinitionCronNextRunsAndLastRun() throws Exception {
    String text = JobViews.show(json(DEMO_JOB));

    assertThat(text)
        .isEqualTo(
            """
            ID         demo-customers
            Name       demo-customers
            Company    9130357766001001
            Direction  QBO_TO_SALESFORCE (QBO->Salesforce)
            Objects    Customer, Invoice (synced in this order)
            Schedule   every minute
            As given   cron "* * * * *"
            Time zone  UTC
            Cron       * * * * *  (what Temporal runs)
            State      ACTIVE; in Temporal: SCHEDULED
            Created    2025-03-01 02:59:00 UTC
            Updated    2025-03-01 02:59:00 UTC

            Next runs
              2025-03-01 03:02 UTC
              2025-03-01 03:03 UTC

            Last run
              Run        3f2a1b2c-5d6e-4f70-8192-a3b4c5d6e7f8
              Job        demo-customers
              Company    9130357766001001
              Direction  QBO->Salesforce
              Status     PARTLY_FAILED
              Cause      scheduled
              Started    2025-03-01 03:00:04 UTC
              Finished   2025-03-01 03:01:10 UTC (took 1m 06s)
              Workflow   ledgerbridge-job-demo-customers
              Temporal   http://localhost:8080/namespaces/default/workflows/ledgerbridge-job-demo-customers/3f2a1b2c-5d6e-4f70-8192-a3b4c5d6e7f8/history

              OBJECT    STATUS         READ  CREATED  UPDATED  UNCHANGED  DEFERRED  FAILED  TOOK    ERROR
              Customer  SUCCEEDED        60       60        0          0         0       0  5s      -
              Invoice   PARTLY_FAILED    12       10        0          0         1       1  1m 01s  1 invoice refused: INVALID_FIELD
            """);
  }

  @Test
  void aPausedJobWithFieldsShowsThemAndNoNextRuns() throws Exception {
    String text = JobViews.show(json(PAUSED_EXTERNAL_JOB));

    assertThat(text)
        .contains("Schedule   minute 0,30; hour 3; day of week MON-FRI\n")
        .contains("Time zone  Europe/Berlin\n")
        .contains("State      PAUSED EXTERNAL; not scheduled in Temporal; started outside LedgerBridge's API\n")
        .contains("Next runs: none while paused\n")
        .endsWith("Last run: none yet\n");
  }

  @Test
  void aRunReportShowsApiCallsConflictsAndFailureTypesWhenGiven() throws Exception {
    String text =
        RunViews.report(
            json(
                """
                {"runId":"r1","jobId":"j","status":"FAILED","apiCalls":{"quickbooks":12,"salesforce":3},"openErrors":4,
                 "objectReports":[{"object":"Customer","status":"FAILED","read":0,"conflicts":2,
                  "failureType":"NOT_CONNECTED","error":"company 1 is not connected"}]}
                """));

    assertThat(text)
        .contains("API calls    quickbooks 12, salesforce 3\n", "Open errors  4\n")
        .contains("  2 conflicts; NOT_CONNECTED: company 1 is not connected\n");
  }

  @Test
  void theRunListHasShortIdsDurationsAndCompactCounts() throws Exception {
    String running =
        "{\"runId\":\"99999999-0000-4000-8000-000000000000\",\"jobId\":\"nightly\",\"status\":\"RUNNING\","
            + "\"startedAt\":\"2025-03-01T04:00:00Z\",\"objectReports\":[]}";

    assertThat(RunViews.list(json("[" + running + "," + RUN + "]")))
        .isEqualTo(
            """
            RUN ID    JOB             STATUS         STARTED                  DURATION  COUNTS
            99999999  nightly         RUNNING        2025-03-01 04:00:00 UTC  running   -
            3f2a1b2c  demo-customers  PARTLY_FAILED  2025-03-01 03:00:04 UTC  1m 06s    Customer 60r/60c/0u/0=/0d/0f, Invoice 12r/10c/0u/0=/1d/1f
            counts: r read, c created, u updated, = unchanged, d deferred, f failed
            """);
    assertThat(RunViews.list(json("[]"))).isEqualTo("No runs.\n");
  }

  @Test
  void jsonIsPrettyPrintedLikeJq() throws Exception {
    assertThat(Session.pretty(json("{\"a\":[1,2],\"b\":{},\"c\":[],\"d\":{\"e\":null}}")))
        .isEqualTo(
            """
            {
              "a": [
                1,
                2
              ],
              "b": {},
              "c": [],
              "d": {
                "e": null
              }
            }""");
  }
}
