package io.ledgerbridge.worker.notifications;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outgoing webhook ({@code ledgerbridge.notifications.*}, {@code LEDGERBRIDGE_NOTIFICATIONS_*}
 * in the environment): off while {@code webhookUrl} is empty.
 *
 * @param webhookUrl where the JSON is POSTed
 * @param secret the shared secret that signs each delivery (HMAC-SHA256); required with a URL
 * @param events which events are sent: RUN_FAILED, RUN_PARTLY_FAILED, ERRORS_RISING, RECONCILIATION_DIFFERENCES,
 *     CONNECTION_NEEDS_REAUTHORIZATION
 * @param maxAttempts deliveries are retried on network errors, 5xx, 408 and 429, this many attempts in all
 * @param firstRetryDelay the wait before the second attempt; it doubles after each further one
 * @param timeout how long one attempt may take
 */
@ConfigurationProperties("ledgerbridge.notifications")
public record NotificationProperties(
    String webhookUrl,
    String secret,
    @DefaultValue({"RUN_FAILED", "ERRORS_RISING", "RECONCILIATION_DIFFERENCES", "CONNECTION_NEEDS_REAUTHORIZATION"}) Set<NotificationEvent> events,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("2s") Duration firstRetryDelay,
    @DefaultValue("10s") Duration timeout) {

  public NotificationProperties {
    events = events == null ? Set.of() : Set.copyOf(events);
    if (webhookUrl != null && !webhookUrl.isBlank()) {
      URI uri;
      try {
        uri = URI.create(webhookUrl.trim());
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("ledgerbridge.notifications.webhook-url is not a URL: " + bad.getMessage());
      }
      if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
        throw new IllegalArgumentException("ledgerbridge.notifications.webhook-url must be an http(s) URL");
      }
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException(
            "LEDGERBRIDGE_NOTIFICATIONS_SECRET is not set: a webhook needs a shared secret to sign its deliveries");
      }
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("ledgerbridge.notifications.max-attempts must be 1 or more");
    }
  }

  public boolean enabled() {
    return webhookUrl != null && !webhookUrl.isBlank();
  }

  @Override
  public String toString() {
    return "NotificationProperties[webhookUrl=" + (webhookUrl == null ? null : URI.create(webhookUrl.trim()).getHost())
        + ", secret=" + (secret == null || secret.isEmpty() ? "<not set>" : "****") + ", events=" + events
        + ", maxAttempts=" + maxAttempts + ", firstRetryDelay=" + firstRetryDelay + ", timeout=" + timeout + "]";
  }
}
