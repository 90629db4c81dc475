package io.ledgerbridge.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The jobs API as an admin meets it: auth, validation with clear messages, and the job lifecycle. */
class JobsApiTest extends ApplicationTestSupport {
  private static final String COMPANY = Sandbox.DEMO_REALM_ID;

  private static String job(String name, String objects, String schedule) {
    return """
        {"name":"%s","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":%s,"schedule":%s}
        """.formatted(name, COMPANY, objects, schedule);
  }

  private List<String> jobNames() {
    List<String> names = new ArrayList<>();
    call("GET", "/api/jobs", null).body().forEach(job -> names.add(job.get("name").asText()));
    return names;
  }

  private void assertRefused(int status, String body, String messagePart) {
    List<String> before = jobNames();
    ApiResponse response = call("POST", "/api/jobs", body);
    assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
    assertThat(response.body().get("message").asText()).contains(messagePart);
    assertThat(jobNames()).as("a refused request changes nothing").isEqualTo(before);
  }

  @Test
  void callsWithoutTheAdminTokenAreRefused() {
    ApiResponse missing = call("GET", "/api/jobs", null, null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body().get("message").asText()).contains("Authorization: Bearer");
    assertThat(call("GET", "/api/jobs", null, "Bearer wrong").status()).isEqualTo(401);
    assertThat(call("POST", "/api/jobs", job("x", "[\"Customer\"]", "{}"), "Basic abc").status()).isEqualTo(401);
  }

  @Test
  void malformedJsonIsRefusedWithItsPosition() {
    assertRefused(400, "{\"name\": \"broken\",", "malformed JSON at line 1");
  }

  @Test
  void unknownObjectsAndFieldsAndDirectionsAreRefusedNamingWhatIsAllowed() {
    assertRefused(400, job("purchase orders", "[\"PurchaseOrder\"]", "{}"), "unknown object 'PurchaseOrder'; known objects are Customer, Item, Invoice, Vendor, CreditMemo, Payment, SalesReceipt, Estimate, Contact");
    assertRefused(400, job("typo", "[\"Customer\"]", "{\"minutes\":[5]}"), "schedule.minutes: unknown field");
    assertRefused(
        400,
        "{\"name\":\"sideways\",\"companyId\":\"" + COMPANY + "\",\"direction\":\"SIDEWAYS\",\"objects\":[\"Customer\"],\"schedule\":{}}",
        "direction: 'SIDEWAYS' is not one of QBO_TO_SALESFORCE, SALESFORCE_TO_QBO");
  }

  @Test
  void dayOfWeekAndDayOfMonthTogetherAreRefused() {
    assertRefused(
        400,
        job("both days", "[\"Customer\"]", "{\"minute\":[0],\"hour\":[6],\"dayOfWeek\":[\"MON\"],\"dayOfMonth\":[1]}"),
        "dayOfWeek and dayOfMonth cannot both be set");
  }

  @Test
  void outOfRangeScheduleValuesAreRefusedNamingTheField() {
    assertRefused(400, job("late", "[\"Customer\"]", "{\"hour\":[25]}"), "schedule.hour: '25' is out of range");
  }

  @Test
  void aChildBeforeItsParentIsRefused() {
    assertRefused(400, job("backwards", "[\"Invoice\",\"Customer\"]", "{}"), "move Customer before Invoice");
  }

  @Test
  void anObjectThatDoesNotSyncInTheJobsDirectionIsRefused() {
    assertRefused(
        400,
        "{\"name\":\"payments back\",\"companyId\":\"" + COMPANY
            + "\",\"direction\":\"SALESFORCE_TO_QBO\",\"objects\":[\"Customer\",\"Invoice\",\"Payment\"],\"schedule\":{}}",
        "objects: Payment is not synced SALESFORCE_TO_QBO");
  }

  @Test
  void pullingMissingParentsIsAJobOptionThatAnUpdateCanChange() {
    ApiResponse created = call("POST", "/api/jobs", job("Pull parents", "[\"Invoice\"]", "{\"minute\":[15]}"));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.body().get("pullMissingParents").asBoolean()).isFalse();
    String id = created.body().get("id").asText();

