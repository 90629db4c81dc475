package io.ledgerbridge.worker.observability;

import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.ConnectionStore.StoredConnection;
import io.ledgerbridge.activities.store.OpenErrorCount;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code quickbooks}: per connected company, whether Intuit refused its refresh token, whether the
 * token is still valid and whether its syncs fail on authorization (an open AUTH error: an admin
 * must reconnect it). DOWN when any
 * company needs a reconnect; UNKNOWN while none is connected. Reads the database only: a health
 * probe must not spend the companies' API quota.
 */
@Component("quickbooks")
class QuickBooksHealth extends AbstractHealthIndicator {
  private final ConnectionStore connections;
  private final RecordErrorStore errors;
  private final LastCalls lastCalls;
  private final Clock clock = Clock.systemUTC();

  QuickBooksHealth(ConnectionStore connections, JdbcTemplate jdbc, LastCalls lastCalls) {
    super("QuickBooks connections cannot be read");
    this.connections = connections;
    this.errors = new RecordErrorStore(jdbc);
    this.lastCalls = lastCalls;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    List<StoredConnection> stored = connections.list(ConnectedSystem.QUICKBOOKS);
    List<OpenErrorCount> authErrors =
        errors.openCounts().stream().filter(c -> c.type() == FailureType.AUTH).toList();
    Map<String, Object> companies = new LinkedHashMap<>();
    boolean reconnectNeeded = false;
    for (StoredConnection connection : stored) {
      String realm = connection.accountId();
      Map<String, Object> company = new LinkedHashMap<>();
      boolean expired =
          connection.refreshTokenExpiresAt() != null && connection.refreshTokenExpiresAt().isBefore(clock.instant());
      company.put("refreshTokenExpiresAt", connection.refreshTokenExpiresAt());
      int failingOnAuth =
          authErrors.stream().filter(c -> c.companyId().equals(realm)).mapToInt(c -> c.records() + c.wholeObject()).sum();
      company.put("openAuthErrors", failingOnAuth);
      String status = connection.reauthorization() != null
          ? "RECONNECT: " + connection.reauthorization().reason()
          : expired ? "RECONNECT: refresh token expired"
          : failingOnAuth > 0 ? "RECONNECT: syncs fail on authorization" : "CONNECTED";
      company.put("status", status);
      reconnectNeeded |= !status.equals("CONNECTED");
      companies.put(realm, company);
    }
    health.status(stored.isEmpty() ? Status.UNKNOWN : reconnectNeeded ? Status.DOWN : Status.UP);
    health.withDetail("companies", companies);
    lastCalls.of(RemoteSystem.QUICKBOOKS).ifPresent(call -> health.withDetail("lastCall", call));
    if (stored.isEmpty()) {
      health.withDetail("hint", "no QuickBooks company is connected: POST /api/connections/quickbooks/authorizations");
    }
  }
}
