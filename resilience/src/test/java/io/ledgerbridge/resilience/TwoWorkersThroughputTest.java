package io.ledgerbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 13's benchmark with two worker processes: new Accounts and new vendor Accounts go from Salesforce to
 * one QuickBooks company at once, Customer on one worker and Vendor on the other, while the sandbox enforces
 * Intuit's throttles (500 calls a minute, 10 a second, 40 batch calls of 30 records a minute: 1,200 records a
 * minute per company). Both workers share one PostgreSQL database and the first one's embedded Temporal, so
 * they take their turns from the company's one rate budget. Figures come from the sandbox's own counters and
 * the runs' times. It fails when a record is lost or doubled, when more than 1% of QuickBooks calls are
 * answered 429, or when the two objects did not run on two workers; the rate is printed, never judged, as it
 * depends on the machine. Opt-in ({@code -Dresilience.throughput=true}): it takes minutes by design.
 */
@EnabledIfSystemProperty(named = "resilience.throughput", matches = "true")
class TwoWorkersThroughputTest {
  /** What Intuit allows one company: 40 batch calls a minute of 30 records each. */
  private static final double RECORDS_PER_MINUTE_BOUND = 1_200;
  private static final double MOST_THROTTLED_SHARE = 0.01;
  /** Far away: the test starts every run itself, so no scheduled run adds calls to the measured ones. */
  private static final String ONCE_A_YEAR = "0 0 1 1 *";
  private static final String CUSTOMER_PREFIX = "Throughput Customer ";
  private static final String VENDOR_PREFIX = "Throughput Vendor ";

  @Test
  void twoWorkersWritingOneCompanyAtOnceStayWithinIntuitsLimitsAndLoseNothing() {
    int customers = Integer.getInteger("resilience.throughput.customers", 3_000);
    int vendors = Integer.getInteger("resilience.throughput.vendors", 3_000);
    // The bound alone would take (customers + vendors) / 1,200 minutes; the rest is for the workers' starts.
    Duration deadline = Duration.ofMinutes(10 + (customers + vendors) / 600);
    try (Landscape landscape = Landscape.create("two-workers-throughput")) {
      createAccounts(landscape.salesforce, customers, vendors);
      int writtenBefore = landscape.quickBooks.queryAll("Customer", "").size()
          + landscape.quickBooks.queryAll("Vendor", "").size();
      PostgresDatabase database = landscape.keep(PostgresDatabase.create());
      LedgerBridgeProcess.Config first = landscape.workerConfig("worker-a").onDatabase(database.url());
      LedgerBridgeProcess workerA = landscape.start(first);
      LedgerBridgeApi api = new LedgerBridgeApi(workerA);
      api.connectQuickBooks();
      String customerJob = api.createJob("Throughput customers", "SALESFORCE_TO_QBO", List.of("Customer"), ONCE_A_YEAR);
      String vendorJob = api.createJob("Throughput vendors", "SALESFORCE_TO_QBO", List.of("Vendor"), ONCE_A_YEAR);
      Landscape.Jobs jobs = new Landscape.Jobs(customerJob, vendorJob);
      landscape.sandbox.clearCounters(landscape.sandbox.quickBooksUrl());

      // Customer starts while worker A is alone, so A takes it. Worker B then joins, and the embedded Temporal
      // hands a task to the newest waiting poll, which is B's: B takes Vendor while A still writes customers.
      api.runNow(customerJob);
      Waiting.until("worker A syncs Customer", deadline, Duration.ofMillis(200),
          () -> !workerA.logLines(syncing("Customer")).isEmpty(), () -> Landscape.runSummary(api, jobs));
      LedgerBridgeProcess workerB = landscape.start(first.secondWorker("worker-b"));
      api.runNow(vendorJob);
      Waiting.until("both runs have ended", deadline, Duration.ofSeconds(1),
          () -> ended(api.runs(customerJob)) && ended(api.runs(vendorJob)), () -> Landscape.runSummary(api, jobs));
      JsonNode counters = landscape.sandbox.counters(landscape.sandbox.quickBooksUrl());

      Duration wall = Duration.between(onlyRun(api, customerJob).startedAt(),
          later(onlyRun(api, customerJob).finishedAt(), onlyRun(api, vendorJob).finishedAt()));
      int written = landscape.quickBooks.queryAll("Customer", "").size()
          + landscape.quickBooks.queryAll("Vendor", "").size() - writtenBefore;
      long calls = sum(counters.path("statuses"), "");
      long throttled = counters.path("statuses").path("429").asLong();
      long batchCalls = sum(counters.path("calls"), "/batch");
      double perMinute = written * 60_000.0 / wall.toMillis();
      List<String> missingOrDoubled = new ArrayList<>();
      missingOrDoubled.addAll(checkLinked(landscape, "Customer", CUSTOMER_PREFIX, customers, ""));
      missingOrDoubled.addAll(checkLinked(landscape, "Vendor", VENDOR_PREFIX, vendors, "Vendor-"));

      Landscape.report(String.format(Locale.ROOT, """
          ==== resilience: two workers, one company, Intuit's throttles on: %,d Accounts and %,d vendor Accounts to QuickBooks ====
          written %,d in %.1f s | %.0f records a minute = %.2f x the bound of 1,200 | QuickBooks calls %,d (batch %,d, %.1f records a call) | 429 %,d = %.2f%% | lost or doubled %d
            worker A: %s
            worker B: %s
          %s""",
          customers, vendors, written, wall.toMillis() / 1000.0, perMinute, perMinute / RECORDS_PER_MINUTE_BOUND,
          calls, batchCalls, batchCalls == 0 ? 0.0 : (double) written / batchCalls, throttled,
          calls == 0 ? 0.0 : 100.0 * throttled / calls, missingOrDoubled.size(),
          syncsOf(workerA), syncsOf(workerB),
          Landscape.runSummary(api, jobs)));

      assertThat(workerA.logLines(syncing("Customer"))).as("worker A synced Customer").isNotEmpty();
      assertThat(workerB.logLines(syncing("Vendor")))
          .as("worker B synced Vendor while A synced Customer, so both workers wrote the company at once")
          .isNotEmpty();
      assertThat(workerA.logLines(syncing("Vendor"))).as("worker A did not sync Vendor too").isEmpty();
      assertThat(missingOrDoubled).as("every Account became exactly one QuickBooks record, linked to it").isEmpty();
      assertThat(throttled).as("QuickBooks calls answered 429, of %d", calls)
          .isLessThanOrEqualTo((long) Math.floor(calls * MOST_THROTTLED_SHARE));
    }
  }