    JsonNode updated = call("PUT", "/api/jobs/" + id, "{\"pullMissingParents\":true}").body();
    assertThat(updated.get("pullMissingParents").asBoolean()).isTrue();
    assertThat(updated.get("temporalState").asText()).as("the chain now carries the option").isEqualTo("SCHEDULED");
    assertThat(call("GET", "/api/jobs/" + id, null).body().get("pullMissingParents").asBoolean()).isTrue();
    call("DELETE", "/api/jobs/" + id, null);
  }

  @Test
  void missingFieldsAndUnconnectedCompaniesAreRefused() {
    assertRefused(400, "{\"companyId\":\"" + COMPANY + "\"}", "name: required");
    assertRefused(
        400,
        "{\"name\":\"elsewhere\",\"companyId\":\"123\",\"direction\":\"QBO_TO_SALESFORCE\",\"objects\":[\"Customer\"],\"schedule\":{}}",
        "QuickBooks company 123 is not connected");
  }

  @Test
  void aJobIsScheduledListedAndDeleted() {
    ApiResponse created = call("POST", "/api/jobs", job("Hourly Customers", "[\"customer\"]", "{\"minute\":[15]}"));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    JsonNode job = created.body();
    String id = job.get("id").asText();
    assertThat(id).isEqualTo("hourly-customers");
    assertThat(job.get("cron").asText()).isEqualTo("15 * * * *");
    assertThat(job.get("objects")).extracting(JsonNode::asText).containsExactly("Customer");
    assertThat(job.get("temporalState").asText()).as("Temporal has the cron workflow").isEqualTo("SCHEDULED");
    assertThat(job.get("nextRuns")).hasSize(5);
    Instant firstRun = Instant.parse(job.get("nextRuns").get(0).asText());
    assertThat(firstRun).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(3601));

    assertThat(call("POST", "/api/jobs", job("Hourly Customers", "[\"Customer\"]", "{}")).status()).isEqualTo(409);
    assertThat(call("GET", "/api/jobs/" + id, null).body().get("name").asText()).isEqualTo("Hourly Customers");
    assertThat(jobNames()).contains("Hourly Customers");

    assertThat(call("DELETE", "/api/jobs/" + id, null).status()).isEqualTo(204);
    ApiResponse gone = call("GET", "/api/jobs/" + id, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().get("message").asText()).contains("no job with id 'hourly-customers'");
    assertThat(call("DELETE", "/api/jobs/" + id, null).status()).isEqualTo(404);
  }

  @Test
  void concurrentRunRequestsStartOneRunAtATimeAndAnswerTheOthers409() throws Exception {
    String neverDuringTests = "{\"minute\":[0],\"hour\":[0],\"dayOfMonth\":[1],\"month\":[1]}";
    ApiResponse created = call("POST", "/api/jobs", job("Concurrent runs", "[\"Customer\"]", neverDuringTests));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    ExecutorService callers = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ApiResponse>> pending = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pending.add(callers.submit(() -> {
        go.await();
        return call("POST", "/api/jobs/" + id + "/run", null);
      }));
    }
    go.countDown();
    List<ApiResponse> answers = new ArrayList<>();
    for (Future<ApiResponse> answer : pending) {
      answers.add(answer.get(60, TimeUnit.SECONDS));
    }
    callers.shutdown();

    List<String> started = new ArrayList<>();
    for (ApiResponse answer : answers) {
      assertThat(answer.status()).as("%s", answer.body()).isIn(202, 409);
      if (answer.status() == 202) {
        assertThat(answer.body().get("workflowId").asText()).isEqualTo("ledgerbridge-job-" + id + "-manual");
        started.add(answer.body().get("runId").asText());
      } else {
        assertThat(answer.body().get("message").asText()).contains("already has a run started by hand", "/api/runs/");
      }
    }
    assertThat(started).as("one run at a time; a later call may start the next once the first ended")
        .isNotEmpty().doesNotHaveDuplicates();
    for (String runId : started) {
      awaitJson("/api/runs/" + runId, run -> !run.path("status").asText().equals("RUNNING"), Duration.ofSeconds(90));
    }
    ApiResponse again = call("POST", "/api/jobs/" + id + "/run", null);
    assertThat(again.status()).as("once the run ended, the job runs again: %s", again.body()).isEqualTo(202);
    awaitJson("/api/runs/" + again.body().get("runId").asText(), run -> !run.path("status").asText().equals("RUNNING"),
        Duration.ofSeconds(90));
    call("DELETE", "/api/jobs/" + id, null);
  }

  @Test
  void unknownRunsAndBadLimitsAreClearErrors() {
    assertThat(call("GET", "/api/runs/nope", null).status()).isEqualTo(404);
    ApiResponse badLimit = call("GET", "/api/runs?limit=0", null);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().get("message").asText()).contains("limit: between 1 and 500");
  }
}
