package io.ledgerbridge.worker.realtime;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * What this instance has received of the change notifications since it started, per sending
 * system: the data behind "is Intuit (or Salesforce) reaching us at all, and is it accepted?".
 */
@Component
public class RealTimeActivity {
  /**
   * One sending system as the status page shows it.
   *
   * @param enabled whether its secret is configured; without it every notification is answered 503
   * @param lastRejection the reason the latest refused notification was refused, with its HTTP status
   */
  public record Source(
      String system,
      boolean enabled,
      List<String> endpoints,
      long notifications,
      long recordsSyncing,
      long recordsIgnored,
      Instant lastNotificationAt,
      Instant lastRejectedAt,
      String lastRejection) {}

  private final Counts quickBooks = new Counts();
  private final Counts salesforce = new Counts();
  private final RealTimeSettings settings;
  private final Clock clock = Clock.systemUTC();

  RealTimeActivity(RealTimeSettings settings) {
    this.settings = settings;
  }

  public List<Source> sources() {
    return List.of(
        quickBooks.source("quickbooks", settings.quickBooksVerifierToken() != null, List.of("/webhooks/quickbooks")),
        salesforce.source("salesforce", settings.salesforceNotificationToken() != null,
            List.of("/webhooks/salesforce/outbound-messages?token=…", "/webhooks/salesforce")));
  }

  void accepted(String system, long recordsSyncing, long recordsIgnored) {
    Counts counts = of(system);
    counts.notifications.incrementAndGet();
    counts.syncing.addAndGet(recordsSyncing);
    counts.ignored.addAndGet(recordsIgnored);
    counts.lastNotificationAt.set(clock.instant());
  }

  void rejected(String system, NotificationRejected rejection) {
    Counts counts = of(system);
    counts.lastRejectedAt.set(clock.instant());
    counts.lastRejection.set(rejection.getStatusCode().value() + ": " + rejection.getReason());
  }

  private Counts of(String system) {
    return system.equals("quickbooks") ? quickBooks : salesforce;
  }

  private static final class Counts {
    final AtomicLong notifications = new AtomicLong();
    final AtomicLong syncing = new AtomicLong();
    final AtomicLong ignored = new AtomicLong();
    final AtomicReference<Instant> lastNotificationAt = new AtomicReference<>();
    final AtomicReference<Instant> lastRejectedAt = new AtomicReference<>();
    final AtomicReference<String> lastRejection = new AtomicReference<>();

    Source source(String system, boolean enabled, List<String> endpoints) {
      return new Source(system, enabled, endpoints, notifications.get(), syncing.get(), ignored.get(),
          lastNotificationAt.get(), lastRejectedAt.get(), lastRejection.get());
    }
  }
}
