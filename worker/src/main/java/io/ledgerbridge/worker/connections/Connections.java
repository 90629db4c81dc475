package io.ledgerbridge.worker.connections;

import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.OrgStatus;
import io.ledgerbridge.activities.salesforce.SalesforceAuthFlow;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.activities.store.ConnectionCalls.LastCalls;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.ConnectionStore.StoredConnection;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import io.ledgerbridge.worker.config.QuickBooksOAuthPaths;
import io.ledgerbridge.worker.config.SalesforceOAuthPaths;
import io.ledgerbridge.workflows.sync.FailureType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every QuickBooks company LedgerBridge holds tokens for or whose jobs or calls name it, and the
 * Salesforce org: what state each is in, until when its tokens hold, how its calls last went. Reads
 * the database and what this process last saw of Salesforce; asks neither system anything.
 */
@Service
class Connections {
  /** Intuit: a refresh token chain ends five years after the authorization that began it. */
  static final int QUICKBOOKS_AUTHORIZATION_CAP_YEARS = 5;

  private final ConnectionStore store;
  private final JdbcTemplate jdbc;
  private final QuickBooksClient quickBooks;
  private final SalesforceClient salesforce;
  private final SalesforceSettings salesforceSettings;
  private final String salesforceAccount;
  private final String publicUrl;
  private final Clock clock = Clock.systemUTC();

  Connections(ConnectionStore store, JdbcTemplate jdbc, QuickBooksClient quickBooks, SalesforceClient salesforce,
      SalesforceSettings salesforceSettings, LedgerBridgeProperties properties) {
    this.store = store;
    this.jdbc = jdbc;
    this.quickBooks = quickBooks;
    this.salesforce = salesforce;
    this.salesforceSettings = salesforceSettings;
    this.salesforceAccount = salesforceSettings.accountId();
    this.publicUrl = properties.publicUrl();
  }

  /** The QuickBooks companies by realmId, then the Salesforce org. */
  List<ConnectionView> all() {
    Instant now = clock.instant();
    Map<String, StoredConnection> stored = new TreeMap<>();
    store.list(ConnectedSystem.QUICKBOOKS).forEach(c -> stored.put(c.accountId(), c));
    Map<String, LastCalls> calls = store.calls().of(ConnectedSystem.QUICKBOOKS);
    TreeSet<String> realms = new TreeSet<>(stored.keySet());
    realms.addAll(calls.keySet());
    realms.addAll(jdbc.queryForList("SELECT DISTINCT company_id FROM sync_job", String.class));
    List<ConnectionView> views = new ArrayList<>();
    for (String realm : realms) {
      views.add(quickBooks(realm, stored.get(realm), calls.get(realm), now));
    }
    views.add(salesforce(store.calls().of(ConnectedSystem.SALESFORCE).get(salesforceAccount)));
    return views;
  }

  /**
   * Revokes the company's tokens at Intuit and forgets them.
   *
   * @return whether Intuit revoked a token (false: Intuit had refused it already)
   * @throws io.ledgerbridge.activities.quickbooks.QuickBooksNotConnectedException when no tokens are held
   */
  boolean disconnectQuickBooks(String realmId) {
    return quickBooks.disconnect(realmId);
  }

  /** Where a browser starts connecting the company again (Intuit's "Reconnect URL"). */
  private String reconnectUrl(String realmId) {
    return publicUrl + QuickBooksOAuthPaths.RECONNECT + "?realmId=" + realmId;
  }

