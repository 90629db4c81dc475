package io.ledgerbridge.worker.config;

import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.preflight.SalesforcePreflight;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.runs.RunReportActivitiesImpl;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.ConnectionListener;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.sync.SyncActivitiesImpl;
import io.ledgerbridge.activities.sync.SyncStores;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.ledgerbridge.worker.security.LocalSecrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The QuickBooks and Salesforce connections and the stores the activities use. In demo mode both
 * point at the in-process sandbox with its demo OAuth clients; otherwise the settings must name a
 * real app, and start-up stops with a message saying which variable is missing.
 */
@Configuration
class ConnectorsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ConnectorsConfiguration.class);

  @Bean
  OkHttpClient httpClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(120)) // QBO answers within 120 s or times out itself
        .callTimeout(Duration.ofSeconds(150))
        .build();
  }

  @Bean
  QuickBooksSettings quickBooksSettings(LedgerBridgeProperties properties, Optional<Sandbox> sandbox) {
    String redirectUri = properties.publicUrl() + QuickBooksOAuthPaths.CALLBACK;
    if (sandbox.isPresent()) {
      return QuickBooksSettings.at(
          sandbox.get().quickBooksUrl(), Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, redirectUri);
    }
    LedgerBridgeProperties.QuickBooks qbo = properties.qbo();
    require(qbo.clientId(), "LEDGERBRIDGE_QBO_CLIENT_ID", "the QuickBooks app's client id");
    require(qbo.clientSecret(), "LEDGERBRIDGE_QBO_CLIENT_SECRET", "the QuickBooks app's client secret");
    if (qbo.apiBaseUrl() != null && !qbo.apiBaseUrl().isBlank()) {
      return QuickBooksSettings.at(qbo.apiBaseUrl(), qbo.clientId(), qbo.clientSecret(), redirectUri);
    }
    return switch (qbo.environment()) {
      case "production" -> QuickBooksSettings.production(qbo.clientId(), qbo.clientSecret(), redirectUri);
      case "development" -> QuickBooksSettings.intuitDevelopment(qbo.clientId(), qbo.clientSecret(), redirectUri);
      default -> throw new IllegalStateException(
          "LEDGERBRIDGE_QBO_ENVIRONMENT must be 'production' or 'development', not '" + qbo.environment() + "'");
    };
  }

  @Bean
  SalesforceSettings salesforceSettings(LedgerBridgeProperties properties, Optional<Sandbox> sandbox) {
    if (sandbox.isPresent()) {
      return new SalesforceSettings(
          sandbox.get().salesforceUrl(),
          Sandbox.SALESFORCE_CLIENT_ID,
          Sandbox.SALESFORCE_CLIENT_SECRET,
          Sandbox.SALESFORCE_API_VERSION);
    }
    LedgerBridgeProperties.Salesforce salesforce = properties.salesforce();
    require(salesforce.loginUrl(), "LEDGERBRIDGE_SALESFORCE_LOGIN_URL", "your org's My Domain URL");
    require(salesforce.clientId(), "LEDGERBRIDGE_SALESFORCE_CLIENT_ID", "the connected app's consumer key");
    require(salesforce.clientSecret(), "LEDGERBRIDGE_SALESFORCE_CLIENT_SECRET", "the connected app's consumer secret");
    return new SalesforceSettings(
        salesforce.loginUrl(), salesforce.clientId(), salesforce.clientSecret(), salesforce.apiVersion());
  }

  private static void require(String value, String variable, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          variable + " is not set: set it to " + what + ", or run './ledgerbridge demo' to use the local sandbox");
    }
  }

  /** Tells every {@link ConnectionListener} (the alert webhook), looked up when a connection needs it. */
  @Bean
  ConnectionStore connectionStore(JdbcTemplate jdbc, LocalSecrets secrets, ObjectProvider<ConnectionListener> listeners) {
    return new ConnectionStore(jdbc, secrets.cipher(),
        (system, accountId, reason, since) ->
            listeners.orderedStream().forEach(listener -> listener.needsReauthorization(system, accountId, reason, since)));
  }

  @Bean
  QuickBooksLimits quickBooksLimits(JdbcTemplate jdbc, LedgerBridgeProperties properties) {
    return QuickBooksLimits.inDatabase(jdbc, properties.qbo().monthlyReads());
  }

  @Bean
  QuickBooksClient quickBooksClient(
      OkHttpClient http, QuickBooksSettings settings, ConnectionStore connections, QuickBooksLimits limits) {
    return new QuickBooksClient(http, settings, connections, limits);
  }

  @Bean
  SalesforceClient salesforceClient(OkHttpClient http, SalesforceSettings settings, LedgerBridgeProperties properties,
      ConnectionStore connections) {
    return new SalesforceClient(http, settings, CallRetries.standard(), properties.salesforce().apiReservePercent(),
        Clock.systemUTC(), connections.calls());
  }

  @Bean
  RunStore runStore(JdbcTemplate jdbc) {
    return new RunStore(jdbc);
  }

  /**
   * The field mappings: the built-in defaults, merged with the admin's file when {@code
   * ledgerbridge.mappings-file} (LEDGERBRIDGE_MAPPINGS_FILE) names one. An invalid file stops the
   * start with the file, the line and the reason.
   */
  @Bean
  Mappings mappings(LedgerBridgeProperties properties) {
    Path mappingsFile = properties.mappingsFile();
    if (mappingsFile == null) {
      return Mappings.defaults();
    }
    Mappings mappings = Mappings.load(mappingsFile);
    log.info("Field mappings: the defaults with {} merged in", mappingsFile);
    return mappings;
  }

  @Bean
  SyncActivities syncActivities(QuickBooksClient qbo, SalesforceClient salesforce, JdbcTemplate jdbc, Mappings mappings,
      LedgerBridgeProperties properties) {
    return new SyncActivitiesImpl(qbo, salesforce, SyncStores.on(jdbc), mappings, properties.salesforce().bulkThreshold());
  }

  @Bean
  SalesforcePreflight salesforcePreflight(SalesforceClient salesforce, Mappings mappings) {
    return new SalesforcePreflight(salesforce, mappings);
  }

  @Bean
  RunReportActivities runReportActivities(RunStore runs) {
    return new RunReportActivitiesImpl(runs);
  }
}
