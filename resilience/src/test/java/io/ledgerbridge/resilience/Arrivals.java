package io.ledgerbridge.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches, through the sandbox's own APIs, for customer names to arrive: in Salesforce as the name of the Account
 * keyed with the customer, or in QuickBooks as the customer's DisplayName. One poller reads each system whole
 * while something is awaited there, so many waiters cost two queries a round, not one each.
 */
final class Arrivals implements AutoCloseable {
  private static final Duration ROUND = Duration.ofMillis(500);

  private final QuickBooksSandbox quickBooks;
  private final SalesforceSandbox salesforce;
  /** By QuickBooks customer id: the Account name awaited in Salesforce, and the DisplayName awaited in QuickBooks. */
  private final Map<String, Awaited> inSalesforce = new ConcurrentHashMap<>();
  private final Map<String, Awaited> inQuickBooks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "load-arrivals"));

  private record Awaited(String name, CompletableFuture<Void> arrived) {}

  Arrivals(QuickBooksSandbox quickBooks, SalesforceSandbox salesforce) {
    this.quickBooks = quickBooks;
    this.salesforce = salesforce;
    poller.scheduleWithFixedDelay(this::round, ROUND.toMillis(), ROUND.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Completes once the customer's Account in Salesforce has this name. */
  CompletableFuture<Void> inSalesforce(String customerId, String name) {
    return await(inSalesforce, customerId, name);
  }

  /** Completes once the customer in QuickBooks has this DisplayName. */
  CompletableFuture<Void> inQuickBooks(String customerId, String name) {
    return await(inQuickBooks, customerId, name);
  }

  private static CompletableFuture<Void> await(Map<String, Awaited> awaited, String customerId, String name) {
    Awaited next = new Awaited(name, new CompletableFuture<>());
    Awaited earlier = awaited.put(customerId, next);
    if (earlier != null && !earlier.arrived().isDone()) {
      throw new IllegalStateException("customer " + customerId + " still awaited as '" + earlier.name() + "'");
    }
    return next.arrived();
  }

  private void round() {
    try {
      if (!inSalesforce.isEmpty()) {
        Map<String, String> accountNames = new HashMap<>();
        String prefix = QuickBooksSandbox.REALM_ID + "-";
        for (JsonNode account : salesforce.query("SELECT Name, QBO_Id__c FROM Account")) {
          String key = account.path("QBO_Id__c").asText("");
          if (key.startsWith(prefix)) {
            accountNames.put(key.substring(prefix.length()), account.path("Name").asText());
          }
        }
        settle(inSalesforce, accountNames);
      }
      if (!inQuickBooks.isEmpty()) {
        Map<String, String> displayNames = new HashMap<>();
        quickBooks.queryAll("Customer", "Active = true")
            .forEach(customer -> displayNames.put(customer.path("Id").asText(), customer.path("DisplayName").asText()));
        settle(inQuickBooks, displayNames);
      }
    } catch (RuntimeException unreadable) {
      // SandboxCalls already retried; the next round reads again, and a waiter's deadline ends a real hang.
    }
  }

  private static void settle(Map<String, Awaited> awaited, Map<String, String> current) {
    awaited.forEach((customerId, expected) -> {
      if (expected.name().equals(current.get(customerId)) && expected.arrived().complete(null)) {
        awaited.remove(customerId, expected);
      }
    });
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