  private ConnectionView quickBooks(String realm, StoredConnection stored, LastCalls calls, Instant now) {
    LastCalls last = calls == null ? new LastCalls(null, null, null, null) : calls;
    Instant capAt = stored == null || stored.authorizedAt() == null
        ? null
        : stored.authorizedAt().atOffset(ZoneOffset.UTC).plusYears(QUICKBOOKS_AUTHORIZATION_CAP_YEARS).toInstant();
    ConnectionState state;
    String reason;
    if (stored == null || stored.reauthorization() == null && !stored.hasRefreshToken()) {
      state = ConnectionState.NOT_CONNECTED;
      reason = "LedgerBridge holds no tokens for QuickBooks company " + realm
          + " (disconnected, or never connected); connect it to sync it";
    } else if (stored.reauthorization() != null) {
      state = ConnectionState.NEEDS_REAUTHORIZATION;
      reason = stored.reauthorization().reason() + " (since " + stored.reauthorization().since() + ")";
    } else if (capAt != null && !capAt.isAfter(now)) {
      state = ConnectionState.NEEDS_REAUTHORIZATION;
      reason = "Intuit ends an authorization five years after it was given (" + stored.authorizedAt()
          + "); reconnect the company";
    } else if (stored.refreshTokenExpiresAt() != null && !stored.refreshTokenExpiresAt().isAfter(now)) {
      state = ConnectionState.NEEDS_REAUTHORIZATION;
      reason = "the refresh token expired at " + stored.refreshTokenExpiresAt() + " unused; reconnect the company";
    } else {
      state = ConnectionState.CONNECTED;
      reason = null;
    }
    return new ConnectionView(
        ConnectedSystem.QUICKBOOKS,
        realm,
        state,
        reason,
        stored == null ? null : stored.authorizedAt(),
        capAt,
        stored == null ? null : stored.accessTokenExpiresAt(),
        stored == null || stored.reauthorization() != null ? null : stored.refreshTokenExpiresAt(),
        last.lastSuccessAt(),
        last.lastFailureAt(),
        last.lastFailureType(),
        last.lastFailureReason(),
        null,
        null,
        null,
        null,
        stored != null,
        reconnectUrl(realm),
        null);
  }

  /**
   * The org. By the web-server flow it is connected while a refresh token is stored, needs re-authorization once
   * Salesforce refused it, and is not connected before an admin connected it or after one disconnected it. By the
   * client credentials and JWT bearer flows nothing is stored: it needs re-authorization only when the org refused
   * the configured credentials on the last call, and is fixed in the configuration, not by a connect flow.
   */
  private ConnectionView salesforce(LastCalls calls) {
    LastCalls last = calls == null ? new LastCalls(null, null, null, null) : calls;
    SalesforceAuthFlow flow = salesforceSettings.authFlow();
    StoredConnection stored = flow == SalesforceAuthFlow.WEB_SERVER
        ? store.list(ConnectedSystem.SALESFORCE).stream()
            .filter(connection -> connection.accountId().equals(salesforceAccount)).findFirst().orElse(null)
        : null;
    ConnectionState state;
    String reason;
    if (flow == SalesforceAuthFlow.WEB_SERVER) {
      if (stored != null && stored.reauthorization() != null) {
        state = ConnectionState.NEEDS_REAUTHORIZATION;
        reason = stored.reauthorization().reason() + " (since " + stored.reauthorization().since() + ")";
      } else if (stored == null || !stored.hasRefreshToken()) {
        state = ConnectionState.NOT_CONNECTED;
        reason = "LedgerBridge holds no Salesforce refresh token (disconnected, or never connected); an admin connects"
            + " the org with Connect Salesforce";
      } else {
        state = ConnectionState.CONNECTED;
        reason = null;
      }
    } else if (last.lastFailed() && last.lastFailureType() == FailureType.AUTH) {
      state = ConnectionState.NEEDS_REAUTHORIZATION;
      reason = "Salesforce refused the connected app's credentials: " + last.lastFailureReason() + "; correct "
          + (flow == SalesforceAuthFlow.JWT_BEARER
              ? "LEDGERBRIDGE_SALESFORCE_CLIENT_ID, LEDGERBRIDGE_SALESFORCE_USERNAME and"
                  + " LEDGERBRIDGE_SALESFORCE_PRIVATE_KEY_FILE (or the certificate on the connected app)"
              : "LEDGERBRIDGE_SALESFORCE_CLIENT_ID and LEDGERBRIDGE_SALESFORCE_CLIENT_SECRET")
          + ", or the app in Salesforce";
    } else {
      state = ConnectionState.CONNECTED;
      reason = null;
    }
    OrgStatus org = salesforce.status();
    return new ConnectionView(
        ConnectedSystem.SALESFORCE,
        salesforceAccount,
        state,
        reason,
        stored == null ? null : stored.authorizedAt(),
        null,
        null,
        null,
        last.lastSuccessAt(),
        last.lastFailureAt(),
        last.lastFailureType(),
        last.lastFailureReason(),
        org.apiCallsUsed(),
        org.apiCallsLimit(),
        org.apiCallsLeft(),
        org.observedAt(),
        stored != null,
        flow == SalesforceAuthFlow.WEB_SERVER ? publicUrl + SalesforceOAuthPaths.CONNECT : null,
        flow.configName());
  }
}