  /** The accounts in collections of 200, so creating them takes seconds, not one call each. */
  private static void createAccounts(SalesforceSandbox salesforce, int customers, int vendors) {
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (int i = 1; i <= customers; i++) {
      accounts.add(Map.of("Name", String.format(Locale.ROOT, CUSTOMER_PREFIX + "%05d", i),
          "Phone", String.format(Locale.ROOT, "(555) 020-%04d", i % 10_000), "BillingCity", "Porto"));
    }
    for (int i = 1; i <= vendors; i++) {
      accounts.add(Map.of("Name", String.format(Locale.ROOT, VENDOR_PREFIX + "%05d", i), "Type", "Vendor",
          "Phone", String.format(Locale.ROOT, "(555) 030-%04d", i % 10_000), "BillingCity", "Braga"));
    }
    salesforce.createAll("Account", accounts);
  }

  /**
   * Each Account named with the prefix is exactly one QuickBooks entity of that name, and its key
   * ({@code {realmId}-{Id}}, a vendor's {@code {realmId}-Vendor-{Id}}) names that entity; returns what is not.
   */
  private static List<String> checkLinked(Landscape landscape, String entity, String prefix, int expected,
      String keyInfix) {
    Map<String, List<String>> idsByName = new HashMap<>();
    for (JsonNode record : landscape.quickBooks.queryAll(entity, "")) {
      String name = record.path("DisplayName").asText();
      if (name.startsWith(prefix)) {
        idsByName.computeIfAbsent(name, n -> new ArrayList<>()).add(record.path("Id").asText());
      }
    }
    List<String> problems = new ArrayList<>();
    int accounts = 0;
    for (JsonNode account : landscape.salesforce.query("SELECT Id, Name, QBO_Id__c FROM Account")) {
      String name = account.path("Name").asText();
      if (!name.startsWith(prefix)) {
        continue;
      }
      accounts++;
      List<String> ids = idsByName.getOrDefault(name, List.of());
      String key = account.path("QBO_Id__c").asText("");
      if (ids.size() != 1) {
        problems.add(name + ": " + ids.size() + " QuickBooks " + entity + " records " + ids);
      } else if (!key.equals(QuickBooksSandbox.REALM_ID + "-" + keyInfix + ids.get(0))) {
        problems.add(name + ": key '" + key + "' does not name " + entity + " " + ids.get(0));
      }
    }
    if (accounts != expected || idsByName.size() != expected) {
      problems.add(entity + ": " + accounts + " Accounts and " + idsByName.size() + " QuickBooks names, expected "
          + expected);
    }
    return problems;
  }

  /** What the worker's log says it synced, without the log's prefix. */
  private static String syncsOf(LedgerBridgeProcess worker) {
    return String.join("; ", worker.logLines("Synced ", ": read ").stream()
        .map(line -> line.substring(line.indexOf("Synced "))).toList());
  }

  private static String[] syncing(String object) {
    return new String[] {"Syncing " + object + " SALESFORCE_TO_QBO", " from cursor"};
  }

  private static boolean ended(List<JsonNode> runs) {
    return !runs.isEmpty() && runs.stream().noneMatch(run -> run.path("status").asText().equals("RUNNING"));
  }

  private record RunTimes(Instant startedAt, Instant finishedAt) {}

  /** The job's one run; the schedule is a year away, so there is no other. */
  private static RunTimes onlyRun(LedgerBridgeApi api, String job) {
    List<JsonNode> runs = api.runs(job);
    assertThat(runs).as("runs of job %s", job).hasSize(1);
    JsonNode run = runs.get(0);
    return new RunTimes(Instant.parse(run.path("startedAt").asText()), Instant.parse(run.path("finishedAt").asText()));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The counts of the fields whose names contain {@code fragment} (all of them for ""). */
  private static long sum(JsonNode counts, String fragment) {
    long total = 0;
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) counts::fields) {
      if (field.getKey().contains(fragment)) {
        total += field.getValue().asLong();
      }
    }
    return total;
  }
}
