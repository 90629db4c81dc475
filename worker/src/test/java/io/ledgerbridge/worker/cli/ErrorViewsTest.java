package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Record errors as text, from JSON in the API's shapes. */
class ErrorViewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WIDE = 1000;

  private static final String DUPLICATE =
      """
      {"id":3,"scope":"RECORD","companyId":"9130357766001001","object":"Customer","direction":"SALESFORCE_TO_QBO",
       "sourceId":"001Hs000000001BIAQ","type":"DUPLICATE","remoteCode":"6240",
       "message":"QuickBooks refused Customer create from Account 001Hs000000001BIAQ: Duplicate Name Exists Error",
       "attempts":3,"status":"OPEN","jobId":"accounts-to-qbo","runId":"03fc6895-ddb1-4874-ac02-65ebcc0d466d",
       "firstSeenAt":"2025-03-01T07:39:39.057734Z","lastSeenAt":"2025-03-01T07:40:03.821260Z",
       "links":{"quickBooks":"https://app.qbo.intuit.com/app/customerdetail?nameId=58",
                "salesforce":"https://acme.my.salesforce.com/001Hs000000001BIAQ"},
       "lastRetry":{"requestedAt":"2025-03-01T07:40:03.670419Z",
                    "workflowId":"ledgerbridge-record-9130357766001001-Customer-SALESFORCE_TO_QBO-001Hs000000001BIAQ",
                    "state":"COMPLETED"},
       "history":[{"id":1,"scope":"RECORD","companyId":"9130357766001001","object":"Customer",
                   "direction":"SALESFORCE_TO_QBO","sourceId":"001Hs000000001BIAQ","type":"VALIDATION",
                   "message":"Name: data value too large","attempts":1,"status":"RESOLVED",
                   "firstSeenAt":"2025-02-28T03:00:00Z","lastSeenAt":"2025-02-28T03:00:00Z"}]}
      """;

  private static final String WHOLE_OBJECT =
      """
      {"id":12,"scope":"OBJECT","companyId":"9130357766001001","object":"Invoice","direction":"QBO_TO_SALESFORCE",
       "sourceId":"*","type":"AUTH","message":"reconnect QuickBooks","attempts":1,"status":"OPEN",
       "lastSeenAt":"2025-03-01T08:00:00Z","links":{}}
      """;

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static JsonNode page(long total, String... errors) throws Exception {
    return json("{\"items\":[" + String.join(",", errors) + "],\"page\":0,\"size\":50,\"total\":" + total + "}");
  }

  @Test
  void theListHasARowPerRecordAndSaysHowManyMoreMatch() throws Exception {
    String text = ErrorViews.list(page(7, DUPLICATE, WHOLE_OBJECT), WIDE);

    assertThat(text)
        .isEqualTo(
            """
            ID  COMPANY           OBJECT    DIRECTION        SOURCE ID           TYPE       ATTEMPTS  LAST SEEN                MESSAGE
             3  9130357766001001  Customer  Salesforce->QBO  001Hs000000001BIAQ  DUPLICATE         3  2025-03-01 07:40:03 UTC  QuickBooks refused Customer create from Account 001Hs000000001BIAQ: Duplicate Name Exists Error
            12  9130357766001001  Invoice   QBO->Salesforce  whole object        AUTH              1  2025-03-01 08:00:00 UTC  reconnect QuickBooks
            ... and 5 more; to see them, narrow the filters, or raise --limit (at most 500).
            """);
    assertThat(ErrorViews.list(page(0), WIDE)).isEqualTo("No errors match.\n");
  }

  @Test
  void theMessageIsCutToFitTheLineButNeverBelowThirtyCharacters() throws Exception {
    String text = ErrorViews.list(page(1, DUPLICATE), 160);

    assertThat(text.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(160));
    assertThat(text).endsWith("  QuickBooks refused Customer create from Ac...\n");
    assertThat(ErrorViews.list(page(1, DUPLICATE), 80)).endsWith("  QuickBooks refused Customer...\n");
  }

  @Test
  void oneErrorShowsEveryFieldItsLinksItsLastRetryAndItsHistory() throws Exception {
    assertThat(ErrorViews.show(json(DUPLICATE), WIDE))
        .isEqualTo(
            """
            ID           3
            Status       OPEN
            Company      9130357766001001
            Object       Customer
            Direction    Salesforce->QBO
            Source ID    001Hs000000001BIAQ
            Type         DUPLICATE
            Remote code  6240
            Message      QuickBooks refused Customer create from Account 001Hs000000001BIAQ: Duplicate Name Exists Error
            Attempts     3
            First seen   2025-03-01 07:39:39 UTC
            Last seen    2025-03-01 07:40:03 UTC
            Job          accounts-to-qbo
            Run          03fc6895-ddb1-4874-ac02-65ebcc0d466d
            QuickBooks   https://app.qbo.intuit.com/app/customerdetail?nameId=58
            Salesforce   https://acme.my.salesforce.com/001Hs000000001BIAQ
            Last retry   2025-03-01 07:40:03 UTC, workflow ledgerbridge-record-9130357766001001-Customer-SALESFORCE_TO_QBO-001Hs000000001BIAQ, COMPLETED

            Earlier errors of this record
            ID  STATUS    TYPE        ATTEMPTS  FIRST SEEN               LAST SEEN                MESSAGE
             1  RESOLVED  VALIDATION         1  2025-02-28 03:00:00 UTC  2025-02-28 03:00:00 UTC  Name: data value too large
            """);
    assertThat(ErrorViews.show(json(WHOLE_OBJECT), WIDE))
        .contains("Source ID  *  (the whole object: its run failed as a whole)\n")
        .doesNotContain("QuickBooks ", "Salesforce ", "Last retry", "Earlier errors");
  }

  @Test
  void aRetryShowsTheWorkflowsItStartedAndWhereToFollowThem() throws Exception {
    String text =
        ErrorViews.retried(
            json(
                """
                {"matched":1200,"retried":1000,"workflows":[
                  {"mode":"RECORD_SYNC","workflowId":"ledgerbridge-record-1-Customer-QBO_TO_SALESFORCE-58","runId":"r-1",
                   "companyId":"1","object":"Customer","direction":"QBO_TO_SALESFORCE","errorIds":[3,1]},
                  {"mode":"OBJECT_RUN","workflowId":"ledgerbridge-job-nightly-retry-1","runId":"3f2a1b2c-5d6e-4f70-8192-a3b4c5d6e7f8",
                   "companyId":"1","object":"Invoice","direction":"QBO_TO_SALESFORCE","errorIds":[12]}]}
                """));

    assertThat(text)
        .isEqualTo(
            """
            Retrying 1000 errors with 2 workflows; 200 more match and stay open: retry again once these are done.
            WORKFLOW                                             MODE         COMPANY  OBJECT    DIRECTION        ERRORS
            ledgerbridge-record-1-Customer-QBO_TO_SALESFORCE-58  RECORD_SYNC  1        Customer  QBO->Salesforce  3, 1
            ledgerbridge-job-nightly-retry-1                     OBJECT_RUN   1        Invoice   QBO->Salesforce  12
            An error closes when its record syncs; 'ledgerbridge errors show ID' shows how its retry went.
            Follow the Invoice run with 'ledgerbridge runs show 3f2a1b2c-5d6e-4f70-8192-a3b4c5d6e7f8'.
            """);
    assertThat(ErrorViews.retried(json("{\"matched\":0,\"retried\":0,\"workflows\":[]}")))
        .isEqualTo("No open errors match; nothing retried.\n");
  }

  @Test
  void aRecordIsNamedByObjectSourceIdAndDirection() throws Exception {
    assertThat(ErrorViews.record(json(DUPLICATE))).isEqualTo("Customer 001Hs000000001BIAQ (Salesforce->QBO)");
    assertThat(ErrorViews.record(json(WHOLE_OBJECT))).isEqualTo("Invoice (whole object, QBO->Salesforce)");
  }
}
