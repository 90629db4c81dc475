package io.ledgerbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Load: 200 API clients call the REST API (jobs, a job, its runs, errors, status, catalog, schedule previews,
 * runs started by hand) while change notifications of every kind arrive — QuickBooks webhooks in both forms,
 * Salesforce outbound messages and Flow callouts — each naming customers just renamed in its system. Nothing may
 * be answered 5xx (or anything else a client does not expect), and every change a notification LedgerBridge
 * acknowledged must arrive in the other system, checked through the sandbox. Latencies are printed, never judged.
 *
 * <p>Notifications go in lanes: a lane owns a few customers, renames them in their source, delivers the
 * notification, and waits for the names to arrive before renaming them again, so every acknowledged notification
 * is checked on its own instead of a later one covering for it. Lanes alternate the kinds, half of them renaming
 * customers in QuickBooks and half their Accounts in Salesforce (disjoint customers, so no change meets a
 * conflict). The sandbox's QuickBooks throttle is off: Intuit's 500 calls a minute would pace the changes, not
 * LedgerBridge.
 */
class LoadResilienceTest {
  /** Far away: the suite's own "run now" (and the clients') start every run. */
  private static final String ONCE_A_YEAR = "0 0 1 1 *";
  private static final int MAX_LANES = 100;
  private static final Set<Integer> OK = Set.of(200);
  private static final Set<Integer> RUN_STARTED_OR_ALREADY_RUNNING = Set.of(202, 409);
  private static final String SCHEDULE = """
      {"schedule":{"minute":[30],"hour":[6,18],"dayOfWeek":["MON-FRI"],"timeZone":"Europe/Berlin"}}""";

  @Test
  void underTwoHundredApiClientsAndThousandsOfChangeNotificationsNothingFailsAndNoAcknowledgedChangeIsDropped() {
    try (Landscape landscape = Landscape.createWithoutQuickBooksThrottle("load")) {
      SuiteSettings settings = landscape.settings;
      LedgerBridgeProcess worker = landscape.start(landscape.workerConfig("worker"));
      LedgerBridgeApi api = new LedgerBridgeApi(worker);
      api.connectQuickBooks();
      String toSalesforce = api.createJob("Load to Salesforce", "QBO_TO_SALESFORCE", List.of("Customer"), ONCE_A_YEAR);
      String toQuickBooks = api.createJob("Load to QuickBooks", "SALESFORCE_TO_QBO", List.of("Customer"), ONCE_A_YEAR);
      api.runNow(toSalesforce);
      Waiting.until("the first sync of the customers has ended", settings.deadline(), Duration.ofSeconds(1),
          () -> ended(api.runs(toSalesforce)),
          () -> Landscape.runSummary(api, new Landscape.Jobs(toSalesforce, toQuickBooks)));

      List<Lane> lanes = lanes(landscape, settings);
      LoadFigures figures = new LoadFigures();
      Instant started = Instant.now();
      Instant deadline = started.plus(settings.deadline());
      ExecutorService clients = Executors.newFixedThreadPool(settings.apiClients());
      ExecutorService senders = Executors.newFixedThreadPool(lanes.size());
      try (Arrivals arrivals = new Arrivals(landscape.quickBooks, landscape.salesforce)) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        ApiClient client = new ApiClient(worker.baseUrl(), worker.adminToken(), toSalesforce, toQuickBooks, figures);
        for (int user = 0; user < settings.apiClients(); user++) {
          int first = user;
          all.add(CompletableFuture.runAsync(() -> client.session(first, settings.requestsPerClient()), clients));
        }
        AtomicInteger deliveries = new AtomicInteger();
        for (Lane lane : lanes) {
          all.add(CompletableFuture.runAsync(() -> lane.deliver(settings.deliveries(), deliveries, worker.baseUrl(),
              landscape, arrivals, figures, deadline), senders));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      } finally {
        clients.shutdownNow();
        senders.shutdownNow();
      }
      Duration took = Duration.between(started, Instant.now());

      int records = lanes.stream().mapToInt(lane -> lane.customerIds.size()).sum();
      String block = figures.block(String.format("load: %d API clients × %d calls, %d notifications of %d records",
              settings.apiClients(), settings.requestsPerClient(), settings.deliveries(), settings.recordsPerDelivery()),
          took, List.of(lanes.size() + " lanes of notifications over " + records + " customers, each renamed and waited for"
              + " before its next notification", Landscape.runSummary(api, new Landscape.Jobs(toSalesforce, toQuickBooks))
              .replace("\n", "\n  ")));
      Landscape.report(block);

      assertThat(figures.failures()).as("answers no client expects (5xx among them):%s", block).isEmpty();
      assertThat(figures.droppedChanges()).as("acknowledged changes that never arrived:%s", block).isEmpty();
    }
  }

  private static boolean ended(List<JsonNode> runs) {
    return !runs.isEmpty() && runs.stream().noneMatch(run -> run.path("status").asText().equals("RUNNING"));
  }

