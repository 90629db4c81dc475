package io.ledgerbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One scenario's world: the sandbox in its own process, seeded on both sides, the jobs that sync every object
 * both ways, and whatever the scenario adds (workers, a database, a proxy). Closing it stops and removes all
 * of that, in reverse order, also when the scenario failed.
 */
final class Landscape implements AutoCloseable {
  static final List<String> TO_SALESFORCE_OBJECTS = List.of("Customer", "Item", "Invoice", "CreditMemo", "Payment");
  static final List<String> TO_QUICKBOOKS_OBJECTS = List.of("Customer", "Item", "Invoice");
  /** Every minute: after a crash the schedule alone must bring the work back, with no manual run. */
  static final String EVERY_MINUTE = "* * * * *";
  private static final int EDITS_PER_SIDE = 5;
  private static final int RUNS_SHOWN = 6;

  final SuiteSettings settings;
  final Path dir;
  final SandboxProcess sandbox;
  final QuickBooksSandbox quickBooks;
  final SalesforceSandbox salesforce;
  final Reconciliation reconciliation;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** The two jobs of a scenario: every object from QuickBooks to Salesforce, and from Salesforce to QuickBooks. */
  record Jobs(String toSalesforce, String toQuickBooks) {
    List<String> ids() {
      return List.of(toSalesforce, toQuickBooks);
    }
  }

  private Landscape(SuiteSettings settings, Path dir, SandboxProcess sandbox) {
    this.settings = settings;
    this.dir = dir;
    this.sandbox = sandbox;
    resources.push(sandbox);
    this.quickBooks = new QuickBooksSandbox(sandbox.quickBooksUrl());
    this.salesforce = new SalesforceSandbox(sandbox.salesforceUrl());
    this.reconciliation = new Reconciliation(quickBooks, salesforce);
  }

  /** Starts the sandbox, seeds Salesforce-only records and notes what each side holds before any sync. */
  static Landscape create(String scenario) {
    return create(scenario, true);
  }

  /**
   * The same with QuickBooks' per-company throttle off, for a scenario that loads LedgerBridge rather than
   * waiting out Intuit's 500 calls a minute, which its own edits in QuickBooks would share.
   */
  static Landscape createWithoutQuickBooksThrottle(String scenario) {
    return create(scenario, false);
  }

