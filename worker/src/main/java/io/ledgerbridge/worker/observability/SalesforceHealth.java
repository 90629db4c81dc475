package io.ledgerbridge.worker.observability;

import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code salesforce}: the org accepts the connected app's credentials (a session is held or can
 * be fetched; checked at most once a minute) and the last API answer this worker saw.
 */
@Component("salesforce")
class SalesforceHealth extends AbstractHealthIndicator {
  private static final Duration RECHECK = Duration.ofMinutes(1);

  private final SalesforceClient salesforce;
  private final String loginUrl;
  private final LastCalls lastCalls;
  private final Clock clock = Clock.systemUTC();
  private volatile Instant checkedAt;
  private volatile String failure;

  SalesforceHealth(SalesforceClient salesforce, SalesforceSettings settings, LastCalls lastCalls) {
    super("Salesforce cannot be checked");
    this.salesforce = salesforce;
    this.loginUrl = settings.loginUrl();
    this.lastCalls = lastCalls;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    Instant now = clock.instant();
    if (checkedAt == null || checkedAt.plus(RECHECK).isBefore(now)) {
      try {
        salesforce.connect();
        failure = null;
      } catch (RuntimeException e) {
        failure =
            RemoteFailures.classify(e).map(f -> f.type() + ": " + f.message()).orElse(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      checkedAt = now;
    }
    if (failure == null) {
      health.up();
    } else {
      health.down().withDetail("error", failure);
    }
    health.withDetail("org", loginUrl).withDetail("checkedAt", checkedAt);
    lastCalls.of(RemoteSystem.SALESFORCE).ifPresent(call -> health.withDetail("lastCall", call));
  }
}