  /**
   * Customers the first sync linked to an Account, split into lanes of {@code recordsPerDelivery}, each lane of
   * the next notification kind.
   */
  private static List<Lane> lanes(Landscape landscape, SuiteSettings settings) {
    Map<String, String> accountByCustomer = new HashMap<>();
    String prefix = QuickBooksSandbox.REALM_ID + "-";
    for (JsonNode account : landscape.salesforce.query("SELECT Id, QBO_Id__c FROM Account")) {
      String key = account.path("QBO_Id__c").asText("");
      if (key.startsWith(prefix)) {
        accountByCustomer.put(key.substring(prefix.length()), account.path("Id").asText());
      }
    }
    List<JsonNode> customers = landscape.quickBooks.queryAll("Customer", "Active = true").stream()
        .filter(customer -> accountByCustomer.containsKey(customer.path("Id").asText()))
        .sorted(Comparator.comparingInt(customer -> customer.path("Id").asInt()))
        .toList();
    int count = Math.min(MAX_LANES, customers.size() / settings.recordsPerDelivery());
    assertThat(count).as("customers with an Account after the first sync: %d", customers.size()).isPositive();
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Lane lane = new Lane(ChangeNotices.Kind.values()[i % ChangeNotices.Kind.values().length]);
      for (JsonNode customer : customers.subList(i * settings.recordsPerDelivery(), (i + 1) * settings.recordsPerDelivery())) {
        String id = customer.path("Id").asText();
        lane.customerIds.add(id);
        lane.accountIds.add(accountByCustomer.get(id));
        lane.names.add(customer.path("DisplayName").asText().trim());
      }
      lanes.add(lane);
    }
    return lanes;
  }

  /** A few customers, renamed in one system and announced with one kind of notification, one change at a time. */
  private static final class Lane {
    final ChangeNotices.Kind kind;
    final List<String> customerIds = new ArrayList<>();
    final List<String> accountIds = new ArrayList<>();
    final List<String> names = new ArrayList<>();

    Lane(ChangeNotices.Kind kind) {
      this.kind = kind;
    }

    /**
     * Delivers until the lanes together have delivered {@code total}: a lane whose changes arrive sooner (QuickBooks
     * to Salesforce writes 200 records a call, the other way one) delivers more of them.
     */
    void deliver(int total, AtomicInteger deliveries, String baseUrl, Landscape landscape, Arrivals arrivals,
        LoadFigures figures, Instant deadline) {
      for (int delivery = deliveries.incrementAndGet(); delivery <= total; delivery = deliveries.incrementAndGet()) {
        List<String> newNames = new ArrayList<>();
        for (int i = 0; i < customerIds.size(); i++) {
          String newName = names.get(i) + " (load " + delivery + ")";
          newNames.add(newName);
          if (kind.fromQuickBooks()) {
            landscape.quickBooks.renameCustomer(customerIds.get(i), newName);
          } else {
            landscape.salesforce.update("Account", accountIds.get(i), Map.of("Name", newName));
          }
        }
        int numbered = delivery;
        Http.Reply reply = timed(kind.label, figures, OK, () -> ChangeNotices.send(baseUrl, kind,
            kind.fromQuickBooks() ? customerIds : accountIds, numbered));
        if (reply == null || !reply.ok()) {
          continue;
        }
        Instant acknowledged = Instant.now();
        figures.acknowledged(kind == ChangeNotices.Kind.SALESFORCE_OUTBOUND_MESSAGE ? 0 : reply.json().path("ignored").size());
        for (int i = 0; i < customerIds.size(); i++) {
          String change = kind.label + " " + delivery + ": customer " + customerIds.get(i) + " as '" + newNames.get(i) + "'";
          CompletableFuture<Void> arrival = kind.fromQuickBooks()
              ? arrivals.inSalesforce(customerIds.get(i), newNames.get(i))
              : arrivals.inQuickBooks(customerIds.get(i), newNames.get(i));
          try {
            arrival.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            figures.arrived(Duration.between(acknowledged, Instant.now()));
          } catch (TimeoutException notArrived) {
            figures.dropped(change + ", not in the other system by the deadline");
            // Later changes of this lane would only queue behind the missing one.
            return;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (ExecutionException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
  }

  /**
   * One virtual user's REST calls, each kind in turn, starting at a kind of its own. Runs by hand start the
   * to-Salesforce job only: a first Salesforce-to-QuickBooks run would create customers in the middle of the
   * lanes' renames, which is the crash and outage scenarios' ground, not what this scenario loads.
   */
  private record ApiClient(String baseUrl, String token, String toSalesforce, String toQuickBooks, LoadFigures figures) {
    void session(int user, int calls) {
      for (int n = 0; n < calls; n++) {
        String job = (user + n) % 2 == 0 ? toSalesforce : toQuickBooks;
        switch ((user + n) % 8) {
          case 0 -> get("GET /api/jobs", "/api/jobs");
          case 1 -> get("GET /api/jobs/{id}", "/api/jobs/" + job);
          case 2 -> get("GET /api/runs?jobId=", "/api/runs?limit=20&jobId=" + job);
          case 3 -> get("GET /api/errors", "/api/errors?status=OPEN&size=50");
          case 4 -> get("GET /api/status", "/api/status");
          case 5 -> get("GET /api/catalog", "/api/catalog");
          case 6 -> timed("POST /api/schedules/preview", figures, OK, () -> Http.send("POST",
              baseUrl + "/api/schedules/preview", "application/json", SCHEDULE, "Authorization", "Bearer " + token));
          default -> timed("POST /api/jobs/{id}/run (202 or 409)", figures, RUN_STARTED_OR_ALREADY_RUNNING,
              () -> Http.send("POST", baseUrl + "/api/jobs/" + toSalesforce + "/run", "application/json", null,
                  "Authorization", "Bearer " + token));
        }
      }
    }

    private void get(String kind, String path) {
      timed(kind, figures, OK, () -> Http.get(baseUrl + path, "Authorization", "Bearer " + token));
    }
  }

  /** Sends, measures and notes the answer; null when there was none. */
  private static Http.Reply timed(String kind, LoadFigures figures, Set<Integer> expected, Supplier<Http.Reply> call) {
    long start = System.nanoTime();
    try {
      Http.Reply reply = call.get();
      figures.answered(kind, reply, Duration.ofNanos(System.nanoTime() - start), expected);
      return reply;
    } catch (UncheckedIOException e) {
      figures.unanswered(kind, e.getMessage());
      return null;
    }
  }
}