  private static Landscape create(String scenario, boolean quickBooksThrottle) {
    SuiteSettings settings = SuiteSettings.fromSystemProperties();
    Path dir = settings.workDir().resolve(scenario + "-" + System.currentTimeMillis());
    try {
      Files.createDirectories(dir.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Landscape landscape = new Landscape(settings, dir, SandboxProcess.start(settings, dir, quickBooksThrottle));
    try {
      SalesforceSeed.create(landscape.salesforce, settings);
      landscape.reconciliation.noteSources();
      return landscape;
    } catch (RuntimeException e) {
      landscape.close();
      throw e;
    }
  }

  /** A worker with its own embedded Temporal and, unless told otherwise, H2 in this scenario's data directory. */
  LedgerBridgeProcess.Config workerConfig(String name) {
    return LedgerBridgeProcess.Config.embedded(name, dir.resolve("data"), sandbox);
  }

  LedgerBridgeProcess start(LedgerBridgeProcess.Config config) {
    return keep(LedgerBridgeProcess.start(config, settings));
  }

  /** Closed with the landscape, before what was kept earlier. */
  <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Connects the company and schedules both jobs; the first runs start at once. */
  Jobs scheduleAndRun(LedgerBridgeApi api, String cron) {
    api.connectQuickBooks();
    Jobs jobs = new Jobs(
        api.createJob("Resilience to Salesforce", "QBO_TO_SALESFORCE", TO_SALESFORCE_OBJECTS, cron),
        api.createJob("Resilience to QuickBooks", "SALESFORCE_TO_QBO", TO_QUICKBOOKS_OBJECTS, cron));
    jobs.ids().forEach(api::runNow);
    return jobs;
  }

  /**
   * Waits until this process of the worker is in the middle of runs: it finished syncing some object (or
   * waits for a lock a killed run left), and a run of either job is still running.
   */
  void awaitMidRun(LedgerBridgeApi api, LedgerBridgeProcess worker, Jobs jobs) {
    Waiting.until("a run is in the middle of its work", settings.deadline(), Duration.ofMillis(250),
        () -> (!worker.logLines("Synced ", ": read ").isEmpty() || !worker.logLines(" waits for ").isEmpty())
            && jobs.ids().stream().anyMatch(job -> running(api, job)),
        () -> LedgerBridgeProcess.tail(worker.output()));
  }

  private static boolean running(LedgerBridgeApi api, String jobId) {
    return api.runs(jobId).stream().anyMatch(run -> run.path("status").asText().equals("RUNNING"));
  }

  /**
   * Edits as people make them while LedgerBridge runs: a few QuickBooks customers renamed in QuickBooks and
   * a few Salesforce accounts renamed in Salesforce. The check compares against the sources' current content,
   * so an edit that never arrives (a cursor saved past it) shows as wrong.
   */
  void editSources(String tag) {
    List<JsonNode> customers = quickBooks.queryAll("Customer", "Active = true").stream()
        .filter(c -> !c.path("DisplayName").asText().startsWith("Resilience"))
        .sorted((a, b) -> Integer.compare(a.path("Id").asInt(), b.path("Id").asInt()))
        .limit(EDITS_PER_SIDE).toList();
    for (JsonNode customer : customers) {
      quickBooks.renameCustomer(customer.path("Id").asText(), baseName(customer.path("DisplayName").asText()) + " (" + tag + ")");
    }
    List<JsonNode> accounts = salesforce.query("SELECT Id, Name FROM Account").stream()
        .filter(a -> a.path("Name").asText().startsWith("Resilience Account"))
        .sorted((a, b) -> a.path("Name").asText().compareTo(b.path("Name").asText()))
        .limit(EDITS_PER_SIDE).toList();
    for (JsonNode account : accounts) {
      salesforce.update("Account", account.path("Id").asText(),
          Map.of("Name", baseName(account.path("Name").asText()) + " (" + tag + ")"));
    }
  }

  /** New records in both systems, made after the disturbance: they must arrive like any other. */
  void createRecords(String tag) {
    quickBooks.createCustomer("Resilience New Customer (" + tag + ")");
    reconciliation.noteCreatedInSalesforce(salesforce.create("Account", Map.of("Name", "Resilience New Account (" + tag + ")")));
  }

  private static String baseName(String name) {
    int edited = name.indexOf(" (");
    return edited < 0 ? name : name.substring(0, edited);
  }

  /**
   * Polls the check until every record is where it belongs and the runs have settled: each job ran again
   * after {@code since} by its schedule alone and no run from before {@code since} still shows as running.
   * Returns the figures of the last check, with the time from {@code since} to the first clean one, or none.
   */
  Figures converge(String scenario, LedgerBridgeApi api, Jobs jobs, Instant since) {
    Instant deadline = since.plus(settings.deadline());
    Figures last = null;
    String lastProblem = "no check ran";
    while (Instant.now().isBefore(deadline)) {
      try {
        String unsettled = unsettledRuns(api, jobs, since);
        last = reconciliation.check(scenario, api.openErrors(), true);
        if (last.clean() && unsettled == null) {
          return crossChecked(last.recovered(Duration.between(since, Instant.now())), api);
        }
        lastProblem = unsettled != null ? unsettled : "records not yet in place";
      } catch (RuntimeException unreachable) {
        lastProblem = "not reachable: " + unreachable.getMessage();
      }
      Waiting.pause(Duration.ofSeconds(5));
    }
    Figures figures = last != null ? last : new Figures(scenario, 0, List.of(), List.of(), List.of(), List.of(), null, null, List.of());
    return figures.withNote("not settled at the deadline: " + lastProblem);
  }

  /** The figures with what LedgerBridge's own reconciliation of the company finds, compared with the sandbox check. */
  static Figures crossChecked(Figures figures, LedgerBridgeApi api) {
    JsonNode reconciliation = api.reconcile(Duration.ofMinutes(5));
    StringBuilder how = new StringBuilder(reconciliation.path("status").asText());
    for (JsonNode object : reconciliation.path("objects")) {
      how.append("; ").append(object.path("object").asText()).append('/').append(object.path("salesforceObject").asText())
          .append(' ').append(object.path("counts"));
      if (!object.path("differingFields").isEmpty()) {
        how.append(" fields ").append(object.path("differingFields"));
      }
      int shown = 0;
      for (JsonNode sample : object.path("samples")) {
        if (!sample.path("recordClass").asText().equals("LINKED_EQUAL") && shown++ < 3) {
          how.append(" e.g. ").append(sample);
        }
      }
    }
    return figures.reconciledByProduct(reconciliation.path("differences").asInt(), how.toString());
  }

  /** Null when the runs have settled, else what is still missing. */
  private static String unsettledRuns(LedgerBridgeApi api, Jobs jobs, Instant since) {
    for (String job : jobs.ids()) {
      List<JsonNode> runs = api.runs(job);
      boolean ranSince = runs.stream().anyMatch(run -> !run.path("status").asText().equals("RUNNING")
          && Instant.parse(run.path("startedAt").asText()).isAfter(since));
      if (!ranSince) {
        return "job " + job + " has not completed a run since " + since;
      }
      for (JsonNode run : runs) {
        if (run.path("status").asText().equals("RUNNING") && Instant.parse(run.path("startedAt").asText()).isBefore(since)) {
          return "run " + run.path("runId").asText() + " of job " + job + " from before " + since + " still shows RUNNING";
        }
      }
    }
    return null;
  }

  /** The jobs are still active and scheduled in Temporal, with next run times. */
  static void assertStillScheduled(LedgerBridgeApi api, Jobs jobs) {
    for (String id : jobs.ids()) {
      JsonNode job = api.jobs().stream().filter(j -> j.path("id").asText().equals(id)).findFirst().orElse(null);
      assertThat(job).as("job %s is still there", id).isNotNull();
      assertThat(job.path("state").asText()).as("job %s state", id).isEqualTo("ACTIVE");
      assertThat(job.path("temporalState").asText()).as("job %s in Temporal", id).isEqualTo("SCHEDULED");
      assertThat(job.path("nextRuns").size()).as("job %s next runs", id).isPositive();
    }
  }

  /**
   * One line per recent run of the jobs, oldest first: what each did, as its report says (for the figures,
   * not the verdict).
   */
  static String runSummary(LedgerBridgeApi api, Jobs jobs) {
    StringBuilder out = new StringBuilder();
    for (String job : jobs.ids()) {
      List<JsonNode> runs = api.runs(job);
      for (int i = Math.min(runs.size(), RUNS_SHOWN) - 1; i >= 0; i--) {
        JsonNode run = runs.get(i);
        out.append("run of ").append(job).append(' ').append(run.path("startedAt").asText()).append(' ')
            .append(run.path("status").asText());
        if (run.hasNonNull("cause")) {
          String cause = run.path("cause").asText();
          out.append(": ").append(cause.length() > 200 ? cause.substring(0, 200) + "…" : cause);
        }
        out.append('\n');
      }
    }
    return out.toString().strip();
  }

  static void report(Figures figures) {
    report(figures.block());
  }

  /** Prints a scenario's block; synchronized so blocks of scenarios running side by side do not interleave. */
  static synchronized void report(String block) {
    System.out.println(block);
  }

  /** Fails with the scenario's whole block (examples, runs and their causes), which CI shows beside the failure. */
  static void assertCorrect(Figures figures) {
    assertThat(figures.clean()).as("every record exactly once with the right content:%s", figures.block()).isTrue();
    assertThat(figures.productAgrees()).as("LedgerBridge's reconciliation agrees with the sandbox check:%s", figures.block())
        .isTrue();
  }

  @Override
  public void close() {
    RuntimeException first = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("cleaning up " + dir, e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
